/**
 * The console as the OAuth 2.1 authorization server and resource server of its tenant MCP endpoint {@code /mcp}, as
 * the MCP authorization specification (2025-06-18, 2025-11-25) asks: protected resource metadata (RFC 9728),
 * authorization server metadata (RFC 8414), PKCE S256, resource indicators (RFC 8707), dynamic client registration (RFC
 * 7591) and client ID metadata documents, short-lived opaque access tokens with rotating refresh tokens in the
 * database; sign-in through the console's own session, a consent screen that names the agent, the tenant, the scopes
 * and the ad accounts; the grants a member can list and revoke ({@link dev.adsbridge.console.agents.oauth.AgentGrants}).
 * Built on Spring Authorization Server.
 */
@NullMarked
package dev.adsbridge.console.agents.oauth;

import org.jspecify.annotations.NullMarked;
