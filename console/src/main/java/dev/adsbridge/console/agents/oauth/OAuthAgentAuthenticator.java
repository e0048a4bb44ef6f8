package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.agents.AgentAuthenticator;
import dev.adsbridge.console.agents.AgentCredential;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * OAuth 2.1 access tokens at {@code /mcp}: the opaque tokens this console's authorization server issues (base64url,
 * looked up in the database on every call, so expiry and revocation hold at once). See {@link AgentGrants#authenticate}.
 */
@Component
class OAuthAgentAuthenticator implements AgentAuthenticator {

    /** Spring Authorization Server's opaque access tokens: 96 random bytes, base64url without padding (128 chars). */
    private static final Pattern OPAQUE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{64,512}");

    private final AgentGrants grants;

    OAuthAgentAuthenticator(AgentGrants grants) {
        this.grants = grants;
    }

    @Override
    public boolean recognizes(String bearerToken) {
        return !bearerToken.startsWith("abk_") && OPAQUE_TOKEN.matcher(bearerToken).matches();
    }

    @Override
    public Optional<AgentCredential> authenticate(String bearerToken) {
        return grants.authenticate(bearerToken);
    }
}
