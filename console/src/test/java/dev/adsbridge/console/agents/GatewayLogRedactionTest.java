package dev.adsbridge.console.agents;

import static dev.adsbridge.console.agents.AgentFixture.ACCOUNT_A;
import static dev.adsbridge.console.agents.AgentFixture.callTool;
import static dev.adsbridge.console.agents.AgentFixture.harness;
import static dev.adsbridge.console.agents.AgentFixture.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.console.support.ConsoleHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Nothing secret reaches the logs at DEBUG through the tenant MCP endpoint and the other ways in: not the workspace's
 * Meta token, not agent keys (valid, mistyped or revoked), not a token an agent tries to send, not a pasted system-user
 * token (accepted or refused), not a hosted MCP server's credential, not the Meta app secret.
 */
class GatewayLogRedactionTest {

    @Test
    void aDebugLogOfAgentTrafficAndOtherWaysInHoldsNoSecret() throws Exception {
        AgentFixture f = AgentFixture.shared();
        String mistyped = f.writeKey.substring(0, f.writeKey.length() - 4) + "zzzz";
        String agentToken = "EAAagentsown" + UUID.randomUUID().toString().replace("-", "");
        JsonNode agency = harness.controlPost("/_sandbox/system-users", Map.of("ad_accounts", List.of(ACCOUNT_A)));
        String pasted = agency.path("access_token").asString();
        String refused = harness.controlPost("/_sandbox/system-users", Map.of("scopes", List.of("business_management")))
                .path("access_token").asString();
        String credential = "logged_" + UUID.randomUUID().toString().replace("-", "");
        List<String> secrets = new ArrayList<>(List.of(f.metaTokenA(), f.writeKey, f.readKey, mistyped, agentToken,
                pasted, refused, credential, harness.sandbox.config().appSecret()));

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<Logger, Level> before = new LinkedHashMap<>();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.eclipse.jetty", "jdk.internal.httpclient",
                "dev.adsbridge", "org.springframework", "io.modelcontextprotocol")) {
            before.put(context.getLogger(name), context.getLogger(name).getLevel());
        }
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        context.getLogger("dev.adsbridge").setLevel(Level.DEBUG);
        context.getLogger("org.springframework").setLevel(Level.DEBUG);
        context.getLogger("io.modelcontextprotocol").setLevel(Level.DEBUG);
        // As the app's properties do: these two would print raw HTTP traffic at DEBUG.
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        context.getLogger("jdk.internal.httpclient").setLevel(Level.INFO);
        try (HostedMcpServer hosted = new HostedMcpServer(harness.sandbox.baseUrl(), pasted, credential)) {
            rpc(f.writeKey, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "log-test-agent", "version", "1")), Map.of());
            assertThat(rpc(f.writeKey, "tools/list", Map.of(), Map.of()).status()).isEqualTo(200);
            assertThat(callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 2)).isError())
                    .isFalse();
            assertThat(callTool(f.writeKey, "create_campaign", Map.of("account_id", ACCOUNT_A, "name", "Logged agent",
                    "objective", "OUTCOME_TRAFFIC", "special_ad_categories", List.of())).isError()).isFalse();
            assertThat(callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "access_token",
                    agentToken)).isError()).isTrue();
            assertThat(rpc(f.writeKey, "tools/list", Map.of(), Map.of("X-Meta-Token", agentToken)).status())
                    .isEqualTo(400);
            assertThat(rpc(mistyped, "tools/list", Map.of(), Map.of()).status()).isEqualTo(401);
            assertThat(callTool(f.readKey, "update_campaign", Map.of("campaign_id", f.campaignA, "status",
                    "ACTIVE")).isError()).isTrue();

            ConsoleHarness.Signed agencyOwner = harness.owner("Logged " + UUID.randomUUID().toString().substring(0, 6));
            assertThat(agencyOwner.browser().post("/settings/connect/token", Map.of("access_token", refused))
                    .status()).isEqualTo(400);
            assertThat(agencyOwner.browser().post("/settings/connect/token", Map.of("access_token", pasted)).path())
                    .contains("/ad-accounts");
            ConsoleHarness.Signed hostedOwner = harness.owner("Logged h " + UUID.randomUUID().toString()
                    .substring(0, 6));
            assertThat(hostedOwner.browser().post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(),
                    "credential", credential + "x")).status()).isEqualTo(400);
            assertThat(hostedOwner.browser().post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(),
                    "credential", credential)).path()).contains("/ad-accounts");
            secrets.add(credential + "x");
        } finally {
            root.detachAppender(captured);
            captured.stop();
            before.forEach(Logger::setLevel);
        }

        List<ILoggingEvent> events = new ArrayList<>(captured.list);
        assertThat(events).as("DEBUG logging was captured").hasSizeGreaterThan(50);
        assertThat(events).anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? ""
                    : event.getFormattedMessage());
            event.getMDCPropertyMap().values().forEach(v -> text.append(' ').append(v));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            for (String secret : secrets) {
                if (text.indexOf(secret) >= 0) {
                    leaks.add(event.getLoggerName() + " " + event.getLevel() + ": "
                            + text.toString().replace(secret, "<SECRET>"));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
