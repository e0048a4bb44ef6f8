package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppSecretProofTest {

    @Test
    void matches_metas_published_test_vector() {
        assertThat(AppSecretProof.compute("appsecret", "token"))
                .isEqualTo("3beefbd785800f442c4b86c52b7711fb28156279a8e8db5e4f34436a3207fd19");
    }

    @Test
    void differs_per_token() {
        assertThat(AppSecretProof.compute("appsecret", "token2"))
                .isNotEqualTo(AppSecretProof.compute("appsecret", "token"))
                .hasSize(64)
                .matches("[0-9a-f]+");
    }
}
