package dev.adsbridge.console.agents.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.console.support.ConsoleHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No OAuth secret reaches the logs, even at DEBUG (Spring Security and Spring Authorization Server log requests and
 * redirects): not the authorization code, the PKCE verifier, access or refresh tokens, valid or spent.
 */
class OAuthLogRedactionTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final String BASE = harness.baseUrl;
    static final String REDIRECT = OAuthAuthorizationServerTest.REDIRECT;

    @Test
    void aDebugLogOfTheWholeFlowHoldsNoCodeVerifierOrToken() {
        ConsoleHarness.Signed owner = OAuthAuthorizationServerTest.tenantWithAccounts("Logs");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<Logger, Level> before = new LinkedHashMap<>();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.adsbridge", "org.springframework",
                "org.springframework.security")) {
            before.put(context.getLogger(name), context.getLogger(name).getLevel());
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        List<String> secrets;
        try {
            String clientId = AgentSignIn.registerPublic(BASE, "Logged Agent", REDIRECT);
            AgentSignIn.Code granted = AgentSignIn.consentedCode(owner.browser(), BASE, clientId, REDIRECT,
                    List.of("ads:read"), List.of("act_1000000001"));
            String code = granted.code();
            AgentSignIn.Pkce pkce = granted.pkce();
            AgentSignIn.Answer tokens = AgentSignIn.token(BASE, OAuthAuthorizationServerTest.codeExchange(clientId,
                    code, pkce.verifier(), BASE + "/mcp"));
            String access = tokens.json().path("access_token").asString();
            String refresh = tokens.json().path("refresh_token").asString();
            assertThat(AgentSignIn.mcp(BASE, access, "tools/list", Map.of()).status()).isEqualTo(200);
            AgentSignIn.Answer refreshed = AgentSignIn.token(BASE, OAuthAuthorizationServerTest.refreshGrant(clientId,
                    refresh));
            String access2 = refreshed.json().path("access_token").asString();
            String refresh2 = refreshed.json().path("refresh_token").asString();
            // Spent and mistyped credentials, refused.
            assertThat(AgentSignIn.token(BASE, OAuthAuthorizationServerTest.refreshGrant(clientId, refresh)).status())
                    .isEqualTo(400);
            assertThat(AgentSignIn.mcp(BASE, access, "tools/list", Map.of()).status()).isEqualTo(401);
            assertThat(AgentSignIn.token(BASE, OAuthAuthorizationServerTest.codeExchange(clientId, code,
                    pkce.verifier(), null)).status()).isEqualTo(400);
            secrets = List.of(code, pkce.verifier(), access, refresh, access2, refresh2);
        } finally {
            root.detachAppender(captured);
            before.forEach(Logger::setLevel);
        }
        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(text).as("log line from %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }
}
