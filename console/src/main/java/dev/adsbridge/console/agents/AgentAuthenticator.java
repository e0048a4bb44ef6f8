package dev.adsbridge.console.agents;

import java.util.Optional;

/**
 * Turns the bearer token an agent sends to {@code /mcp} into an {@link AgentCredential}. The seam for each way agents
 * authenticate: every Spring bean implementing it is asked in turn ({@link #recognizes} first), so adding a way is
 * adding a bean.
 *
 * <ul>
 *   <li>{@link ApiKeyAgentAuthenticator}: tenant API keys, {@code abk_…}.</li>
 *   <li>OAuth 2.1 access tokens (the console's authorization server) implement it too: recognize their own tokens,
 *       check signature, expiry, audience/resource (this MCP endpoint) and that the grant is not revoked, and answer
 *       the member, role (read afresh), scopes, ad-account allow-list and client name of the grant.</li>
 * </ul>
 *
 * <p>Implementations must never log the token. A token that {@link #recognizes} but does not authenticate (unknown,
 * revoked, expired, wrong audience) answers empty: the gateway then answers 401 with {@code error="invalid_token"}.
 */
public interface AgentAuthenticator {

    /** Whether the token has this authenticator's form (e.g. the {@code abk_} prefix); cheap, no look-ups. */
    boolean recognizes(String bearerToken);

    /** The credential the token stands for now, or empty when it is not (or no longer) valid. */
    Optional<AgentCredential> authenticate(String bearerToken);
}
