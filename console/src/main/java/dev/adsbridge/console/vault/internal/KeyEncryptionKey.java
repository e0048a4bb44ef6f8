package dev.adsbridge.console.vault.internal;

import com.google.crypto.tink.Aead;
import dev.adsbridge.console.vault.KeyVersions;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A versioned key-encryption key held by a KMS, seen through Tink's {@link Aead}: {@code encrypt} wraps a data key under
 * the primary version, {@code decrypt} unwraps under whichever live version wrapped it. Every version is a positive
 * integer that grows with each rotation; retiring a version retires every older one too.
 */
public interface KeyEncryptionKey {

    /** Stable id stored with every sealed token, e.g. {@code local} or {@code vault-transit}. */
    String providerId();

    /** Wraps and unwraps data keys; failures are {@link KekException}s where the provider can tell why. */
    Aead aead();

    /** The version that produced a wrapped data key, read from the wrapped bytes themselves. */
    int versionOf(byte[] wrappedKey) throws KekException;

    /**
     * Fails with {@link dev.adsbridge.console.vault.VaultException.Reason#KEY_RETIRED} or {@code UNKNOWN_KEY} when
     * {@code version} cannot decrypt. Providers whose KMS reports this itself on decrypt may check nothing here.
     */
    void checkDecryptable(int version) throws GeneralSecurityException;

    KeyVersions versions() throws GeneralSecurityException;

    /** Creates a new version and makes it primary; returns it. Older versions keep decrypting. */
    int rotate() throws GeneralSecurityException;

    /** Retires {@code version} and every older one: they stop decrypting. Refused for the primary version. */
    void retire(int version) throws GeneralSecurityException;

    /** Re-wraps a data key under the primary version without exposing the token it protects. */
    default byte[] rewrap(byte[] wrappedKey) throws GeneralSecurityException {
        byte[] dataKey = aead().decrypt(wrappedKey, new byte[0]);
        try {
            return aead().encrypt(dataKey, new byte[0]);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }
}
