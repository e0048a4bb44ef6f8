package dev.adsbridge.console.agents.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An agent identified by the URL of its client ID metadata document signs in without registering: the console
 * fetches the document (a console configured for tests: http and loopback allowed), shows the document's name on the
 * consent screen, and issues tokens to that client_id. A client_id whose document is missing gets nowhere.
 */
class ClientMetadataDocumentFlowTest {

    static final ConsoleHarness harness = ConsoleHarness.start(Map.of(
            "adsbridge.console.oauth.client-metadata.allow-http", true,
            "adsbridge.console.oauth.client-metadata.allow-private-addresses", true));
    static final AtomicInteger fetches = new AtomicInteger();
    static HttpServer agentSite;

    @AfterAll
    static void stop() {
        if (agentSite != null) {
            agentSite.stop(0);
        }
        harness.close();
    }

    @Test
    void anAgentIdentifiedByItsMetadataDocumentSignsIn() throws IOException {
        agentSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String site = "http://127.0.0.1:" + agentSite.getAddress().getPort();
        String clientId = site + "/oauth/client.json";
        String redirect = "http://127.0.0.1:9/cimd-callback";
        agentSite.createContext("/oauth/client.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = ("{\"client_id\":\"" + clientId + "\",\"client_name\":\"Documented Agent\","
                    + "\"redirect_uris\":[\"" + redirect + "\"],\"token_endpoint_auth_method\":\"none\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agentSite.start();

        ConsoleHarness.Signed owner = harness.owner("Cimd " + UUID.randomUUID().toString().substring(0, 5));
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000001"));

        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        Page consent = AgentSignIn.openConsent(owner.browser(), AgentSignIn.authorizeUrl(harness.baseUrl,
                AgentSignIn.request(clientId, redirect, pkce, "cimd", harness.baseUrl + "/mcp")));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("Documented Agent", clientId);
        String code = AgentSignIn.redirectParameters(AgentSignIn.allow(owner.browser(), harness.baseUrl, consent,
                List.of("ads:read"), List.of("act_1000000001"), true)).get("code");
        Map<String, String> exchange = new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", code, "redirect_uri", redirect, "code_verifier", pkce.verifier()));
        AgentSignIn.Answer tokens = AgentSignIn.token(harness.baseUrl, exchange);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String access = tokens.json().path("access_token").asString();
        assertThat(AgentSignIn.mcp(harness.baseUrl, access, "tools/list", Map.of()).status()).isEqualTo(200);
        // Fetched once, then kept (refresh-after 1h), not once per request.
        assertThat(fetches.get()).isEqualTo(1);

        // A client_id URL with no document behind it: refused before any sign-in or redirect.
        Page unknown = owner.browser().getOnce(AgentSignIn.authorizeUrl(harness.baseUrl, AgentSignIn.request(
                site + "/oauth/missing.json", redirect, pkce, "x", harness.baseUrl + "/mcp")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.headers().get("location")).isNull();
    }
}
