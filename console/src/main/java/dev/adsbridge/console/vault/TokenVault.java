package dev.adsbridge.console.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.Envelope;
import dev.adsbridge.console.vault.internal.KekException;
import dev.adsbridge.console.vault.internal.KeyEncryptionKey;
import dev.adsbridge.console.vault.internal.LocalKeysetKek;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Seals Meta access tokens for storage and opens them again, with envelope encryption: each token gets a fresh AES-256-GCM
 * data key (Tink's {@link KmsEnvelopeAead}), the data key is wrapped by the key-encryption key held in a KMS, and the
 * tenant and connection are bound in as associated data, so a ciphertext copied to another row does not open.
 *
 * <p>{@link #open} is the only way back to a token: call it right before building the {@code Authorization: Bearer}
 * header of one call, and keep the result out of fields, logs, exceptions and metrics. Failures are
 * {@link VaultException}s whose messages hold no token, key or ciphertext. Thread-safe.
 */
public final class TokenVault {

    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final KeyEncryptionKey kek;
    private final Aead envelope;
    private final Clock clock;

    /** A vault over a key-encryption-key provider; the Spring configuration builds it from {@code adsbridge.vault.*}. */
    public TokenVault(KeyEncryptionKey kek, Clock clock) {
        this.kek = kek;
        this.clock = clock;
        try {
            this.envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek.aead());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot build an AES-256-GCM envelope", e);
        }
    }

    /**
     * A vault whose key-encryption key lives only in memory: for other modules' tests and throwaway demos. Whatever it
     * seals cannot be opened by any other instance or after a restart.
     */
    public static TokenVault ephemeral() {
        return new TokenVault(LocalKeysetKek.inMemory(), Clock.systemUTC());
    }

    /**
     * Encrypts {@code token} for the given tenant and connection.
     *
     * @throws VaultException if the KMS cannot wrap the data key (e.g. {@link VaultException.Reason#KMS_UNAVAILABLE})
     */
    public SealedToken seal(TenantId tenant, UUID connectionId, String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("the token to seal is blank");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new IllegalArgumentException("the token to seal is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        byte[] plaintext = token.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = envelope.encrypt(plaintext, Envelope.associatedData(tenant.value(), connectionId));
            int version = kek.versionOf(Envelope.wrappedKey(ciphertext));
            return new SealedToken(ciphertext, kek.providerId(), version, clock.instant());
        } catch (GeneralSecurityException e) {
            throw failure(e, "seal a token", VaultException.Reason.MISCONFIGURED);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a token sealed for this tenant and connection.
     *
     * @throws VaultException {@link VaultException.Reason#TAMPERED} when the ciphertext was altered or belongs to
     *     another tenant or connection; {@code KEY_RETIRED} / {@code UNKNOWN_KEY} when its key version cannot decrypt;
     *     {@code KMS_UNAVAILABLE} / {@code KMS_DENIED} when the KMS does not cooperate
     */
    public String open(TenantId tenant, UUID connectionId, SealedToken sealed) {
        if (!sealed.kekProvider().equals(kek.providerId())) {
            throw new VaultException(VaultException.Reason.UNKNOWN_KEY, "the token was sealed by key provider '"
                    + sealed.kekProvider() + "', but this vault uses '" + kek.providerId() + "'");
        }
        byte[] plaintext = null;
        try {
            byte[] ciphertext = sealed.ciphertextView();
            int version = kek.versionOf(Envelope.wrappedKey(ciphertext));
            if (version != sealed.keyVersion()) {
                throw new VaultException(VaultException.Reason.TAMPERED, "the sealed token's key version ("
                        + sealed.keyVersion() + ") does not match its ciphertext");
            }
            kek.checkDecryptable(version);
            plaintext = envelope.decrypt(ciphertext, Envelope.associatedData(tenant.value(), connectionId));
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext))
                    .toString();
        } catch (GeneralSecurityException e) {
            throw failure(e, "open the token of connection " + connectionId + " (" + sealed.kekProvider() + " key v"
                    + sealed.keyVersion() + ")", VaultException.Reason.TAMPERED);
        } catch (CharacterCodingException e) {
            throw new VaultException(VaultException.Reason.MALFORMED, "the opened token is not UTF-8 text");
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /** The key versions of this vault's key-encryption key. */
    public KeyVersions keyVersions() {
        try {
            return kek.versions();
        } catch (GeneralSecurityException e) {
            throw failure(e, "read the key versions", VaultException.Reason.MISCONFIGURED);
        }
    }

    /** The provider id stored in every {@link SealedToken} this vault seals. */
    public String kekProvider() {
        return kek.providerId();
    }

    /**
     * The same sealed token with its data key re-wrapped under the primary key version; the token itself is neither
     * decrypted nor re-encrypted. Used by {@link KeyRotation}.
     */
    SealedToken rewrap(SealedToken sealed) {
        if (!sealed.kekProvider().equals(kek.providerId())) {
            throw new VaultException(VaultException.Reason.UNKNOWN_KEY, "cannot re-wrap a token sealed by key provider '"
                    + sealed.kekProvider() + "' with '" + kek.providerId() + "'");
        }
        try {
            byte[] ciphertext = sealed.ciphertextView();
            byte[] wrapped = Envelope.wrappedKey(ciphertext);
            kek.checkDecryptable(kek.versionOf(wrapped));
            byte[] rewrapped = kek.rewrap(wrapped);
            return sealed.rewrapped(Envelope.withWrappedKey(ciphertext, rewrapped), kek.versionOf(rewrapped));
        } catch (GeneralSecurityException e) {
            throw failure(e, "re-wrap a token (" + sealed.kekProvider() + " key v" + sealed.keyVersion() + ")",
                    VaultException.Reason.TAMPERED);
        }
    }

    KeyEncryptionKey kek() {
        return kek;
    }

    static VaultException failure(GeneralSecurityException e, String action, VaultException.Reason otherwise) {
        KekException classified = classified(e);
        if (classified != null) {
            return new VaultException(classified.reason(), "cannot " + action + ": " + classified.getMessage(), e);
        }
        if (otherwise == VaultException.Reason.TAMPERED) {
            // Tink says only "decryption failed": the tag did not verify, so the bytes or the tenant/connection differ.
            return new VaultException(otherwise, "cannot " + action + ": the ciphertext does not authenticate "
                    + "(altered, or sealed for another tenant or connection)", e);
        }
        return new VaultException(otherwise, "cannot " + action + " (" + e.getClass().getSimpleName() + ")", e);
    }

    private static @Nullable KekException classified(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KekException kek) {
                return kek;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TokenVault[kekProvider=" + kek.providerId() + "]";
    }
}
