package dev.adsbridge.console.ads;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API over HTTP against the sandbox and the MCP server: reads, writes, roles, keys, idempotency. */
class AdsApiTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ACCOUNT = "act_1000000002";
    static ConsoleHarness.Signed owner;
    static Browser analyst;
    static UUID connection;
    static String readKey;
    static String writeKey;

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeAll
    static void tenantWithKeys() {
        owner = harness.owner("Api Co");
        ConsoleHarness.connect(owner.browser());
        connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", ACCOUNT));
        readKey = createKey(owner.browser(), "reader", "read");
        writeKey = createKey(owner.browser(), "writer", "read_write");

        String analystEmail = ConsoleHarness.email("analyst");
        Page team = owner.browser().post("/team/invitations", Map.of("email", analystEmail, "role", "ANALYST"));
        Matcher link = Pattern.compile("(http://[^<\\s]*/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        analyst = harness.browser();
        analyst.post(link.group(1).replace(harness.baseUrl, ""), Map.of("name", "Ann Analyst", "password", PASSWORD));
        assertThat(analyst.signIn(analystEmail, PASSWORD).path()).isEqualTo("/");
    }

    static String createKey(Browser browser, String name, String scope) {
        Page page = browser.post("/settings/api-keys", Map.of("name", name, "scope", scope));
        Matcher key = Pattern.compile("(abk_[A-Za-z0-9_-]{40,})").matcher(page.body());
        assertThat(key.find()).as(page.body()).isTrue();
        return key.group(1);
    }

    static Answer call(String key, String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().startsWith("{") ? JSON.readTree(response.body()) : JSON.createObjectNode();
            return new Answer(response.statusCode(), json, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer get(String key, String path) {
        return call(key, "GET", path, null, Map.of());
    }

    static Answer post(String key, String path, Object body) {
        return call(key, "POST", path, body, Map.of());
    }

    /** Campaigns of the account as the sandbox holds them (behind the console's back). */
    static int sandboxCampaigns() {
        String token = harness.tokenOf(owner.tenant(), connection);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(harness.sandbox.baseUrl()
                    + "/v25.0/" + ACCOUNT + "/campaigns?limit=1000&fields=id")).header("Authorization",
                    "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("data").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsWithAKeyAndSessionCarryRequestIds() {
        Answer accounts = get(readKey, "/api/v1/ad-accounts");
        assertThat(accounts.status()).as(accounts.response().body()).isEqualTo(200);
        assertThat(accounts.json().path("data").get(0).path("id").asString()).isEqualTo(ACCOUNT);
        assertThat(accounts.header("X-Request-Id")).isNotBlank();

        Answer campaigns = get(readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=5&date_preset=last_30d");
        assertThat(campaigns.status()).as(campaigns.response().body()).isEqualTo(200);
        JsonNode first = campaigns.json().path("data").get(0);
        assertThat(first.has("spend")).isTrue();
        assertThat(first.has("results")).isTrue();
        // Counts are whole numbers in the JSON (92059, not 92059.0), wherever a campaign delivered in the period
        // (a page of 100: the newest campaigns, which other tests create, never delivered).
        int delivered = 0;
        for (JsonNode listed : get(readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/campaigns?limit=100&date_preset=last_30d").json().path("data")) {
            if (listed.path("impressions").asDouble() > 0) {
                delivered++;
                for (String count : List.of("impressions", "reach", "clicks")) {
                    assertThat(listed.path(count).isIntegralNumber()).as(count + " " + listed.path(count)).isTrue();
                }
            }
        }
        assertThat(delivered).as("campaigns that delivered in the last 30 days").isPositive();
        String campaignId = first.path("id").asString();

        assertThat(get(readKey, "/api/v1/campaigns/" + campaignId).json().path("id").asString()).isEqualTo(campaignId);
        Answer adSets = get(readKey, "/api/v1/campaigns/" + campaignId + "/adsets");
        assertThat(adSets.status()).as(adSets.response().body()).isEqualTo(200);

        Answer summary = get(readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_7d");
        assertThat(summary.status()).as(summary.response().body()).isEqualTo(200);
        assertThat(summary.json().path("previous").has("spend")).isTrue();

        Answer insights = get(readKey, "/api/v1/insights?object_id=" + ACCOUNT
                + "&date_preset=last_7d&time_increment=1&compare=previous");
        assertThat(insights.status()).as(insights.response().body()).isEqualTo(200);
        assertThat(insights.json().path("rows").size()).isEqualTo(7);
        assertThat(insights.json().path("previous").path("rows").size()).isEqualTo(7);

        Answer csv = get(readKey, "/api/v1/insights.csv?object_id=" + ACCOUNT + "&date_preset=last_7d&time_increment=1");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.response().body()).startsWith("date_start,date_stop");

        Page session = owner.browser().get("/api/v1/ad-accounts");
        assertThat(session.status()).isEqualTo(200);
        assertThat(analyst.get("/api/v1/ad-accounts").status()).isEqualTo(200);
    }

    @Test
    void unchosenAccountsAndOtherTenantsIdsAre404() {
        assertThat(get(readKey, "/api/v1/ad-accounts/act_1000000001/campaigns").json().path("error").path("code")
                .asString()).isEqualTo("not_found");
        Answer other = get(readKey, "/api/v1/ad-accounts/act_1000000001/campaigns");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().path("error").path("request_id").asString()).isEqualTo(other.header("X-Request-Id"));

        ConsoleHarness.Signed b = harness.owner("Other Co");
        ConsoleHarness.connect(b.browser());
        UUID bConnection = harness.connectionIds(b.tenant()).get(0);
        b.browser().post("/connections/" + bConnection + "/ad-accounts", Map.of("account", "act_1000000001"));
        String bKey = createKey(b.browser(), "b", "read_write");
        String bCampaign = get(bKey, "/api/v1/ad-accounts/act_1000000001/campaigns?limit=1").json().path("data")
                .get(0).path("id").asString();
        assertThat(get(readKey, "/api/v1/campaigns/" + bCampaign).status()).isEqualTo(404);
        assertThat(post(writeKey, "/api/v1/campaigns/" + bCampaign + "/status", Map.of("status", "PAUSED"))
                .status()).isEqualTo(404);
    }

    @Test
    void rolesAndKeyScopesAreEnforced() {
        Map<String, Object> campaign = Map.of("name", "Nope", "objective", "OUTCOME_TRAFFIC");
        Answer read = post(readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", campaign);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().path("error").path("code").asString()).isEqualTo("api_key_read_only");

        Page analystWrite = analyst.api("POST", "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                JSON.writeValueAsString(campaign));
        assertThat(analystWrite.status()).as(analystWrite.body()).isEqualTo(403);
        assertThat(analystWrite.body()).contains("forbidden_role");

        assertThat(get(null, "/api/v1/ad-accounts").status()).isEqualTo(401);
        assertThat(get("abk_notakey0000000000000000000000000000000000", "/api/v1/ad-accounts").status())
                .isEqualTo(401);
        assertThat(analyst.get("/api/v1/api-keys").status()).isEqualTo(403);
        assertThat(get(writeKey, "/api/v1/api-keys").status()).isEqualTo(403);
    }

    @Test
    void aRetriedCreateMakesOneCampaignAndAnotherBodyIs422() throws Exception {
        int before = sandboxCampaigns();
        Map<String, Object> body = Map.of("name", "Idempotent " + UUID.randomUUID(), "objective", "OUTCOME_TRAFFIC",
                "daily_budget", "5000");
        String key = "create-" + UUID.randomUUID();
        CompletableFuture<Answer> a = CompletableFuture.supplyAsync(() -> call(writeKey, "POST",
                "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", body, Map.of("Idempotency-Key", key)));
        CompletableFuture<Answer> b = CompletableFuture.supplyAsync(() -> call(writeKey, "POST",
                "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", body, Map.of("Idempotency-Key", key)));
        Answer first = a.get();
        Answer second = b.get();
        assertThat(first.status()).as(first.response().body()).isEqualTo(201);
        assertThat(second.status()).as(second.response().body()).isEqualTo(201);
        assertThat(second.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        Answer third = call(writeKey, "POST", "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", body,
                Map.of("Idempotency-Key", key));
        assertThat(third.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(third.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(sandboxCampaigns()).isEqualTo(before + 1);

        Answer reused = call(writeKey, "POST", "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                Map.of("name", "Other", "objective", "OUTCOME_TRAFFIC"), Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("error").path("code").asString()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void validateOnlyCreatesNothingAndShowsWhatWouldBeSent() {
        int before = sandboxCampaigns();
        Answer dry = post(writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", Map.of("name", "Dry run",
                "objective", "OUTCOME_TRAFFIC", "validate_only", true));
        assertThat(dry.status()).as(dry.response().body()).isEqualTo(200);
        assertThat(dry.json().path("would_send").path("name").asString()).isEqualTo("Dry run");
        assertThat(dry.json().path("meta_validation").asString()).isEqualTo("ok");
        assertThat(sandboxCampaigns()).isEqualTo(before);
    }

    @Test
    void activatingAndRaisingTheBudgetNeedConfirmation() {
        Answer created = post(writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns", Map.of("name",
                "Confirm me", "objective", "OUTCOME_TRAFFIC", "daily_budget", "5000"));
        assertThat(created.status()).as(created.response().body()).isEqualTo(201);
        String id = created.json().path("id").asString();

        Answer unconfirmed = post(writeKey, "/api/v1/campaigns/" + id + "/status", Map.of("status", "ACTIVE"));
        assertThat(unconfirmed.status()).isEqualTo(409);
        assertThat(unconfirmed.json().path("error").path("code").asString()).isEqualTo("confirmation_required");
        assertThat(unconfirmed.json().path("error").path("details").path("current").path("status").asString())
                .isEqualTo("PAUSED");
        Answer confirmed = post(writeKey, "/api/v1/campaigns/" + id + "/status",
                Map.of("status", "ACTIVE", "confirm", true));
        assertThat(confirmed.status()).as(confirmed.response().body()).isEqualTo(200);
        assertThat(get(readKey, "/api/v1/campaigns/" + id).json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(post(writeKey, "/api/v1/campaigns/" + id + "/status", Map.of("status", "PAUSED")).status())
                .isEqualTo(200);

        Answer raise = post(writeKey, "/api/v1/campaigns/" + id + "/budget", Map.of("daily_budget", "7000"));
        assertThat(raise.status()).isEqualTo(409);
        assertThat(raise.json().path("error").path("details").path("current").path("daily_budget").asString())
                .isEqualTo("5000");
        assertThat(post(writeKey, "/api/v1/campaigns/" + id + "/budget", Map.of("daily_budget", "4000")).status())
                .isEqualTo(200);
        assertThat(post(writeKey, "/api/v1/campaigns/" + id + "/budget", Map.of("daily_budget", "7000",
                "confirm", true)).status()).isEqualTo(200);
        assertThat(get(readKey, "/api/v1/campaigns/" + id).json().path("daily_budget").asString()).isEqualTo("7000");
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() {
        Answer doc = get(null, "/api/v1/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.json().path("paths");
        for (String path : new String[] {"/api/v1/connection", "/api/v1/ad-accounts",
            "/api/v1/ad-accounts/{accountId}/summary", "/api/v1/ad-accounts/{accountId}/campaigns",
            "/api/v1/campaigns/{id}", "/api/v1/adsets/{id}", "/api/v1/ads/{id}", "/api/v1/creatives/{id}",
            "/api/v1/campaigns/{id}/adsets", "/api/v1/adsets/{id}/ads", "/api/v1/ads/{id}/creatives",
            "/api/v1/ad-accounts/{accountId}/images/{hash}", "/api/v1/insights", "/api/v1/insights.csv",
            "/api/v1/ad-accounts/{accountId}/adsets", "/api/v1/ad-accounts/{accountId}/ads",
            "/api/v1/ad-accounts/{accountId}/creatives", "/api/v1/ad-accounts/{accountId}/images",
            "/api/v1/campaigns/{id}/status", "/api/v1/adsets/{id}/status", "/api/v1/ads/{id}/status",
            "/api/v1/campaigns/{id}/budget", "/api/v1/adsets/{id}/budget", "/api/v1/api-keys",
            "/api/v1/ad-accounts/{accountId}/pages", "/api/v1/ad-accounts/{accountId}/targeting/interests",
            "/api/v1/ad-accounts/{accountId}/pixels", "/api/v1/ad-accounts/{accountId}/instagram-accounts",
            "/api/v1/campaigns/status", "/api/v1/campaigns/{id}/copies",
            "/api/v1/api-keys/{id}", "/api/v1/spend-guards"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        // The write bodies are typed schemas, not free-form maps.
        JsonNode schemas = doc.json().path("components").path("schemas");
        for (String schema : new String[] {"CreateCampaign", "CreateAdSet", "CreateAd", "CreateCreative",
            "StatusChange", "BudgetChange", "SpendGuardChange"}) {
            assertThat(schemas.has(schema)).as(schema).isTrue();
        }
        assertThat(schemas.path("CreateCampaign").path("properties").has("daily_budget")).isTrue();
        assertThat(schemas.path("CreateCampaign").path("properties").has("unknown")).isFalse();
        assertThat(paths.path("/api/v1/campaigns/{id}/budget").path("post").path("requestBody").toString())
                .contains("BudgetChange");
        assertThat(doc.json().path("components").path("securitySchemes").has("apiKey")).isTrue();
    }
}
