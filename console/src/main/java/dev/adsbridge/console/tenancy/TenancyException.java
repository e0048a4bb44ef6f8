package dev.adsbridge.console.tenancy;

/** A sign-up, invitation or team change that cannot be done; the message is for the user. */
public class TenancyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TenancyException(String message) {
        super(message);
    }
}
