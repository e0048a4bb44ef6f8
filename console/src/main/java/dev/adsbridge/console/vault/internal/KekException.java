package dev.adsbridge.console.vault.internal;

import dev.adsbridge.console.vault.VaultException;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * A classified failure of a key-encryption-key provider. It travels through Tink's {@code Aead} interface (hence a
 * {@link GeneralSecurityException}) and becomes a {@link VaultException} with the same reason at the vault's edge.
 * Its message follows the same rule: no token, key material, ciphertext or credential.
 */
public final class KekException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    private final VaultException.Reason reason;

    public KekException(VaultException.Reason reason, String message) {
        this(reason, message, null);
    }

    public KekException(VaultException.Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public VaultException.Reason reason() {
        return reason;
    }

    public VaultException toVaultException() {
        return new VaultException(reason, getMessage(), this);
    }
}
