package dev.adsbridge.console.agents.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.agents.AgentCredential;
import dev.adsbridge.console.agents.AgentScope;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import tools.jackson.databind.JsonNode;

/**
 * The console's OAuth 2.1 authorization server for {@code /mcp}, over real HTTP against PostgreSQL, the sandbox and the
 * MCP server: metadata documents, dynamic registration, PKCE, resource indicators, consent (with the member's session
 * cookie and CSRF token), tokens, refresh rotation, revocation.
 */
public class OAuthAuthorizationServerTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final String BASE = harness.baseUrl;
    public static final String REDIRECT = "http://127.0.0.1:9/callback";

    /** A tenant whose owner connected Facebook Ads and picked two accounts; signed in. */
    public static ConsoleHarness.Signed tenantWithAccounts(String company) {
        ConsoleHarness.Signed owner = harness.owner(company + " " + UUID.randomUUID().toString().substring(0, 5));
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().postFieldsOnce(BASE + "/connections/" + connection + "/ad-accounts", List.of(
                Map.entry("account", "act_1000000001"), Map.entry("account", "act_1000000002"),
                Map.entry("_csrf", owner.browser().get("/signin").input("_csrf").orElseThrow())));
        return owner;
    }

    @Test
    void metadataDocumentsNameTheResourceAndTheAuthorizationServer() {
        for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
            AgentSignIn.Answer prm = AgentSignIn.get(BASE + path);
            assertThat(prm.status()).as(path + " " + prm.body()).isEqualTo(200);
            assertThat(prm.body()).as(path).contains("\"authorization_servers\":[\"" + BASE + "\"]");
            JsonNode document = prm.json();
            assertThat(document.path("resource").asString()).isEqualTo(BASE + "/mcp");
            assertThat(document.path("authorization_servers").get(0).asString()).isEqualTo(BASE);
            assertThat(document.path("scopes_supported").toString()).contains("ads:read", "ads:write");
            assertThat(prm.header("Access-Control-Allow-Origin")).isNull(); // no Origin sent
        }
        // /mcp's challenge points at that document.
        AgentSignIn.Answer challenge = AgentSignIn.mcp(BASE, null, "tools/list", Map.of());
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate"))
                .startsWith("Bearer resource_metadata=\"" + BASE + "/.well-known/oauth-protected-resource/mcp\"");

        AgentSignIn.Answer as = AgentSignIn.get(BASE + "/.well-known/oauth-authorization-server");
        assertThat(as.status()).isEqualTo(200);
        JsonNode metadata = as.json();
        assertThat(metadata.path("issuer").asString()).isEqualTo(BASE);
        assertThat(metadata.path("authorization_endpoint").asString()).isEqualTo(BASE + "/oauth2/authorize");
        assertThat(metadata.path("token_endpoint").asString()).isEqualTo(BASE + "/oauth2/token");
        assertThat(metadata.path("registration_endpoint").asString()).isEqualTo(BASE + "/oauth2/register");
        assertThat(strings(metadata.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(strings(metadata.path("grant_types_supported")))
                .containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(strings(metadata.path("response_types_supported"))).containsExactly("code");
        assertThat(strings(metadata.path("token_endpoint_auth_methods_supported"))).contains("none");
        assertThat(metadata.path("client_id_metadata_document_supported").asBoolean()).isTrue();
    }

    @Test
    void browserClientsMayReadTheMetadataFromAnotherOrigin() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(BASE + "/.well-known/oauth-protected-resource/mcp"))
                .header("Origin", "https://agent.example").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void dynamicRegistrationAcceptsPublicClientsWithSafeRedirectUrisOnly() {
        long before = harness.count("oauth2_registered_client");
        AgentSignIn.Answer registered = AgentSignIn.register(BASE, "{\"client_name\":\"Claude Code\","
                + "\"redirect_uris\":[\"http://127.0.0.1:33418/callback\",\"https://claude.ai/api/mcp/auth_callback\"],"
                + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"response_types\":[\"code\"],\"scope\":\"ads:read ads:write\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode client = registered.json();
        assertThat(client.path("client_id").asString()).isNotBlank();
        assertThat(client.path("client_secret").isMissingNode()).isTrue();
        assertThat(client.path("token_endpoint_auth_method").asString()).isEqualTo("none");
        assertThat(strings(client.path("grant_types"))).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(harness.count("oauth2_registered_client")).isEqualTo(before + 1);

        for (String bad : List.of(
                "{\"client_name\":\"x\",\"redirect_uris\":[\"http://evil.example/callback\"]}",
                "{\"client_name\":\"x\",\"redirect_uris\":[\"javascript:alert(1)\"]}",
                "{\"client_name\":\"x\",\"redirect_uris\":[\"https://ok.example/cb#frag\"]}",
                "{\"client_name\":\"x\",\"redirect_uris\":[]}",
                "{\"client_name\":\"x\",\"redirect_uris\":[\"https://ok.example/cb\"],\"grant_types\":[\"client_credentials\"]}",
                "{\"client_name\":\"x\",\"redirect_uris\":[\"https://ok.example/cb\"],\"scope\":\"admin\"}")) {
            AgentSignIn.Answer refused = AgentSignIn.register(BASE, bad);
            assertThat(refused.status()).as(bad + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).as(bad).isIn("invalid_redirect_uri", "invalid_client_metadata", "invalid_request",
                    "invalid_scope");
        }
        assertThat(harness.count("oauth2_registered_client")).isEqualTo(before + 1);
    }

    @Test
    void registrationIsRateLimitedPerClientAddress() {
        int created = 0;
        AgentSignIn.Answer last = null;
        for (int i = 0; i < 25; i++) {
            last = AgentSignIn.send(HttpRequest.newBuilder(URI.create(BASE + "/oauth2/register"))
                    .header("Content-Type", "application/json")
                    // Loopback is a trusted proxy in tests: this is the client's address.
                    .header("X-Forwarded-For", "203.0.113.77")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"burst\",\"redirect_uris\":"
                            + "[\"https://burst.example/cb\"],\"token_endpoint_auth_method\":\"none\"}")));
            if (last.status() == 201) {
                created++;
            } else {
                break;
            }
        }
        assertThat(created).isEqualTo(20); // the default per address and hour
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(last.json().path("error").asString()).isEqualTo("too_many_requests");
    }

    @Test
    void codeFlowWithPkceConsentTokensRefreshAndRevoke() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Flow");
        String clientId = AgentSignIn.registerPublic(BASE, "Test Agent", REDIRECT);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        String state = UUID.randomUUID().toString();
        String url = AgentSignIn.authorizeUrl(BASE, AgentSignIn.request(clientId, REDIRECT, pkce, state, BASE + "/mcp"));

        // Not signed in: the console's sign-in page first.
        Page anonymous = new dev.adsbridge.console.support.Browser(BASE).getOnce(url);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.headers().get("location")).endsWith("/signin");

        Page consent = AgentSignIn.openConsent(owner.browser(), url);
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.path()).startsWith("/oauth2/consent");
        assertThat(consent.body()).contains("Test Agent", "127.0.0.1", "ads:read", "ads:write", "act_1000000001",
                "act_1000000002");
        assertThat(consent.headers().get("content-security-policy")).contains("form-action 'self' http://127.0.0.1:*");
        Map<String, List<String>> offered = AgentSignIn.offered(consent);
        assertThat(offered.get("scope")).containsExactly("ads:read", "ads:write");
        assertThat(offered.get("account")).containsExactlyInAnyOrder("act_1000000001", "act_1000000002");

        // Without the CSRF token the consent is refused and no code is issued.
        Page forged = AgentSignIn.allow(owner.browser(), BASE, consent, List.of("ads:read"), List.of("act_1000000001"),
                false);
        assertThat(forged.status()).isEqualTo(403);

        Page allowed = AgentSignIn.allow(owner.browser(), BASE, consent, List.of("ads:read", "ads:write"),
                List.of("act_1000000002"), true);
        assertThat(allowed.headers().get("location")).startsWith(REDIRECT + "?");
        Map<String, String> callback = AgentSignIn.redirectParameters(allowed);
        assertThat(callback.get("state")).isEqualTo(state);
        String code = callback.get("code");
        assertThat(code).isNotBlank();
        assertThat(callback).doesNotContainKeys("access_token", "refresh_token");

        // A wrong verifier is refused, and the code cannot be used twice after success.
        AgentSignIn.Answer wrongVerifier = AgentSignIn.token(BASE, codeExchange(clientId, code,
                AgentSignIn.Pkce.create().verifier(), null));
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.json().path("error").asString()).isEqualTo("invalid_grant");

        AgentSignIn.Answer tokens = AgentSignIn.token(BASE, codeExchange(clientId, code, pkce.verifier(),
                BASE + "/mcp"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode issued = tokens.json();
        String access = issued.path("access_token").asString();
        String refresh = issued.path("refresh_token").asString();
        assertThat(access).isNotBlank();
        assertThat(refresh).isNotBlank();
        assertThat(issued.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(issued.path("expires_in").asLong()).isBetween(590L, 600L);
        assertThat(tokens.header("Cache-Control")).contains("no-store");

        AgentGrants grants = harness.bean(AgentGrants.class);
        AgentCredential agent = grants.authenticate(access).orElseThrow();
        assertThat(agent.kind()).isEqualTo(AgentCredential.Kind.OAUTH);
        assertThat(agent.tenant()).isEqualTo(owner.tenant());
        assertThat(agent.memberEmail()).isEqualTo(owner.email());
        assertThat(agent.scopes()).containsExactlyInAnyOrder(AgentScope.ADS_READ, AgentScope.ADS_WRITE);
        assertThat(agent.adAccounts()).containsExactly("act_1000000002");
        assertThat(agent.name()).isEqualTo("Test Agent");
        assertThat(agent.canWrite()).isTrue();
        assertThat(agent.expiresAt()).isNotNull();
        // Through /mcp: the write tools are there, the granted account answers, the account left out does not.
        AgentSignIn.Answer listed = AgentSignIn.mcp(BASE, access, "tools/list", Map.of());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"get_campaigns\"", "\"create_campaign\"");
        JsonNode granted = AgentSignIn.mcp(BASE, access, "tools/call", Map.of("name", "get_campaigns",
                "arguments", Map.of("account_id", "act_1000000002", "limit", 1))).json().path("result");
        assertThat(granted.path("isError").asBoolean()).as(granted.toString()).isFalse();
        JsonNode leftOut = AgentSignIn.mcp(BASE, access, "tools/call", Map.of("name", "get_campaigns",
                "arguments", Map.of("account_id", "act_1000000001", "limit", 1))).json().path("result");
        assertThat(leftOut.path("isError").asBoolean()).isTrue();

        // Refresh: a new access and refresh token; the old refresh token is spent, the old access token replaced.
        AgentSignIn.Answer refreshed = AgentSignIn.token(BASE, refreshGrant(clientId, refresh));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access2 = refreshed.json().path("access_token").asString();
        String refresh2 = refreshed.json().path("refresh_token").asString();
        assertThat(access2).isNotEqualTo(access);
        assertThat(refresh2).isNotBlank().isNotEqualTo(refresh);
        assertThat(AgentSignIn.token(BASE, refreshGrant(clientId, refresh)).json().path("error").asString())
                .isEqualTo("invalid_grant");
        assertThat(grants.authenticate(access)).isEmpty();
        assertThat(grants.authenticate(access2).orElseThrow().adAccounts()).containsExactly("act_1000000002");
        // Another client cannot use this client's refresh token.
        String otherClient = AgentSignIn.registerPublic(BASE, "Other", REDIRECT);
        assertThat(AgentSignIn.token(BASE, refreshGrant(otherClient, refresh2)).status()).isEqualTo(400);

        assertThat(AgentSignIn.mcp(BASE, access, "tools/list", Map.of()).status()).isEqualTo(401);
        assertThat(AgentSignIn.mcp(BASE, access2, "tools/list", Map.of()).status()).isEqualTo(200);

        // Settings → AI agents lists it; revoking refuses its next call and its next refresh.
        Page list = owner.browser().get("/settings/agents");
        assertThat(list.body()).contains("Test Agent", "returns to 127.0.0.1 (this computer)", owner.email(),
                "act_1000000002");
        Page revoked = owner.browser().post("/settings/agents/authorized/" + agent.credentialId() + "/revoke",
                Map.of());
        assertThat(revoked.body()).contains("Access revoked");
        AgentSignIn.Answer refused = AgentSignIn.mcp(BASE, access2, "tools/list", Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(grants.authenticate(access2)).isEmpty();
        assertThat(AgentSignIn.token(BASE, refreshGrant(clientId, refresh2)).status()).isEqualTo(400);
        assertThat(owner.browser().get("/settings/agents").body()).doesNotContain("Test Agent");
        List<String> actions = harness.db().sql("select action from audit_log where tenant_id = ? and target_type = "
                + "'agent' order by seq").param(owner.tenant().value()).query(String.class).list();
        assertThat(actions).containsExactly("agent.grant", "agent.revoke");
    }

    @Test
    void aCodeUsedTwiceRevokesWhatItGave() {
        Agent agent = readOnlyAgent("Replay");
        String clientId = agent.clientId();
        AgentSignIn.Code granted = agent.granted();
        String access = agent.access();
        AgentGrants grants = harness.bean(AgentGrants.class);
        assertThat(grants.authenticate(access).orElseThrow().scopes()).containsExactly(AgentScope.ADS_READ);
        assertThat(AgentSignIn.token(BASE, codeExchange(clientId, granted.code(), granted.pkce().verifier(), null))
                .status())
                .isEqualTo(400);
        assertThat(grants.authenticate(access)).isEmpty();
    }

    @Test
    void pkceIsRequiredAndOnlyS256() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Pkce");
        String clientId = AgentSignIn.registerPublic(BASE, "Pkce Agent", REDIRECT);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        Map<String, String> without = AgentSignIn.request(clientId, REDIRECT, pkce, "s", BASE + "/mcp");
        without.remove("code_challenge");
        without.remove("code_challenge_method");
        Map<String, String> error = AgentSignIn.redirectParameters(owner.browser().getOnce(
                AgentSignIn.authorizeUrl(BASE, without)));
        assertThat(error.get("error")).isEqualTo("invalid_request");
        assertThat(error.get("error_description")).contains("code_challenge");

        Map<String, String> plain = AgentSignIn.request(clientId, REDIRECT, pkce, "s", BASE + "/mcp");
        plain.put("code_challenge", pkce.verifier());
        plain.put("code_challenge_method", "plain");
        error = AgentSignIn.redirectParameters(owner.browser().getOnce(AgentSignIn.authorizeUrl(BASE, plain)));
        assertThat(error.get("error")).isEqualTo("invalid_request");
        assertThat(error.get("error_description")).contains("code_challenge_method");

        // A redirect URI that was not registered: no redirect to it at all.
        Map<String, String> elsewhere = AgentSignIn.request(clientId, "https://attacker.example/cb", pkce, "s",
                BASE + "/mcp");
        Page refused = owner.browser().getOnce(AgentSignIn.authorizeUrl(BASE, elsewhere));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().get("location")).isNull();
    }

    @Test
    void aTokenForAnotherResourceIsRefused() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Resource");
        String clientId = AgentSignIn.registerPublic(BASE, "Resource Agent", REDIRECT);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        Map<String, String> error = AgentSignIn.redirectParameters(owner.browser().getOnce(AgentSignIn.authorizeUrl(
                BASE, AgentSignIn.request(clientId, REDIRECT, pkce, "s", "https://other.example/mcp"))));
        assertThat(error.get("error")).isEqualTo("invalid_target");

        // The authorization names /mcp but the token request another resource: refused, no token.
        Page consent = AgentSignIn.openConsent(owner.browser(), AgentSignIn.authorizeUrl(BASE,
                AgentSignIn.request(clientId, REDIRECT, pkce, "s2", BASE + "/mcp")));
        String code = AgentSignIn.redirectParameters(AgentSignIn.allow(owner.browser(), BASE, consent,
                List.of("ads:read"), List.of("act_1000000001"), true)).get("code");
        AgentSignIn.Answer token = AgentSignIn.token(BASE, codeExchange(clientId, code, pkce.verifier(),
                "https://other.example/mcp"));
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("error").asString()).isEqualTo("invalid_target");
        assertThat(token.body()).doesNotContain("access_token");

        // A live token of ours whose audience is another resource (as another deployment would issue): /mcp says no.
        AgentSignIn.Code granted = AgentSignIn.consentedCode(owner.browser(), BASE, clientId, REDIRECT,
                List.of("ads:read"), List.of("act_1000000001"));
        String access = AgentSignIn.token(BASE, codeExchange(clientId, granted.code(), granted.pkce().verifier(),
                null)).json().path("access_token").asString();
        assertThat(AgentSignIn.mcp(BASE, access, "tools/list", Map.of()).status()).isEqualTo(200);
        OAuth2AuthorizationService authorizations = harness.bean(OAuth2AuthorizationService.class);
        OAuth2Authorization authorization = authorizations.findByToken(access, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2AccessToken current = authorization.getAccessToken().getToken();
        Map<String, Object> claims = new LinkedHashMap<>(authorization.getAccessToken().getClaims());
        claims.put("aud", java.util.Collections.singletonList("https://other.example/mcp"));
        authorizations.save(OAuth2Authorization.from(authorization).token(current, metadata ->
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims)).build());
        AgentSignIn.Answer refused = AgentSignIn.mcp(BASE, access, "tools/list", Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void denyAnswersAccessDeniedAndGrantsNothing() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Deny");
        String clientId = AgentSignIn.registerPublic(BASE, "Denied Agent", REDIRECT);
        Page consent = AgentSignIn.openConsent(owner.browser(), AgentSignIn.authorizeUrl(BASE,
                AgentSignIn.request(clientId, REDIRECT, AgentSignIn.Pkce.create(), "deny-state", BASE + "/mcp")));
        Map<String, String> answer = AgentSignIn.redirectParameters(AgentSignIn.deny(owner.browser(), BASE, consent));
        assertThat(answer.get("error")).isEqualTo("access_denied");
        assertThat(answer.get("state")).isEqualTo("deny-state");
        assertThat(answer).doesNotContainKey("code");
        assertThat(harness.db().sql("select count(*) from agent_grants where tenant_id = ?")
                .param(owner.tenant().value()).query(Long.class).single()).isZero();
    }

    @Test
    void analystsAreOfferedReadOnlyAndTheirAgentsSeeOnlyReadTools() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Analyst");
        dev.adsbridge.console.support.Browser analyst = joinAs(owner, "ANALYST");
        String clientId = AgentSignIn.registerPublic(BASE, "Analyst Agent", REDIRECT);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        String url = AgentSignIn.authorizeUrl(BASE, AgentSignIn.request(clientId, REDIRECT, pkce, "a", BASE + "/mcp"));
        Page consent = AgentSignIn.openConsent(analyst, url);
        assertThat(AgentSignIn.offered(consent).get("scope")).containsExactly("ads:read");
        assertThat(consent.body()).contains("your role only reads");
        // Adding ads:write to the form by hand is refused, and nothing is granted.
        Map<String, String> tampered = AgentSignIn.redirectParameters(AgentSignIn.allow(analyst, BASE, consent,
                List.of("ads:read", "ads:write"), List.of("act_1000000001"), true));
        assertThat(tampered.get("error")).isEqualTo("invalid_scope");
        assertThat(tampered).doesNotContainKey("code");
        // So is an account the workspace did not pick.
        consent = AgentSignIn.openConsent(analyst, url);
        Map<String, String> unpicked = AgentSignIn.redirectParameters(AgentSignIn.allow(analyst, BASE, consent,
                List.of("ads:read"), List.of("act_1000000003"), true));
        assertThat(unpicked.get("error")).isEqualTo("invalid_request");

        consent = AgentSignIn.openConsent(analyst, url);
        String code = AgentSignIn.redirectParameters(AgentSignIn.allow(analyst, BASE, consent, List.of("ads:read"),
                List.of("act_1000000001"), true)).get("code");
        String access = AgentSignIn.token(BASE, codeExchange(clientId, code, pkce.verifier(), BASE + "/mcp")).json()
                .path("access_token").asString();
        AgentSignIn.Answer tools = AgentSignIn.mcp(BASE, access, "tools/list", Map.of());
        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.body()).contains("\"get_campaigns\"").doesNotContain("\"create_campaign\"",
                "\"update_campaign\"");
    }

    @Test
    void aMemberNotSignedInSignsInAndLandsOnTheConsent() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Return");
        String clientId = AgentSignIn.registerPublic(BASE, "Returning Agent", REDIRECT);
        String url = AgentSignIn.authorizeUrl(BASE, AgentSignIn.request(clientId, REDIRECT, AgentSignIn.Pkce.create(),
                "r", BASE + "/mcp"));
        dev.adsbridge.console.support.Browser fresh = harness.browser();
        assertThat(fresh.get(url).path()).isEqualTo("/signin");
        Page consent = fresh.signIn(owner.email(), ConsoleHarness.PASSWORD);
        assertThat(consent.path()).startsWith("/oauth2/consent");
        assertThat(consent.body()).contains("Returning Agent", "act_1000000001");
    }

    @Test
    void aRequestWithoutScopeAsksForBothAndTheMemberDecides() {
        ConsoleHarness.Signed owner = tenantWithAccounts("Scopeless");
        String clientId = AgentSignIn.registerPublic(BASE, "Scopeless Agent", REDIRECT);
        Map<String, String> request = AgentSignIn.request(clientId, REDIRECT, AgentSignIn.Pkce.create(), "n",
                BASE + "/mcp");
        request.remove("scope");
        Page consent = AgentSignIn.openConsent(owner.browser(), AgentSignIn.authorizeUrl(BASE, request));
        assertThat(AgentSignIn.offered(consent).get("scope")).containsExactly("ads:read", "ads:write");
        Map<String, String> answer = AgentSignIn.redirectParameters(AgentSignIn.allow(owner.browser(), BASE, consent,
                List.of("ads:read"), List.of("act_1000000001"), true));
        assertThat(answer.get("code")).isNotBlank();
    }

    @Test
    void expiredAuthorizationsAndTheirGrantsAreDeleted() {
        Agent agent = readOnlyAgent("Expiry");
        ConsoleHarness.Signed owner = agent.owner();
        String access = agent.access();
        AgentGrantRepository repository = harness.bean(AgentGrantRepository.class);
        repository.deleteExpired(java.time.Instant.now()); // nothing of this grant has expired
        assertThat(harness.bean(AgentGrants.class).list(owner.tenant())).hasSize(1);
        // A day after the refresh token's 30 days (every test's authorizations in this database go too).
        repository.deleteExpired(java.time.Instant.now().plus(java.time.Duration.ofDays(31)));
        assertThat(harness.bean(AgentGrants.class).list(owner.tenant())).isEmpty();
        assertThat(harness.db().sql("select count(*) from agent_grants where tenant_id = ?")
                .param(owner.tenant().value()).query(Long.class).single()).isZero();
        assertThat(AgentSignIn.mcp(BASE, access, "tools/list", Map.of()).status()).isEqualTo(401);
    }

    /** A member of the owner's tenant with this role, signed in through the invitation. */
    static dev.adsbridge.console.support.Browser joinAs(ConsoleHarness.Signed owner, String role) {
        String email = ConsoleHarness.email(role.toLowerCase(java.util.Locale.ROOT));
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", role));
        java.util.regex.Matcher invitation = java.util.regex.Pattern.compile("/invite/[A-Za-z0-9_-]+")
                .matcher(team.body());
        assertThat(invitation.find()).as(team.body()).isTrue();
        dev.adsbridge.console.support.Browser member = harness.browser();
        member.post(invitation.group(), Map.of("name", role + " member", "password", ConsoleHarness.PASSWORD));
        assertThat(member.signIn(email, ConsoleHarness.PASSWORD).status()).isEqualTo(200);
        return member;
    }

    /** An owner's agent with a read-only grant on act_1000000001, and its first access token. */
    record Agent(ConsoleHarness.Signed owner, String clientId, AgentSignIn.Code granted, String access) {
    }

    static Agent readOnlyAgent(String company) {
        ConsoleHarness.Signed owner = tenantWithAccounts(company);
        String clientId = AgentSignIn.registerPublic(BASE, company + " Agent", REDIRECT);
        AgentSignIn.Code granted = AgentSignIn.consentedCode(owner.browser(), BASE, clientId, REDIRECT,
                List.of("ads:read"), List.of("act_1000000001"));
        AgentSignIn.Answer tokens = AgentSignIn.token(BASE, codeExchange(clientId, granted.code(),
                granted.pkce().verifier(), null));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return new Agent(owner, clientId, granted, tokens.json().path("access_token").asString());
    }

    static Map<String, String> refreshGrant(String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return form;
    }

    static Map<String, String> codeExchange(String clientId, String code, String verifier, String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", verifier);
        if (resource != null) {
            form.put("resource", resource);
        }
        return form;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
