package dev.adsbridge.graph;

/** A {@code signed_request} that is malformed, wrongly signed or uses an algorithm other than HMAC-SHA256. */
public final class SignedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignedRequestException(String message) {
        super(message);
    }

    public SignedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
