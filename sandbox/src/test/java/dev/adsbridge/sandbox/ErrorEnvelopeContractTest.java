package dev.adsbridge.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The error envelope as Meta sends it, whatever the request contained. */
class ErrorEnvelopeContractTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anErrorCarriesMetasEnvelopeWithATraceIdAndTheSameTraceInAHeader() {
        SandboxHttp.Answer answer = sandbox.get(token, "act_1000000001", Map.of("fields", "name,bogus"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("type").asString()).isEqualTo("OAuthException");
        assertThat(answer.error().get("message").asString())
                .isEqualTo("(#100) Tried accessing nonexisting field (bogus) on node type (AdAccount)");
        assertThat(answer.error().get("is_transient").asBoolean()).isFalse();
        assertThat(answer.error().get("fbtrace_id").asString()).isEqualTo(answer.header("x-fb-trace-id"));
    }

    @Test
    void anErrorEchoingControlCharactersOrNonAsciiInputStillAnswersWithTheEnvelope() {
        SandboxHttp.Answer answer = sandbox.get(token, "act_1000000001", Map.of("fields", "name,\r\nX-Evil: 1{é"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.header("X-Evil")).isNull();
        assertThat(answer.header("WWW-Authenticate")).matches("[\\x20-\\x7e]+");
    }
}
