package dev.adsbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Safe defaults in dev mode; a loud startup failure in production when a secret or URL is missing. */
class ConsolePropertiesTest {

    private static ConsoleProperties.Meta meta(String appId, String secret) {
        return new ConsoleProperties.Meta(appId, secret, "https://graph.facebook.com", "https://www.facebook.com",
                "v25.0", List.of("ads_read"), List.of("ads_read"), null, Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    private static ConsoleProperties.SignIn signIn() {
        return new ConsoleProperties.SignIn(5, 50, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void productionWithoutTheMetaSecretRefusesToStart() {
        assertThatThrownBy(() -> new ConsoleProperties(ConsoleProperties.Mode.PRODUCTION, "https://console.example",
                meta("123", null), new ConsoleProperties.Mcp("http://mcp/mcp", null, Duration.ofSeconds(5)), 7,
                signIn(), "x@example"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META_APP_SECRET")
                .hasMessageNotContaining("META_APP_ID");
    }

    @Test
    void productionNamesEveryMissingSetting() {
        assertThatThrownBy(() -> new ConsoleProperties(ConsoleProperties.Mode.PRODUCTION, " ", meta(null, null),
                new ConsoleProperties.Mcp(null, null, Duration.ofSeconds(5)), 7, signIn(), "x@example"))
                .hasMessageContaining("CONSOLE_BASE_URL").hasMessageContaining("META_APP_ID")
                .hasMessageContaining("META_APP_SECRET").hasMessageContaining("MCP_SERVER_URL");
    }

    @Test
    void devModeNeedsNothingAndSecretsStayOutOfToString() {
        ConsoleProperties dev = new ConsoleProperties(ConsoleProperties.Mode.DEV, null, meta("1", "s3cret-value"),
                new ConsoleProperties.Mcp(null, "server-key-value", Duration.ofSeconds(5)), 7, signIn(), "x@example");
        assertThat(dev.devMode()).isTrue();
        assertThat(dev.toString()).doesNotContain("s3cret-value", "server-key-value");
    }

    @Test
    void theApplicationFailsLoudlyInProductionWithoutTheSecret() {
        String schema = "props_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        assertThatThrownBy(() -> ConsoleApplication.start(Map.of(
                "server.port", 0,
                "adsbridge.console.mode", "production",
                "adsbridge.console.base-url", "https://console.example",
                "adsbridge.console.meta.app-id", "123",
                "adsbridge.console.mcp.url", "http://127.0.0.1:1/mcp",
                // A schema of its own: the shared public schema may hold another build's migrations.
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                "spring.flyway.schemas", schema,
                "adsbridge.console.mail.outbox", true)))
                .hasStackTraceContaining("META_APP_SECRET");
    }
}
