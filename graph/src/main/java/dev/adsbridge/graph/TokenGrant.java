package dev.adsbridge.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * An access token obtained from {@code /oauth/access_token}. {@link #toString()} masks the token.
 *
 * @param accessToken the token; keep it encrypted at rest and out of logs
 * @param tokenType   usually {@code bearer}
 * @param expiresIn   lifetime from now as Meta reported it; null when Meta sent none (a token that does not expire)
 */
public record TokenGrant(String accessToken, String tokenType, Duration expiresIn) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "TokenGrant[accessToken=" + Redactor.MASK + ", tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
