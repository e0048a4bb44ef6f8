package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Tokens, secrets, proofs and codes stay out of logs, messages and toString(). */
class RedactionTest {

    private static final String TOKEN = "EAAB-user-token-1234567890";
    private static final String SECRET = "app-secret-abcdef";
    private static final String CODE = "one-time-code-123456";

    private ScriptedGraphServer server;
    private ListAppender<ILoggingEvent> logs;
    private Logger clientLogger;
    private Level previousLevel;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedGraphServer();
        clientLogger = (Logger) LoggerFactory.getLogger(GraphClient.class);
        previousLevel = clientLogger.getLevel();
        clientLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        clientLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        clientLogger.detachAppender(logs);
        clientLogger.setLevel(previousLevel);
        server.close();
    }

    @Test
    void debug_log_names_method_path_and_status_but_no_credential() {
        FakeTime time = new FakeTime();
        GraphClient client = GraphClient.builder(GraphConfig.builder()
                        .graphUrl(server.baseUrl()).appId("880000000000001").appSecret(SECRET).build())
                .sleeper(time).clock(time).build();
        MetaOAuth oauth = new MetaOAuth(client);
        server.thenJson(500, "{\"error\":{\"message\":\"(#2) Service temporarily unavailable\",\"code\":2}}")
                .thenJson(200, "{\"id\":\"1\"}")
                .thenJson(200, "{\"access_token\":\"" + TOKEN + "x\",\"token_type\":\"bearer\"}")
                .thenJson(400, "{\"error\":{\"message\":\"Invalid code " + CODE + "\",\"code\":100}}")
                .thenJson(200, "{\"data\":{\"is_valid\":true}}");

        client.get(TOKEN, "me", Map.of("fields", "id"));
        oauth.exchangeForLongLived(TOKEN);
        assertThatThrownBy(() -> oauth.exchangeCode(CODE, "https://console.example/cb"))
                .hasMessageNotContaining(CODE);
        oauth.debugToken(TOKEN);

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("GET /v25.0/me", "-> 200"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("retrying"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("/v25.0/oauth/access_token", "client_secret"));
        String proof = AppSecretProof.compute(SECRET, TOKEN);
        for (String line : lines) {
            assertThat(line).doesNotContain(TOKEN, SECRET, CODE, proof, "880000000000001|");
        }
    }

    @Test
    void config_never_prints_the_app_secret() {
        GraphConfig config = GraphConfig.builder().appId("1").appSecret(SECRET).build();

        assertThat(config.toString()).doesNotContain(SECRET).contains("appSecret=***");
    }
}
