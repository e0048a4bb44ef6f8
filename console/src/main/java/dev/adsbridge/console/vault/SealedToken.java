package dev.adsbridge.console.vault;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A token as stored at rest: the envelope ciphertext (the data key wrapped by the key-encryption key, then the token
 * encrypted under that data key), which key-encryption key wrapped it, and when it was sealed.
 *
 * <p>Store it whole with {@link #toBytes()} (a BLOB / BYTEA column) or {@link #toBase64()} (a text column) and read it
 * back with {@link #fromBytes(byte[])} / {@link #fromBase64(String)}; the encoding is versioned and stable. The
 * ciphertext alone opens only through {@link TokenVault#open} for the same tenant and connection. {@link #toString()}
 * shows the metadata and the ciphertext's length, never its bytes.
 *
 * @param ciphertext the envelope ciphertext, including the wrapped data key
 * @param kekProvider the key-encryption-key provider that wrapped the data key, e.g. {@code local} or {@code vault-transit}
 * @param keyVersion the version of that provider's key that wrapped the data key (it changes when rotation re-wraps)
 * @param createdAt when the token was sealed (kept across re-wraps), to the millisecond
 */
public record SealedToken(byte[] ciphertext, String kekProvider, int keyVersion, Instant createdAt) {

    private static final byte MAGIC = 'V';
    private static final byte FORMAT_V1 = 1;
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public SealedToken {
        if (ciphertext.length == 0) {
            throw new IllegalArgumentException("ciphertext must not be empty");
        }
        if (!PROVIDER_ID.matcher(kekProvider).matches()) {
            throw new IllegalArgumentException("kekProvider must be a short lowercase id");
        }
        if (keyVersion < 0) {
            throw new IllegalArgumentException("keyVersion must not be negative");
        }
        ciphertext = ciphertext.clone();
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A copy of the ciphertext. */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The stable binary encoding: format byte, provider id, key version, creation time, ciphertext. */
    public byte[] toBytes() {
        byte[] provider = kekProvider.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + 1 + provider.length + 4 + 8 + ciphertext.length)
                .put(MAGIC)
                .put(FORMAT_V1)
                .put((byte) provider.length)
                .put(provider)
                .putInt(keyVersion)
                .putLong(createdAt.toEpochMilli())
                .put(ciphertext)
                .array();
    }

    /**
     * Reads {@link #toBytes()} back.
     *
     * @throws VaultException with reason {@link VaultException.Reason#MALFORMED} if the bytes are not a sealed token
     */
    public static SealedToken fromBytes(byte[] encoded) {
        try {
            ByteBuffer in = ByteBuffer.wrap(encoded);
            if (in.get() != MAGIC || in.get() != FORMAT_V1) {
                throw malformed();
            }
            byte[] provider = new byte[in.get()];
            in.get(provider);
            int keyVersion = in.getInt();
            Instant createdAt = Instant.ofEpochMilli(in.getLong());
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            return new SealedToken(ciphertext, new String(provider, StandardCharsets.US_ASCII), keyVersion, createdAt);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw malformed();
        }
    }

    /** {@link #toBytes()} as standard Base64, for a text column. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    /** Reads {@link #toBase64()} back; {@link VaultException.Reason#MALFORMED} if it is not one. */
    public static SealedToken fromBase64(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        return fromBytes(bytes);
    }

    /** A copy of this token with another ciphertext and key version, as rotation produces it. */
    SealedToken rewrapped(byte[] newCiphertext, int newKeyVersion) {
        return new SealedToken(newCiphertext, kekProvider, newKeyVersion, createdAt);
    }

    /** The ciphertext without a copy, for the vault's own reads. */
    byte[] ciphertextView() {
        return ciphertext;
    }

    private static VaultException malformed() {
        // Deliberately no detail: the input may be anything, including a pasted secret.
        return new VaultException(VaultException.Reason.MALFORMED, "not a sealed token (wrong format or truncated)");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SealedToken other
                && keyVersion == other.keyVersion
                && kekProvider.equals(other.kekProvider)
                && createdAt.equals(other.createdAt)
                && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kekProvider.hashCode() + keyVersion) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedToken[kekProvider=" + kekProvider + ", keyVersion=" + keyVersion + ", createdAt=" + createdAt
                + ", ciphertext=<" + ciphertext.length + " bytes>]";
    }
}
