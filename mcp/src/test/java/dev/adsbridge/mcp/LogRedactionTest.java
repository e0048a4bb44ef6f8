package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.graph.AppSecretProof;
import dev.adsbridge.sandbox.SandboxConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With this project's code, the graph client, the MCP SDK and Reactor at DEBUG, no log line carries a token, the app
 * secret or an appsecret_proof.
 *
 * <p>Jetty stays at its configured level (WARN here and in the launcher): at DEBUG, Jetty's own HTTP parser prints raw
 * request headers, Authorization included, which no application code can mask. Never run org.eclipse.jetty at DEBUG
 * with real tokens.
 */
class LogRedactionTest {

    private static final List<String> LOGGERS = List.of(Logger.ROOT_LOGGER_NAME, "dev.adsbridge",
            "io.modelcontextprotocol", "reactor");

    @Test
    void noLogLineHoldsATokenOrSecret() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<String, Level> before = new LinkedHashMap<>();
        for (String name : LOGGERS) {
            before.put(name, context.getLogger(name).getLevel());
        }
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.DEBUG));

        String appSecret = SandboxConfig.DEFAULT_APP_SECRET;
        String serverKey = "log-test-server-key-" + System.nanoTime();
        List<String> secrets = new ArrayList<>();
        secrets.add(appSecret);
        secrets.add(serverKey);
        try (MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().appSecret(appSecret)
                .serverKey(serverKey).build())) {
            String token = TestEnv.token();
            String argumentToken = TestEnv.token();
            String expired = TestEnv.token();
            TestEnv.expire(expired);
            for (String t : List.of(token, argumentToken, expired)) {
                secrets.add(t);
                secrets.add(AppSecretProof.compute(appSecret, t));
            }

            callTool(server, keyed(serverKey, token), "get_ad_accounts", Map.of("limit", 2));
            callTool(server, keyed(serverKey, null), "get_ad_accounts",
                    Map.of("limit", 1, "access_token", argumentToken));
            callTool(server, keyed(serverKey, token), "get_account_info", Map.of("account_id", "act_999999"));
            callTool(server, keyed(serverKey, token), "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                    "name", "log test", "objective", "CONVERSIONS"));
            callTool(server, keyed(serverKey, expired), "get_ad_accounts", Map.of());
            callTool(server, keyed(serverKey, token), "get_ad_accounts",
                    Map.of("access_token", "bad token with spaces"));
            TestEnv.post(server.endpoint(), keyed(serverKey, null), TestEnv.rpc("tools/call",
                    Map.of("name", "get_ad_accounts", "arguments", Map.of())));
            TestEnv.post(server.endpoint(), keyed(serverKey, token), "{not json");
            TestEnv.post(server.endpoint(), keyed(serverKey, token), TestEnv.rpc("tools/call",
                    Map.of("name", "no_such_tool", "arguments", Map.of("access_token", argumentToken))));
        } finally {
            root.detachAppender(appender);
            before.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }

        assertThat(appender.list).as("DEBUG logging was captured").isNotEmpty();
        assertThat(appender.list).anyMatch(e -> e.getLoggerName().startsWith("dev.adsbridge.mcp"));
        for (ILoggingEvent event : appender.list) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            for (String secret : secrets) {
                assertThat(text).as("log line of " + event.getLoggerName() + " holds a secret").doesNotContain(secret);
            }
        }
    }

    private static Map<String, String> keyed(String serverKey, String token) {
        Map<String, String> headers = TestEnv.bearer(token);
        headers.put("X-MCP-Server-Key", serverKey);
        return headers;
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        while (proxy != null) {
            text.append('\n').append(proxy.getClassName()).append(": ").append(proxy.getMessage());
            for (StackTraceElementProxy element : proxy.getStackTraceElementProxyArray()) {
                text.append('\n').append(element.getSTEAsString());
            }
            proxy = proxy.getCause();
        }
        return text.toString();
    }
}
