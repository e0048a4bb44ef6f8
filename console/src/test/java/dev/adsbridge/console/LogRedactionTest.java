package dev.adsbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log filter masks: secret parameters and authorization credentials, as the JDK's HTTP client logs them. */
class LogRedactionTest {

    @Test
    void authorizationHeadersAndSecretParametersAreMaskedOtherWordsKept() {
        String jdkDebugLine = "pairs: {GET /v25.0/debug_token?input_token=EAAB123456789&appsecret_proof=abcdef0123 "
                + "HTTP/1.1: null}{Authorization: Bearer 880000000000001|s3cr3tAppSecretValue}{Connection: keep-alive}";
        String masked = LogRedaction.redact(jdkDebugLine);
        assertThat(masked).doesNotContain("EAAB123456789").doesNotContain("abcdef0123")
                .doesNotContain("s3cr3tAppSecretValue").doesNotContain("880000000000001|")
                .contains("Authorization: Bearer [redacted]").contains("input_token=[redacted]")
                .contains("{Connection: keep-alive}");
        assertThat(LogRedaction.redact("Authorization: Basic dXNlcjpwYXNzd29yZA==")).isEqualTo(
                "Authorization: Basic [redacted]");
        // Ordinary words after "basic" or "bearer" are not credentials.
        assertThat(LogRedaction.redact("basic checks passed for the bearer of it"))
                .isEqualTo("basic checks passed for the bearer of it");
    }
}
