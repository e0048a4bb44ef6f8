package dev.adsbridge.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Meta's {@code signed_request} (deauthorize and data-deletion callbacks): {@code base64url(signature).base64url(payload)},
 * unpadded, where the signature is the raw HMAC-SHA256 of the encoded payload keyed by the app secret.
 */
public final class SignedRequest {

    /** The only algorithm Meta uses, and the only one accepted. */
    public static final String ALGORITHM = "HMAC-SHA256";

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SignedRequest() {
    }

    /**
     * Verifies the signature (in constant time) and returns the payload, e.g.
     * {@code {"user_id":"…","algorithm":"HMAC-SHA256","issued_at":…}}.
     *
     * @throws SignedRequestException when the input is malformed, the signature does not match, or the payload's
     *                                {@code algorithm} is not {@value #ALGORITHM}
     */
    public static JsonNode parse(String signedRequest, String appSecret) {
        Objects.requireNonNull(appSecret, "appSecret");
        if (signedRequest == null || signedRequest.isBlank()) {
            throw new SignedRequestException("signed_request is missing");
        }
        String[] parts = signedRequest.strip().split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new SignedRequestException("signed_request must be two base64url parts joined by a dot");
        }
        byte[] signature = decode(parts[0], "signature");
        byte[] expected = AppSecretProof.hmacSha256(appSecret.getBytes(StandardCharsets.UTF_8),
                parts[1].getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(signature, expected)) {
            throw new SignedRequestException("signed_request signature does not match the app secret");
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(decode(parts[1], "payload"));
        } catch (JacksonException e) {
            throw new SignedRequestException("signed_request payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new SignedRequestException("signed_request payload is not a JSON object");
        }
        String algorithm = Json.text(payload, "algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw new SignedRequestException("signed_request algorithm must be " + ALGORITHM + ", was "
                    + (algorithm == null ? "missing" : "'" + algorithm + "'"));
        }
        return payload;
    }

    /** Signs a payload the way Meta does (used by tests and by the sandbox's callback sender). */
    public static String sign(JsonNode payload, String appSecret) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(appSecret, "appSecret");
        String encodedPayload = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        byte[] signature = AppSecretProof.hmacSha256(appSecret.getBytes(StandardCharsets.UTF_8),
                encodedPayload.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(signature) + "." + encodedPayload;
    }

    /** Signs a payload given as a map; use an ordered map for a predictable encoding. */
    public static String sign(Map<String, ?> payload, String appSecret) {
        Objects.requireNonNull(payload, "payload");
        return sign((JsonNode) Json.MAPPER.valueToTree(payload), appSecret);
    }

    private static byte[] decode(String part, String what) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new SignedRequestException("signed_request " + what + " is not valid base64url");
        }
    }
}
