package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.TcpProxy;
import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates whose first attempt ends without knowing whether Meta made the object: Meta slower than the console's MCP
 * timeout, the MCP server killed mid-call, the database lost after Meta answered, a node that died holding the key.
 * The retry with the same Idempotency-Key must answer the one object, and the account must hold exactly one.
 *
 * <p>A console of its own: MCP timeout 3 s, settle time 8 s, its MCP server on a port the test stops and starts, and
 * its database reached through a proxy the test can cut.
 */
class UncertainCreatesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ACCOUNT = "act_1000000002";
    static final Duration SETTLE = Duration.ofSeconds(8);

    static TcpProxy database;
    static int mcpPort;
    static ConsoleHarness h;
    static MetaAdsMcpServer mcp;
    static ConsoleHarness.Signed owner;
    static UUID connection;
    static String writeKey;
    static String metaToken;

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeAll
    static void console() throws Exception {
        database = TcpProxy.to(5432);
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            mcpPort = socket.getLocalPort();
        }
        h = ConsoleHarness.start(Map.of(
                "adsbridge.console.mcp.url", "http://127.0.0.1:" + mcpPort + "/mcp",
                "adsbridge.console.mcp.timeout", "3s",
                "adsbridge.console.idempotency.settle-after", SETTLE.toSeconds() + "s",
                "adsbridge.console.read-cache.ttl", "0s",
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + database.port()
                        + "/test?currentSchema={schema}",
                "spring.datasource.hikari.connection-timeout", "1000"));
        mcp = startMcp();
        owner = h.owner("Uncertain Co");
        ConsoleHarness.connect(owner.browser());
        connection = h.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", ACCOUNT));
        writeKey = AdsApiTest.createKey(owner.browser(), "writer", "read_write");
        metaToken = h.tokenOf(owner.tenant(), connection); // read once: the test cuts the console's database
    }

    static MetaAdsMcpServer startMcp() {
        MetaAdsMcpServer server = MetaAdsMcpServer.create(McpServerConfig.builder().host("127.0.0.1").port(mcpPort)
                .graphUrl(h.sandbox.baseUrl()).build());
        server.start();
        return server;
    }

    @AfterEach
    void clearFaults() {
        database.restore();
        if (!mcp.isRunning()) {
            mcp = startMcp();
        }
        h.control("DELETE", "/_sandbox/faults", null);
    }

    @AfterAll
    static void stop() {
        if (mcp != null) {
            mcp.close();
        }
        if (h != null) {
            h.close();
        }
        if (database != null) {
            database.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ the cases

    @Test
    void metaSlowerThanTheTimeoutAnswers502AndTheRetryReturnsTheOneCampaign() {
        Map<String, Object> body = campaign("Slow Meta");
        String key = UUID.randomUUID().toString();
        slowCampaignCreates(6000);

        Answer first = create(body, key);
        assertThat(first.status()).as(first.response().body()).isEqualTo(502);
        assertThat(first.json().path("error").path("code").asString()).isEqualTo("meta_outcome_unknown");
        assertThat(first.json().path("error").path("message").asString()).contains("same Idempotency-Key");

        Answer retry = retryUntilSettled(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Idempotent-Reconciled")).isEqualTo("true");
        String id = retry.json().path("id").asString();
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);

        // Later retries replay the same answer; still one campaign, once Meta's slow call is surely over.
        Answer again = create(body, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id").asString()).isEqualTo(id);
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);
        assertThat(audited(id)).anySatisfy(after -> assertThat(after).contains(CreateReconciliation.NOTE));
    }

    @Test
    void anAdSetWhoseCreateTimedOutIsFoundByItsNameCampaignAndFields() {
        Answer campaign = create("campaigns", campaign("Parent"), UUID.randomUUID().toString());
        assertThat(campaign.status()).as(campaign.response().body()).isEqualTo(201);
        String campaignId = campaign.json().path("id").asString();
        String name = "Slow ad set " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("campaign_id", campaignId);
        body.put("name", name);
        body.put("optimization_goal", "LINK_CLICKS");
        body.put("billing_event", "IMPRESSIONS");
        body.put("daily_budget", "2500");
        body.put("targeting", ApiFixture.targeting());
        String key = UUID.randomUUID().toString();
        h.controlPost("/_sandbox/faults", Map.of("kind", "latency", "latency_ms", 5000, "path", ACCOUNT + "/adsets",
                "method", "POST", "count", 1));

        Answer first = create("adsets", body, key);
        assertThat(first.status()).as(first.response().body()).isEqualTo(502);
        Answer retry = retryUntilSettled("adsets", body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Reconciled")).isEqualTo("true");
        String id = retry.json().path("id").asString();
        JsonNode adSets = graph("GET", "/" + campaignId + "/adsets?fields=id,name", null);
        assertThat(adSets.path("data").findValuesAsString("id")).containsExactly(id);
    }

    @Test
    void theMcpServerKilledMidCallThenBackReturnsTheOneCampaign() throws Exception {
        Map<String, Object> body = campaign("Killed MCP");
        String key = UUID.randomUUID().toString();
        slowCampaignCreates(2000);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> create(body, key));
        awaitFaultFired(); // the create is at Meta now
        mcp.stopTimeout(java.time.Duration.ZERO).close(); // killed: no graceful wait for the call in flight
        Answer failed = first.get(30, TimeUnit.SECONDS);
        assertThat(failed.status()).as(failed.response().body()).isEqualTo(502);
        assertThat(failed.json().path("error").path("code").asString()).isEqualTo("meta_outcome_unknown");
        mcp = startMcp();

        Answer retry = retryUntilSettled(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        String id = retry.json().path("id").asString();
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);
    }

    @Test
    void theDatabaseLostAfterMetaCreatedIsReconciledOnRetry() throws Exception {
        Map<String, Object> body = campaign("Lost database");
        String key = UUID.randomUUID().toString();
        slowCampaignCreates(2000);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> create(body, key));
        awaitFaultFired(); // the key is committed as pending; the create is at Meta now
        database.cut();
        Answer failed = first.get(30, TimeUnit.SECONDS);
        assertThat(failed.status()).as(failed.response().body()).isGreaterThanOrEqualTo(500);
        assertThat(metaCampaignsNamed(body.get("name"))).as("Meta created it").hasSize(1);
        database.restore();
        ConsoleHarness.eventually("the console reaches its database again",
                () -> get("/api/v1/ad-accounts") == 200);

        Answer retry = retryUntilSettled(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Reconciled")).isEqualTo("true");
        String id = retry.json().path("id").asString();
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);
        assertThat(audited(id)).anySatisfy(after -> assertThat(after).contains(CreateReconciliation.NOTE));
    }

    @Test
    void aStalePendingKeyOfACrashedNodeIsReconciledNotStuck() {
        // A node claimed the key, sent the create to Meta, and died before recording the answer.
        Map<String, Object> body = campaign("Crashed node");
        String key = UUID.randomUUID().toString();
        Instant claimed = Instant.now().minus(Duration.ofMinutes(1));
        pendingKey(key, body, claimed);
        String id = metaCreateCampaign((String) body.get("name"));

        Answer retry = create(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Reconciled")).isEqualTo("true");
        assertThat(retry.json().path("id").asString()).isEqualTo(id);
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);
        assertThat(audited(id)).anySatisfy(after -> assertThat(after).contains(CreateReconciliation.NOTE));
    }

    @Test
    void aStalePendingKeyWhoseCreateNeverReachedMetaCreatesOnce() {
        Map<String, Object> body = campaign("Crashed early");
        String key = UUID.randomUUID().toString();
        pendingKey(key, body, Instant.now().minus(Duration.ofMinutes(1)));

        Answer retry = create(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Reconciled")).isNull();
        String id = retry.json().path("id").asString();
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(id);
        assertThat(create(body, key).json().path("id").asString()).isEqualTo(id);
    }

    @Test
    void aFreshPendingKeyIsInProgressNotReconciled() {
        Map<String, Object> body = campaign("Still running");
        String key = UUID.randomUUID().toString();
        pendingKey(key, body, Instant.now());

        Answer retry = create(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(409);
        assertThat(retry.json().path("error").path("code").asString()).isEqualTo("idempotency_in_progress");
        assertThat(metaCampaignsNamed(body.get("name"))).isEmpty();
    }

    @Test
    void metaRefusingTheCreateLeavesNothingUncertainAndTheRetryRunsAgain() {
        Map<String, Object> body = campaign("Refused");
        String key = UUID.randomUUID().toString();
        // Meta answers 400 (code 100): it refused, so nothing was created.
        h.controlPost("/_sandbox/faults", Map.of("kind", "timeout_use_async", "path", ACCOUNT + "/campaigns",
                "method", "POST", "count", 1));

        Answer refused = create(body, key);
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(400);
        assertThat(state(key)).isEqualTo("failed");

        Answer retry = create(body, key);
        assertThat(retry.status()).as(retry.response().body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(metaCampaignsNamed(body.get("name"))).containsExactly(retry.json().path("id").asString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Map<String, Object> campaign(String what) {
        return Map.of("name", what + " " + UUID.randomUUID().toString().substring(0, 8), "objective",
                "OUTCOME_TRAFFIC");
    }

    static void slowCampaignCreates(int millis) {
        h.controlPost("/_sandbox/faults", Map.of("kind", "latency", "latency_ms", millis, "path",
                ACCOUNT + "/campaigns", "method", "POST", "count", 1));
    }

    /** A latency fault disappears once it fired: the call it delays is at the sandbox. */
    static void awaitFaultFired() {
        ConsoleHarness.eventually("the create reached the sandbox",
                () -> h.control("GET", "/_sandbox/faults", null).path("data").isEmpty());
    }

    /** Retries (as a client would, honouring 409's Retry-After) until the answer is no longer "in progress". */
    static Answer retryUntilSettled(Map<String, Object> body, String key) {
        return retryUntilSettled("campaigns", body, key);
    }

    static Answer retryUntilSettled(String edge, Map<String, Object> body, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Answer answer = create(edge, body, key);
            if (answer.status() != 409 || System.nanoTime() > deadline) {
                return answer;
            }
            assertThat(answer.json().path("error").path("code").asString()).isEqualTo("idempotency_in_progress");
            assertThat(answer.header("Retry-After")).isNotNull();
            sleep(1000);
        }
    }

    static int get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(h.baseUrl + path))
                    .header("Authorization", "Bearer " + writeKey).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer create(Map<String, Object> body, String key) {
        return create("campaigns", body, key);
    }

    static Answer create(String edge, Map<String, Object> body, String key) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(h.baseUrl + "/api/v1/ad-accounts/" + ACCOUNT
                    + "/" + edge))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + writeKey)
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(60))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().startsWith("{") ? JSON.readTree(response.body())
                    : JSON.createObjectNode();
            return new Answer(response.statusCode(), json, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the account's campaigns (any status) with this exact name, as the sandbox's Graph API holds them. */
    static List<String> metaCampaignsNamed(Object name) {
        String filtering = JSON.writeValueAsString(List.of(Map.of("field", "name", "operator", "EQUAL", "value",
                name)));
        String statuses = JSON.writeValueAsString(List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED", "IN_PROCESS",
                "WITH_ISSUES"));
        JsonNode page = graph("GET", "/" + ACCOUNT + "/campaigns?limit=500&fields=id,name&filtering="
                + URLEncoder.encode(filtering, StandardCharsets.UTF_8) + "&effective_status="
                + URLEncoder.encode(statuses, StandardCharsets.UTF_8), null);
        assertThat(page.has("data")).as(page.toString()).isTrue();
        return page.path("data").findValuesAsString("id");
    }

    /** Creates a campaign at the sandbox directly, as the crashed node's call did. */
    static String metaCreateCampaign(String name) {
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&objective=OUTCOME_TRAFFIC&status=PAUSED&special_ad_categories=%5B%5D"
                + "&is_adset_budget_sharing_enabled=false";
        JsonNode created = graph("POST", "/" + ACCOUNT + "/campaigns", form);
        assertThat(created.path("id").asString()).as(created.toString()).matches("[0-9]+");
        return created.path("id").asString();
    }

    static JsonNode graph(String method, String pathAndQuery, String form) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.sandbox.baseUrl() + "/v25.0"
                    + pathAndQuery)).header("Authorization", "Bearer " + metaToken);
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key another node claimed at {@code at} and never finished. */
    static void pendingKey(String key, Map<String, Object> body, Instant at) {
        String hash = Idempotency.sha256(Idempotency.fingerprint("campaigns " + ACCOUNT, body));
        h.db().sql("""
                insert into api_idempotency_keys (tenant_id, idempotency_key, request_hash, created_at, state,
                    attempt_id, attempt_started_at)
                values (?, ?, ?, ?, 'pending', ?, ?)""")
                .params(owner.tenant().value(), key, hash, at.atOffset(java.time.ZoneOffset.UTC), UUID.randomUUID(),
                        at.atOffset(java.time.ZoneOffset.UTC))
                .update();
    }

    static String state(String key) {
        return h.db().sql("select state from api_idempotency_keys where tenant_id = ? and idempotency_key = ?")
                .params(owner.tenant().value(), key).query(String.class).single();
    }

    /** The after_json of the audit entries of creating this campaign. */
    static List<String> audited(String id) {
        return h.db().sql("select after_json from audit_log where tenant_id = ? and action = 'campaign.create' "
                + "and target_id = ? and outcome = 'success'")
                .params(owner.tenant().value(), id).query(String.class).list();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
