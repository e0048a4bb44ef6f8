package dev.adsbridge.console.vault;

import org.jspecify.annotations.Nullable;

/**
 * A token could not be sealed or opened, or a key operation was refused. Callers branch on {@link #reason()}.
 *
 * <p>The message names the reason, the key provider and version, never a token, key material, a ciphertext or a KMS
 * credential: it is safe to log and to show to an operator.
 */
public final class VaultException extends RuntimeException {

    /** Why the vault refused. */
    public enum Reason {
        /** The ciphertext was altered, or it belongs to another tenant or connection. */
        TAMPERED,
        /** The bytes are not a sealed token at all (truncated, wrong format). */
        MALFORMED,
        /** Sealed under a key version (or provider) this vault does not know. */
        UNKNOWN_KEY,
        /** Sealed under a key version that has been retired: it no longer decrypts. */
        KEY_RETIRED,
        /** The KMS could not be reached or answered with a server error: worth retrying later. */
        KMS_UNAVAILABLE,
        /** The KMS refused our credentials or policy denies the operation. */
        KMS_DENIED,
        /** The vault is not configured in a usable way (missing key, missing setting). */
        MISCONFIGURED,
        /** A key operation was refused because it would make stored tokens undecryptable. */
        REFUSED
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public VaultException(Reason reason, String message) {
        this(reason, message, null);
    }

    public VaultException(Reason reason, String message, @Nullable Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether retrying the same call later may succeed (the KMS was down); every other reason is permanent. */
    public boolean isTransient() {
        return reason == Reason.KMS_UNAVAILABLE;
    }
}
