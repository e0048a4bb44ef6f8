package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static dev.adsbridge.console.ads.ApiFixture.UNCHOSEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The image proxy for creative previews: bytes of a chosen account's image, 404 for anything else. */
class AdsApiImagesTest {

    static ApiFixture f;

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    @Test
    void aChosenAccountsImageComesBackAsImageBytes() {
        ApiFixture.Bytes image = ApiFixture.bytes(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/images/"
                + f.imageHash);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).matches("image/(png|jpeg|gif|webp).*");
        assertThat(image.body().length).isGreaterThan(8);
        assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.header("Cache-Control")).contains("private");
        // The same bytes without the act_ prefix.
        ApiFixture.Bytes bare = ApiFixture.bytes(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT.substring(4)
                + "/images/" + f.imageHash);
        assertThat(bare.body()).isEqualTo(image.body());
    }

    @Test
    void aPreviewLookupNamesThisApisImageUrlsForTheHashesTheLibraryHolds() {
        String unknown = "0123456789abcdef0123456789abcdef";
        AdsApiTest.Answer lookup = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes="
                + f.imageHash + "," + unknown);
        assertThat(lookup.status()).as(lookup.response().body()).isEqualTo(200);
        assertThat(lookup.json().size()).isEqualTo(1);
        String url = lookup.json().path(f.imageHash).asString();
        assertThat(url).isEqualTo("/api/v1/ad-accounts/" + ACCOUNT + "/images/" + f.imageHash);
        ApiFixture.Bytes image = ApiFixture.bytes(f.readKey, url);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).matches("image/(png|jpeg|gif|webp).*");
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/images?hashes=" + f.imageHash)
                .status()).isEqualTo(404);
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes=x,y").status())
                .isEqualTo(400);
    }

    @Test
    void anUploadedImageComesBackByteForByte() {
        byte[] png = ApiFixture.png();
        AdsApiTest.Answer uploaded = ApiFixture.upload(f.writeKey, ACCOUNT, png, "");
        assertThat(uploaded.status()).as(uploaded.response().body()).isEqualTo(201);
        ApiFixture.Bytes image = ApiFixture.bytes(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/images/"
                + uploaded.json().path("hash").asString());
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).startsWith("image/png");
        assertThat(image.body()).isEqualTo(png);
    }

    @Test
    void anUnchosenAccountAnUnknownHashAndAMalformedHashAre404() {
        for (String path : new String[] {
            "/api/v1/ad-accounts/" + UNCHOSEN + "/images/" + f.imageHash,
            "/api/v1/ad-accounts/act_999999999/images/" + f.imageHash,
            "/api/v1/ad-accounts/" + ACCOUNT + "/images/0123456789abcdef0123456789abcdef",
            "/api/v1/ad-accounts/" + ACCOUNT + "/images/not-a-hash"}) {
            AdsApiTest.Answer answer = AdsApiTest.get(f.readKey, path);
            assertThat(answer.status()).as(path + " " + answer.response().body()).isEqualTo(404);
            assertThat(answer.json().path("error").path("code").asString()).isEqualTo("not_found");
            assertThat(answer.header("Content-Type")).startsWith("application/json");
        }
        // An upload into an unchosen account is refused the same way.
        AdsApiTest.Answer upload = ApiFixture.upload(f.writeKey, UNCHOSEN, ApiFixture.png(), "");
        assertThat(upload.status()).isEqualTo(404);
    }
}
