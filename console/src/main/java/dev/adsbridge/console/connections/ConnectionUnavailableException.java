package dev.adsbridge.console.connections;

/** The connection has no usable token (it needs a reconnect, or was revoked). */
public class ConnectionUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectionUnavailableException(String message) {
        super(message);
    }
}
