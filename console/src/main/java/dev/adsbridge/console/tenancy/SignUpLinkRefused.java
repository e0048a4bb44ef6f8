package dev.adsbridge.console.tenancy;

/** A sign-up confirmation link that creates nothing; the message says why and what to do. */
public class SignUpLinkRefused extends TenancyException {

    private static final long serialVersionUID = 1L;

    /** Why: the page answers 404 for an unknown link, 410 for a used or expired one, 409 for a taken address. */
    public enum Reason { UNKNOWN, USED, EXPIRED, ADDRESS_TAKEN }

    private final Reason reason;

    SignUpLinkRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
