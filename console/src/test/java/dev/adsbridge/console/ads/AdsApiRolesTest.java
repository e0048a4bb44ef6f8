package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every /api/v1 endpoint (but the audit log's, tested with it) for every kind of caller: owner, admin and analyst
 * sessions, read and read_write keys, nobody. Writes go as dry runs ({@code validate_only}), so allowed callers get 200
 * while nothing changes on Meta; refused callers get the error codes of API.md.
 */
class AdsApiRolesTest {

    static ApiFixture f;

    enum Caller { OWNER, ADMIN, ANALYST, READ_KEY, READ_WRITE_KEY, NOBODY }

    /** What a caller gets: status, error code (or null), body. */
    record Outcome(int status, String code, String body) {
    }

    /** One endpoint: method, path, body (JSON text, or a multipart upload when {@code upload}). */
    record Endpoint(String method, String path, String json, boolean upload, boolean write) {

        static Endpoint read(String path) {
            return new Endpoint("GET", path, null, false, false);
        }

        static Endpoint write(String path, Map<String, Object> body) {
            Map<String, Object> dryRun = new LinkedHashMap<>(body);
            dryRun.put("validate_only", true);
            return new Endpoint("POST", path, AdsApiTest.JSON.writeValueAsString(dryRun), false, true);
        }

        static Endpoint upload(String path) {
            return new Endpoint("POST", path + "?validate_only=true", null, true, true);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    static List<Endpoint> endpoints() {
        String a = "/api/v1/ad-accounts/" + ACCOUNT;
        return List.of(
                Endpoint.read("/api/v1/connection"),
                Endpoint.read("/api/v1/ad-accounts"),
                Endpoint.read(a + "/summary?date_preset=last_7d"),
                Endpoint.read(a + "/campaigns?limit=5"),
                Endpoint.read("/api/v1/campaigns/" + f.campaignId),
                Endpoint.read("/api/v1/adsets/" + f.adSetId),
                Endpoint.read("/api/v1/ads/" + f.adId),
                Endpoint.read("/api/v1/creatives/" + f.creativeId),
                Endpoint.read("/api/v1/campaigns/" + f.campaignId + "/adsets"),
                Endpoint.read("/api/v1/adsets/" + f.adSetId + "/ads"),
                Endpoint.read("/api/v1/ads/" + f.adId + "/creatives"),
                Endpoint.read(a + "/pages"),
                Endpoint.read(a + "/pixels"),
                Endpoint.read(a + "/instagram-accounts"),
                Endpoint.read(a + "/targeting/interests?q=coffee"),
                Endpoint.read(a + "/images/" + f.imageHash),
                Endpoint.read("/api/v1/insights?object_id=" + f.campaignId + "&date_preset=last_7d&compare=previous"),
                Endpoint.read("/api/v1/insights.csv?object_id=" + ACCOUNT + "&date_preset=last_7d&time_increment=1"),
                Endpoint.write(a + "/campaigns", Map.of("name", "Roles", "objective", "OUTCOME_TRAFFIC")),
                Endpoint.write(a + "/adsets", Map.of("campaign_id", f.campaignId, "name", "Roles",
                        "optimization_goal", "LINK_CLICKS", "billing_event", "IMPRESSIONS", "daily_budget", "1000",
                        "targeting", ApiFixture.targeting())),
                Endpoint.write(a + "/creatives", Map.of("name", "Roles", "page_id", f.pageId, "image_hash",
                        f.imageHash, "link_url", "https://example.com/", "message", "Hello")),
                Endpoint.write(a + "/ads", Map.of("name", "Roles", "adset_id", f.adSetId, "creative_id",
                        f.creativeId)),
                Endpoint.upload(a + "/images"),
                Endpoint.write("/api/v1/campaigns/" + f.campaignId + "/status", Map.of("status", "PAUSED")),
                Endpoint.write("/api/v1/adsets/" + f.adSetId + "/status", Map.of("status", "PAUSED")),
                Endpoint.write("/api/v1/campaigns/status", Map.of("ids", List.of(f.campaignId), "status", "PAUSED")),
                Endpoint.write("/api/v1/campaigns/" + f.campaignId + "/copies", Map.of("status", "PAUSED",
                        "deep_copy", false)),
                Endpoint.write("/api/v1/ads/" + f.adId + "/status", Map.of("status", "PAUSED")),
                Endpoint.write("/api/v1/campaigns/" + f.campaignId + "/budget", Map.of("daily_budget", "1000")),
                Endpoint.write("/api/v1/adsets/" + f.adSetId + "/budget", Map.of("daily_budget", "1000")));
    }

    static Outcome call(Caller caller, Endpoint endpoint) {
        String type = "application/json";
        HttpRequest.BodyPublisher body = endpoint.json() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(endpoint.json());
        if (endpoint.upload()) {
            ApiFixture.Multipart multipart = ApiFixture.Multipart.file("roles.png", "image/png", ApiFixture.png());
            type = multipart.contentType();
            body = multipart.body();
        }
        Browser browser = switch (caller) {
            case OWNER -> f.owner.browser();
            case ADMIN -> f.admin;
            case ANALYST -> f.analyst;
            default -> null;
        };
        if (browser != null) {
            Page page = browser.api(endpoint.method(), endpoint.path(), body, type, endpoint.write());
            return new Outcome(page.status(), code(page.body()), page.body());
        }
        String key = switch (caller) {
            case READ_KEY -> f.readKey;
            case READ_WRITE_KEY -> f.writeKey;
            default -> null;
        };
        AdsApiTest.Answer answer = ApiFixture.send(key, endpoint.method(), endpoint.path(), type, body);
        return new Outcome(answer.status(), code(answer.response().body()), answer.response().body());
    }

    static String code(String body) {
        if (!body.startsWith("{")) {
            return null;
        }
        JsonNode code = AdsApiTest.JSON.readTree(body).path("error").path("code");
        return code.isMissingNode() ? null : code.asString();
    }

    static Outcome expected(Caller caller, Endpoint endpoint) {
        if (caller == Caller.NOBODY) {
            return new Outcome(401, "unauthenticated", null);
        }
        if (!endpoint.write()) {
            return new Outcome(200, null, null);
        }
        return switch (caller) {
            case ANALYST -> new Outcome(403, "forbidden_role", null);
            case READ_KEY -> new Outcome(403, "api_key_read_only", null);
            default -> new Outcome(200, null, null);
        };
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheContractSays() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Caller caller : Caller.values()) {
                Outcome expected = expected(caller, endpoint);
                Outcome actual = call(caller, endpoint);
                if (actual.status() != expected.status() || !java.util.Objects.equals(actual.code(),
                        expected.code())) {
                    wrong.add(caller + " " + endpoint + ": expected " + expected.status() + " " + expected.code()
                            + ", got " + actual.status() + " " + actual.body().substring(0,
                            Math.min(300, actual.body().length())));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void dryRunsByAllowedCallersSayWhatWouldBeSentAndChangeNothing() {
        Endpoint create = endpoints().stream().filter(e -> e.path().endsWith("/adsets") && e.write()).findFirst()
                .orElseThrow();
        for (Caller caller : List.of(Caller.OWNER, Caller.ADMIN, Caller.READ_WRITE_KEY)) {
            Outcome outcome = call(caller, create);
            JsonNode json = AdsApiTest.JSON.readTree(outcome.body());
            assertThat(json.path("validate_only").asBoolean()).as(caller + " " + outcome.body()).isTrue();
            assertThat(json.path("would_send").path("campaign_id").asString()).isEqualTo(f.campaignId);
        }
        JsonNode adSets = f.graph("/" + f.campaignId + "/adsets?fields=name&limit=500");
        for (JsonNode adSet : adSets.path("data")) {
            assertThat(adSet.path("name").asString()).isNotEqualTo("Roles");
        }
    }

    @Test
    void sessionWritesNeedTheCsrfHeaderAndKeyWritesDoNot() {
        Endpoint pause = Endpoint.write("/api/v1/campaigns/" + f.campaignId + "/status", Map.of("status", "PAUSED"));
        for (Browser browser : List.of(f.owner.browser(), f.admin)) {
            Page without = browser.api("POST", pause.path(), HttpRequest.BodyPublishers.ofString(pause.json()),
                    "application/json", false);
            assertThat(without.status()).as(without.body()).isEqualTo(403);
            assertThat(code(without.body())).isEqualTo("forbidden");
            assertThat(without.headers().get("content-type")).startsWith("application/json");
            Page with = browser.api("POST", pause.path(), HttpRequest.BodyPublishers.ofString(pause.json()),
                    "application/json", true);
            assertThat(with.status()).as(with.body()).isEqualTo(200);
        }
        ApiFixture.Multipart upload = ApiFixture.Multipart.file("csrf.png", "image/png", ApiFixture.png());
        Page uploadWithout = f.owner.browser().api("POST", "/api/v1/ad-accounts/" + ACCOUNT
                + "/images?validate_only=true", upload.body(), upload.contentType(), false);
        assertThat(uploadWithout.status()).as(uploadWithout.body()).isEqualTo(403);

        // A key sends no CSRF token (call() never adds one) and writes all the same.
        AdsApiTest.Answer key = AdsApiTest.post(f.writeKey, pause.path(), AdsApiTest.JSON.readTree(pause.json()));
        assertThat(key.status()).as(key.response().body()).isEqualTo(200);
        // Reads by session need no CSRF token either.
        assertThat(f.analyst.api("GET", "/api/v1/ad-accounts", HttpRequest.BodyPublishers.noBody(),
                "application/json", false).status()).isEqualTo(200);
    }

    @Test
    void apiKeysAreManagedByOwnersAndAdminsInPersonOnly() {
        for (Browser browser : List.of(f.owner.browser(), f.admin)) {
            Page list = browser.api("GET", "/api/v1/api-keys", HttpRequest.BodyPublishers.noBody(),
                    "application/json", false);
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).doesNotContain(f.readKey).doesNotContain(f.writeKey);
            Page created = browser.api("POST", "/api/v1/api-keys", HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"roles\",\"scope\":\"read\"}"), "application/json", true);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode key = AdsApiTest.JSON.readTree(created.body());
            assertThat(key.path("key").asString()).startsWith("abk_");
            assertThat(AdsApiTest.get(key.path("key").asString(), "/api/v1/ad-accounts").status()).isEqualTo(200);
            Page revoked = browser.api("DELETE", "/api/v1/api-keys/" + key.path("id").asString(),
                    HttpRequest.BodyPublishers.noBody(), "application/json", true);
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
            assertThat(AdsApiTest.get(key.path("key").asString(), "/api/v1/ad-accounts").status()).isEqualTo(401);
        }
        String someId = java.util.UUID.randomUUID().toString();
        for (String[] request : new String[][] {{"GET", "/api/v1/api-keys", null},
            {"POST", "/api/v1/api-keys", "{\"name\":\"x\",\"scope\":\"read\"}"},
            {"DELETE", "/api/v1/api-keys/" + someId, null}}) {
            HttpRequest.BodyPublisher body = request[2] == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request[2]);
            Page analyst = f.analyst.api(request[0], request[1], body, "application/json", !request[0].equals("GET"));
            assertThat(analyst.status()).as("analyst " + request[1] + " " + analyst.body()).isEqualTo(403);
            assertThat(code(analyst.body())).isEqualTo("forbidden_role");
            for (String key : List.of(f.readKey, f.writeKey)) {
                AdsApiTest.Answer answer = ApiFixture.send(key, request[0], request[1], "application/json",
                        request[2] == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request[2]));
                assertThat(answer.status()).as("key " + request[0] + " " + request[1]).isEqualTo(403);
                assertThat(code(answer.response().body())).isEqualTo("forbidden_role");
            }
            AdsApiTest.Answer nobody = ApiFixture.send(null, request[0], request[1], "application/json",
                    request[2] == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request[2]));
            assertThat(nobody.status()).as("nobody " + request[0] + " " + request[1] + " "
                    + nobody.response().body()).isEqualTo(401);
        }
    }
}
