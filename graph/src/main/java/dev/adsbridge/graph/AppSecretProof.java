package dev.adsbridge.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code appsecret_proof}: {@code hex(HMAC-SHA256(key = app secret, message = access token))}. It shows Meta the
 * call comes from a server holding the app secret, so a leaked token alone is not enough to call the API.
 */
public final class AppSecretProof {

    private AppSecretProof() {
    }

    /** The lowercase hex proof for {@code accessToken}. */
    public static String compute(String appSecret, String accessToken) {
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(accessToken, "accessToken");
        return HexFormat.of().formatHex(hmacSha256(appSecret.getBytes(StandardCharsets.UTF_8),
                accessToken.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256; reaching this is a broken JDK, not a caller error.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
