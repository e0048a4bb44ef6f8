package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SignedRequestTest {

    private static final String SECRET = "key";
    private static final String PAYLOAD = "eyJ1c2VyX2lkIjoiMCIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjoxNjI0MjQ0MTU2fQ";
    private static final String SIGNATURE = "Mf_s6nTb38UYqioBmPqu0Ewm9souPZB9I2fIGwV729U";
    private static final String VECTOR = SIGNATURE + "." + PAYLOAD;

    @Test
    void parses_metas_test_vector_into_its_payload() {
        JsonNode payload = SignedRequest.parse(VECTOR, SECRET);

        assertThat(payload.path("user_id").asString()).isEqualTo("0");
        assertThat(payload.path("algorithm").asString()).isEqualTo("HMAC-SHA256");
        assertThat(payload.path("issued_at").asLong()).isEqualTo(1624244156L);
    }

    @Test
    void signing_the_vector_payload_reproduces_metas_signature() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", "0");
        payload.put("algorithm", "HMAC-SHA256");
        payload.put("issued_at", 1624244156L);

        assertThat(SignedRequest.sign(payload, SECRET)).isEqualTo(VECTOR);
    }

    @Test
    void signed_payload_round_trips() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", "42");
        payload.put("algorithm", "HMAC-SHA256");
        payload.put("issued_at", 1700000000L);
        payload.put("expires", 1700003600L);

        JsonNode parsed = SignedRequest.parse(SignedRequest.sign(payload, "s3cret"), "s3cret");

        assertThat(parsed.path("user_id").asString()).isEqualTo("42");
        assertThat(parsed.path("expires").asLong()).isEqualTo(1700003600L);
    }

    @Test
    void rejects_a_tampered_payload() {
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"user_id\":\"1\",\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1624244156}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SignedRequest.parse(SIGNATURE + "." + tamperedPayload, SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void rejects_a_tampered_signature() {
        String tamperedSignature = "A" + SIGNATURE.substring(1);

        assertThatThrownBy(() -> SignedRequest.parse(tamperedSignature + "." + PAYLOAD, SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void rejects_a_request_signed_with_another_secret() {
        assertThatThrownBy(() -> SignedRequest.parse(VECTOR, "other-key"))
                .isInstanceOf(SignedRequestException.class);
    }

    @Test
    void rejects_a_correctly_signed_payload_with_another_algorithm() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", "0");
        payload.put("algorithm", "HMAC-SHA1");

        assertThatThrownBy(() -> SignedRequest.parse(SignedRequest.sign(payload, SECRET), SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("algorithm must be HMAC-SHA256");
    }

    @Test
    void rejects_a_payload_without_algorithm() {
        assertThatThrownBy(() -> SignedRequest.parse(SignedRequest.sign(Map.of("user_id", "0"), SECRET), SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "no-dot-at-all", ".onlypayload", "onlysignature.", "a.b.c", "!!!.eyJ9"})
    void rejects_malformed_input(String malformed) {
        assertThatThrownBy(() -> SignedRequest.parse(malformed, SECRET))
                .isInstanceOf(SignedRequestException.class);
    }

    @Test
    void rejects_null_input() {
        assertThatThrownBy(() -> SignedRequest.parse(null, SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void rejects_a_correctly_signed_payload_that_is_not_json() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
                AppSecretProof.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> SignedRequest.parse(signature + "." + payload, SECRET))
                .isInstanceOf(SignedRequestException.class)
                .hasMessageContaining("not JSON");
    }
}
