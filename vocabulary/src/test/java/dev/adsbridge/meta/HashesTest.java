package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void sha256MatchesKnownVectors() {
        // FIPS 180-2 test vectors.
        assertThat(Hashes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256("abc")).hasSize(32).isEqualTo(Hashes.sha256("abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(Hashes.sha256Hex("é")).isEqualTo(Hashes.sha256Hex("é".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pkceChallengeMatchesRfc7636AppendixB() {
        assertThat(Hashes.sha256Base64Url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
