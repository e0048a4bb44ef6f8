package dev.adsbridge.console.vault.internal;

import dev.adsbridge.console.vault.VaultException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The envelope layout written by Tink's {@code KmsEnvelopeAead}: a 4-byte big-endian length, the wrapped data key, then
 * the AES-GCM ciphertext of the token. Reading the wrapped key tells which key version sealed a token, and replacing it
 * re-wraps the data key without touching (or decrypting) the token itself.
 */
public final class Envelope {

    private static final int MAX_WRAPPED_KEY = 4096; // the same bound KmsEnvelopeAead enforces
    private static final byte[] DOMAIN = "adsbridge/vault/token/v1".getBytes(StandardCharsets.US_ASCII);

    private Envelope() {}

    public static byte[] wrappedKey(byte[] envelope) throws KekException {
        return Arrays.copyOfRange(envelope, 4, 4 + wrappedKeyLength(envelope));
    }

    public static byte[] withWrappedKey(byte[] envelope, byte[] newWrappedKey) throws KekException {
        int payloadStart = 4 + wrappedKeyLength(envelope);
        return ByteBuffer.allocate(4 + newWrappedKey.length + envelope.length - payloadStart)
                .putInt(newWrappedKey.length)
                .put(newWrappedKey)
                .put(envelope, payloadStart, envelope.length - payloadStart)
                .array();
    }

    /**
     * The associated data every token is sealed with: a domain label, then the tenant id and the connection id as 16
     * bytes each, so a ciphertext copied to another row does not decrypt.
     */
    public static byte[] associatedData(UUID tenantId, UUID connectionId) {
        return ByteBuffer.allocate(4 + DOMAIN.length + 32)
                .putInt(DOMAIN.length)
                .put(DOMAIN)
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits())
                .putLong(connectionId.getMostSignificantBits())
                .putLong(connectionId.getLeastSignificantBits())
                .array();
    }

    private static int wrappedKeyLength(byte[] envelope) throws KekException {
        if (envelope.length < 4) {
            throw malformed();
        }
        int length = ByteBuffer.wrap(envelope, 0, 4).getInt();
        if (length <= 0 || length > MAX_WRAPPED_KEY || envelope.length - 4 - length <= 0) {
            throw malformed();
        }
        return length;
    }

    private static KekException malformed() {
        return new KekException(VaultException.Reason.MALFORMED, "not an envelope ciphertext (bad wrapped-key length)");
    }
}
