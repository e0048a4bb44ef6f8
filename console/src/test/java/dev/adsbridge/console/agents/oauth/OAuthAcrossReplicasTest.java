package dev.adsbridge.console.agents.oauth;

import static dev.adsbridge.console.agents.oauth.OAuthAuthorizationServerTest.REDIRECT;
import static dev.adsbridge.console.agents.oauth.OAuthAuthorizationServerTest.codeExchange;
import static dev.adsbridge.console.agents.oauth.OAuthAuthorizationServerTest.refreshGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An agent's OAuth sign-in when the console runs as two replicas behind a load balancer: every step of the flow may
 * land on either one. Replica B shares A's database and public base URL (so one issuer and one {@code /mcp} resource,
 * as behind a load balancer) and each request below goes to the replica it names, over HTTP: registration, the
 * authorization request, the consent page, Allow, the code exchange, calls to {@code /mcp}, refresh, revocation and a
 * code presented twice; and client registrations count against one budget per address, whichever replica takes them.
 */
class OAuthAcrossReplicasTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final String A = harness.baseUrl;
    static ConfigurableApplicationContext replica;
    static String b;

    @BeforeAll
    static void startReplicaB() {
        int port = ConsoleHarness.freePort();
        // Behind a load balancer B would see the public Host; reached directly here, its own address is allowed too.
        replica = harness.replica(Map.of("adsbridge.console.base-url", A, "server.port", port,
                "adsbridge.console.agents.allowed-hosts", "127.0.0.1:" + port), Map.of());
        b = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopReplicaB() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void everyStepOfTheFlowMayLandOnEitherReplica() {
        ConsoleHarness.Signed owner = OAuthAuthorizationServerTest.tenantWithAccounts("Two Replicas");

        // Both replicas publish the same issuer and resource.
        JsonNode metadataOfB = AgentSignIn.get(b + "/.well-known/oauth-authorization-server").json();
        assertThat(metadataOfB.path("issuer").asString()).isEqualTo(A);
        assertThat(AgentSignIn.get(b + "/.well-known/oauth-protected-resource/mcp").json().path("resource")
                .asString()).isEqualTo(A + "/mcp");

        // Registered on B; the authorization request on A (A keeps the request's state in the database); the consent
        // page and Allow on B, with the member's session cookie and its CSRF token from A.
        String clientId = AgentSignIn.registerPublic(b, "Replica Agent", REDIRECT);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        String state = UUID.randomUUID().toString();
        Page onA = owner.browser().getOnce(AgentSignIn.authorizeUrl(A, AgentSignIn.request(clientId, REDIRECT, pkce,
                state, A + "/mcp")));
        assertThat(onA.status()).as(onA.body()).isEqualTo(302);
        URI consentLocation = URI.create(A).resolve(onA.headers().get("location"));
        assertThat(consentLocation.getPath()).isEqualTo("/oauth2/consent");
        Page consentOnB = owner.browser().get(b + consentLocation.getRawPath() + "?" + consentLocation.getRawQuery());
        assertThat(consentOnB.status()).as(consentOnB.body()).isEqualTo(200);
        assertThat(consentOnB.uri().toString()).startsWith(b);
        assertThat(consentOnB.body()).contains("Replica Agent", "act_1000000001", "act_1000000002");
        Page allowedOnB = AgentSignIn.allow(owner.browser(), b, consentOnB, List.of("ads:read", "ads:write"),
                List.of("act_1000000002"), true);
        Map<String, String> callback = AgentSignIn.redirectParameters(allowedOnB);
        assertThat(callback.get("state")).isEqualTo(state);
        String code = callback.get("code");
        assertThat(code).isNotBlank();

        // The code exchanged on A; the access token works on both replicas' /mcp, for the granted account only.
        AgentSignIn.Answer tokens = AgentSignIn.token(A, codeExchange(clientId, code, pkce.verifier(), A + "/mcp"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String access = tokens.json().path("access_token").asString();
        String refresh = tokens.json().path("refresh_token").asString();
        for (String replicaUrl : List.of(A, b)) {
            JsonNode granted = campaigns(replicaUrl, access, "act_1000000002");
            assertThat(granted.path("isError").asBoolean()).as(replicaUrl + ": " + granted).isFalse();
            assertThat(campaigns(replicaUrl, access, "act_1000000001").path("isError").asBoolean())
                    .as(replicaUrl + ": an account left out at consent").isTrue();
        }
        // Refreshed on B: A accepts the new access token and no longer the old one; the old refresh token is spent on
        // both.
        AgentSignIn.Answer refreshed = AgentSignIn.token(b, refreshGrant(clientId, refresh));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access2 = refreshed.json().path("access_token").asString();
        String refresh2 = refreshed.json().path("refresh_token").asString();
        assertThat(AgentSignIn.mcp(A, access2, "tools/list", Map.of()).status()).isEqualTo(200);
        assertThat(AgentSignIn.mcp(A, access, "tools/list", Map.of()).status()).isEqualTo(401);
        assertThat(AgentSignIn.token(A, refreshGrant(clientId, refresh)).json().path("error").asString())
                .isEqualTo("invalid_grant");

        // Revoked in Settings on A: B refuses the next call and the next refresh.
        AgentGrants grants = harness.bean(AgentGrants.class);
        String credential = grants.authenticate(access2).orElseThrow().credentialId();
        Page revoked = owner.browser().post("/settings/agents/authorized/" + credential + "/revoke", Map.of());
        assertThat(revoked.body()).contains("Access revoked");
        AgentSignIn.Answer refused = AgentSignIn.mcp(b, access2, "tools/list", Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(AgentSignIn.token(b, refreshGrant(clientId, refresh2)).status()).isEqualTo(400);

        // A code exchanged on B and presented again on A: refused, and what it gave is revoked on B.
        AgentSignIn.Code again = AgentSignIn.consentedCode(owner.browser(), A, clientId, REDIRECT, List.of("ads:read"),
                List.of("act_1000000001"));
        AgentSignIn.Answer onB = AgentSignIn.token(b, codeExchange(clientId, again.code(), again.pkce().verifier(),
                A + "/mcp"));
        assertThat(onB.status()).as(onB.body()).isEqualTo(200);
        String access3 = onB.json().path("access_token").asString();
        assertThat(AgentSignIn.mcp(b, access3, "tools/list", Map.of()).status()).isEqualTo(200);
        assertThat(AgentSignIn.token(A, codeExchange(clientId, again.code(), again.pkce().verifier(), A + "/mcp"))
                .json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(AgentSignIn.mcp(b, access3, "tools/list", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void clientRegistrationsFromOneAddressShareOneBudgetOnBothReplicas() {
        int created = 0;
        AgentSignIn.Answer last = null;
        for (int i = 0; i < 25 && (last == null || last.status() == 201); i++) {
            last = AgentSignIn.send(HttpRequest.newBuilder(URI.create((i % 2 == 0 ? A : b) + "/oauth2/register"))
                    .header("Content-Type", "application/json")
                    // Loopback is a trusted proxy in tests: this is the client's address.
                    .header("X-Forwarded-For", "198.51.100.23")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"burst\",\"redirect_uris\":"
                            + "[\"https://burst.example/cb\"],\"token_endpoint_auth_method\":\"none\"}")));
            created += last.status() == 201 ? 1 : 0;
        }
        assertThat(created).as("the default, 20 per address and hour, for both replicas together").isEqualTo(20);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
    }

    private static JsonNode campaigns(String replicaUrl, String access, String account) {
        AgentSignIn.Answer answer = AgentSignIn.mcp(replicaUrl, access, "tools/call", Map.of("name", "get_campaigns",
                "arguments", Map.of("account_id", account, "limit", 1)));
        assertThat(answer.status()).as(replicaUrl + ": " + answer.body()).isEqualTo(200);
        return answer.json().path("result");
    }
}
