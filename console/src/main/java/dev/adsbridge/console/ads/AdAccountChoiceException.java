package dev.adsbridge.console.ads;

/** The chosen ad accounts could not be stored; the message is for the user. */
public class AdAccountChoiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdAccountChoiceException(String message) {
        super(message);
    }
}
