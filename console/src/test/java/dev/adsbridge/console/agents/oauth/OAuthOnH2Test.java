package dev.adsbridge.console.agents.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dev mode keeps the authorization server's tables in the embedded H2 database (the same migrations): registration,
 * consent, tokens, a call through /mcp and a refresh work there too, and the issuer is the bound loopback URL.
 */
class OAuthOnH2Test {

    @Test
    void theWholeFlowRunsOnTheEmbeddedDatabase() throws Exception {
        ConsoleHarness harness = ConsoleHarness.shared(); // for its sandbox and MCP server
        Path data = Files.createTempDirectory("console-dev-oauth");
        try (ConfigurableApplicationContext dev = harness.startDevConsole(data)) {
            String base = ConsoleApplication.baseUrl(dev);
            assertThat(dev.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
            assertThat(AgentSignIn.get(base + "/.well-known/oauth-authorization-server").json().path("issuer")
                    .asString()).isEqualTo(base);
            assertThat(AgentSignIn.get(base + "/.well-known/oauth-protected-resource/mcp").json()
                    .path("authorization_servers").get(0).asString()).isEqualTo(base);

            Browser browser = new Browser(base);
            String email = ConsoleHarness.email("h2-oauth");
            assertThat(browser.signUp("H2 Co", "Hana", email, ConsoleHarness.PASSWORD).path()).isEqualTo("/?welcome");
            Page picker = ConsoleHarness.consent(browser, ConsoleHarness.openConsent(browser));
            browser.post(picker.path().replace("?connected", ""), Map.of("account", "act_1000000001"));

            String redirect = OAuthAuthorizationServerTest.REDIRECT;
            String clientId = AgentSignIn.registerPublic(base, "H2 Agent", redirect);
            AgentSignIn.Code granted = AgentSignIn.consentedCode(browser, base, clientId, redirect,
                    List.of("ads:read"), List.of("act_1000000001"));
            AgentSignIn.Answer tokens = AgentSignIn.token(base, OAuthAuthorizationServerTest.codeExchange(clientId,
                    granted.code(), granted.pkce().verifier(), null));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            String access = tokens.json().path("access_token").asString();
            AgentSignIn.Answer listed = AgentSignIn.mcp(base, access, "tools/list", Map.of());
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            AgentSignIn.Answer refreshed = AgentSignIn.token(base, OAuthAuthorizationServerTest.refreshGrant(clientId,
                    tokens.json().path("refresh_token").asString()));
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat(AgentSignIn.mcp(base, access, "tools/list", Map.of()).status()).isEqualTo(401);
            assertThat(AgentSignIn.mcp(base, refreshed.json().path("access_token").asString(), "tools/list",
                    Map.of()).status()).isEqualTo(200);
        } finally {
            ConsoleHarness.deleteTree(data);
        }
    }
}
