package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static org.assertj.core.api.Assertions.assertThat;

class ImagesContractTest {

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

    private static byte[] png(int width, int height, int rgb) {
        return ImageBytes.bandedPng(width, height, rgb, 0xFFFFFF);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static SandboxHttp.Answer multipart(String path, String filename, byte[] bytes) {
        String boundary = "----sandbox" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filename\"; filename=\""
                + filename + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return sandbox.send(token, "POST", sandbox.graphUrl() + "/" + path,
                "multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aMultipartUploadAnswersTheHashAndTheCdnServesTheBytes() throws Exception {
        byte[] bytes = png(64, 48, 0x336699);
        SandboxHttp.Answer answer = multipart(BIG + "/adimages", "hero.png", bytes);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode image = answer.json().path("images").path("hero.png");
        assertThat(image.path("hash").asString()).isEqualTo(md5(bytes));
        String url = image.path("url").asString();
        assertThat(url).startsWith(sandbox.baseUrl() + "/cdn/images/" + md5(bytes));
        assertThat(download(url)).isEqualTo(bytes);

        JsonNode listed = sandbox.get(token, BIG + "/adimages", form("hashes", "[\"" + md5(bytes) + "\"]",
                "fields", "hash,url,name,width,height")).json();
        assertThat(listed.path("data").size()).isEqualTo(1);
        assertThat(listed.path("data").get(0).path("width").asInt()).isEqualTo(64);
        assertThat(listed.path("data").get(0).path("height").asInt()).isEqualTo(48);
        assertThat(listed.path("data").get(0).path("name").asString()).isEqualTo("hero.png");
        assertThat(listed.path("data").get(0).path("url").asString()).isEqualTo(url);
    }

    @Test
    void aBase64UploadIsKeyedByBytes() throws Exception {
        byte[] bytes = png(30, 30, 0x993366);
        SandboxHttp.Answer answer = sandbox.post(token, BIG + "/adimages",
                form("bytes", Base64.getEncoder().encodeToString(bytes)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("images").path("bytes").path("hash").asString()).isEqualTo(md5(bytes));
        assertThat(download(answer.json().path("images").path("bytes").path("url").asString())).isEqualTo(bytes);
    }

    @Test
    void uploadsThatAreNotImagesAreRejected() {
        assertError(sandbox.post(token, BIG + "/adimages", form("bytes", Base64.getEncoder()
                .encodeToString("not an image".getBytes(StandardCharsets.UTF_8)))), 100, null);
        assertError(sandbox.post(token, BIG + "/adimages", form("bytes", "%%%")), 100, null);
        assertError(sandbox.post(token, BIG + "/adimages", Map.of()), 100, null);
    }

    @Test
    void seededImagesAreRealPngsOnTheCdn() throws Exception {
        JsonNode images = sandbox.get(token, BIG + "/adimages", form("limit", "50", "summary", "true",
                "fields", "hash,url,width,height")).json();
        assertThat(images.path("summary").path("total_count").asInt()).isGreaterThanOrEqualTo(40);
        JsonNode first = images.path("data").get(0);
        byte[] bytes = download(first.path("url").asString());
        assertThat(md5(bytes)).isEqualTo(first.path("hash").asString());
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)).getWidth())
                .isEqualTo(first.path("width").asInt());
    }

    @Test
    void anUnusedImageCanBeDeletedAndAnImageInUseCannot() throws Exception {
        byte[] bytes = png(20, 20, 0x112233);
        multipart(BIG + "/adimages", "temp.png", bytes);
        assertThat(sandbox.delete(token, BIG + "/adimages", form("hash", md5(bytes))).json().path("success")
                .asBoolean()).isTrue();
        assertThat(sandbox.get(token, BIG + "/adimages", form("hashes", "[\"" + md5(bytes) + "\"]")).json()
                .path("data").size()).isZero();
        assertError(sandbox.delete(token, BIG + "/adimages", form("hash", md5(bytes))), 100, null);

        String used = sandbox.get(token, BIG + "/adcreatives", form("fields", "image_hash", "limit", "1")).json()
                .path("data").get(0).path("image_hash").asString();
        JsonNode error = assertError(sandbox.delete(token, BIG + "/adimages", form("hash", used)), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Image In Use");
    }

    @Test
    void unknownCdnPathsAre404() {
        assertThat(sandbox.getUrl(null, sandbox.baseUrl() + "/cdn/images/0123456789abcdef0123456789abcdef.png")
                .status()).isEqualTo(404);
    }

    @Test
    void aVideoAddedByUrlIsReadableByIdAndInTheLibrary() {
        String id = Objects.createdId(sandbox.post(token, BIG + "/advideos", form("file_url",
                "https://videos.example.com/spot.mp4", "title", "Spot")));
        JsonNode video = sandbox.get(token, id, form("fields", "id,title,source,status,length")).json();
        assertThat(video.path("title").asString()).isEqualTo("Spot");
        assertThat(video.path("source").asString()).isEqualTo("https://videos.example.com/spot.mp4");
        assertThat(video.path("status").path("video_status").asString()).isEqualTo("ready");
        // Meta's AdVideo has no account_id (images and ads do): the whole read is refused.
        assertError(sandbox.get(token, id, form("fields", "id,account_id")), 100, null);
        assertThat(Objects.ids(sandbox.get(token, BIG + "/advideos", form("fields", "id")).json())).contains(id);

        assertError(sandbox.post(token, BIG + "/advideos", form("title", "No file")), 100, null);
        assertError(sandbox.post(token, BIG + "/advideos", form("file_url", "file:///etc/passwd")), 100, null);
    }
}
