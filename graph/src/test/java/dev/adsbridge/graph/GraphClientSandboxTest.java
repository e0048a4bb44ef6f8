package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The client against the local Meta sandbox over real HTTP. */
class GraphClientSandboxTest {

    private static final String DEMO_ACCOUNT = "act_1000000001";

    private static SandboxServer sandbox;
    private static SandboxControl control;

    private FakeTime time;
    private GraphClient client;
    private String token;
    private String userId;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxServer.start(SandboxConfig.defaults());
        control = new SandboxControl(sandbox.baseUrl());
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void connectDemoUser() {
        time = new FakeTime();
        client = clientWith(RetryPolicy.defaults(), Duration.ofSeconds(30));
        JsonNode issued = control.issueToken();
        token = issued.path("access_token").asString();
        userId = issued.path("user_id").asString();
    }

    @AfterEach
    void clearFaults() {
        control.clearFaults();
    }

    @Test
    void me_answers_the_user_the_token_belongs_to() {
        GraphResponse<JsonNode> me = client.get(token, "me", Map.of("fields", "id,name"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("id").asString()).isEqualTo(userId);
        assertThat(me.body().path("name").asString()).isNotBlank();
    }

    @Test
    void a_revalidated_read_is_not_modified_until_the_object_changes() {
        Map<String, String> fields = Map.of("fields", "id,name,status");
        GraphResponse<JsonNode> first = client.get(token, DEMO_ACCOUNT + "/campaigns", Map.of("fields", "id",
                "limit", "1"));
        String campaign = first.body().path("data").path(0).path("id").asString();
        GraphResponse<JsonNode> read = client.get(token, campaign, fields);
        String etag = read.etag().orElseThrow();

        GraphResponse<JsonNode> same = client.getIfNoneMatch(token, campaign, fields, etag);
        assertThat(same.notModified()).isTrue();
        assertThat(same.body().isNull()).isTrue();

        client.post(token, campaign, Map.of("name", read.body().path("name").asString() + " (renamed)"));
        GraphResponse<JsonNode> changed = client.getIfNoneMatch(token, campaign, fields, etag);
        assertThat(changed.notModified()).isFalse();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("name").asString()).endsWith(" (renamed)");
        assertThat(changed.etag()).isPresent().get().isNotEqualTo(etag);

        assertThatThrownBy(() -> client.getIfNoneMatch(token, campaign, fields, "bad\netag"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paging_walks_every_campaign_until_next_is_missing() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "id,name");
        params.put("limit", "25");
        params.put("summary", "true");

        Page<JsonNode> page = client.getPage(token, DEMO_ACCOUNT + "/campaigns", params);
        long totalCount = page.totalCount().orElseThrow();
        Set<String> ids = new HashSet<>();
        int pages = 1;
        page.data().forEach(c -> ids.add(c.path("id").asString()));
        while (page.hasNext()) {
            assertThat(page.data()).hasSizeLessThanOrEqualTo(25);
            params.put("after", page.nextCursor().orElseThrow());
            page = client.getPage(token, DEMO_ACCOUNT + "/campaigns", params);
            page.data().forEach(c -> ids.add(c.path("id").asString()));
            pages++;
            assertThat(pages).as("pages walked").isLessThan(100);
        }

        // 130 seeded; archived and deleted ones are hidden from the edge, as on Meta. Enough for several pages.
        assertThat(totalCount).isGreaterThan(75);
        assertThat(ids).hasSize((int) totalCount);
        assertThat(pages).isEqualTo((int) ((totalCount + 24) / 25));
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void fetch_all_collects_every_campaign_or_stops_at_the_cap() {
        Page<JsonNode> first = client.getPage(token, DEMO_ACCOUNT + "/campaigns", Map.of("summary", "true", "limit", "1"));
        long total = first.totalCount().orElseThrow();

        List<JsonNode> all = client.fetchAll(token, DEMO_ACCOUNT + "/campaigns", Map.of("fields", "id", "limit", "50"), 10_000);
        List<JsonNode> capped = client.fetchAll(token, DEMO_ACCOUNT + "/campaigns", Map.of("fields", "id", "limit", "25"), 30);

        assertThat(all).hasSize((int) total);
        assertThat(capped).hasSize(30);
        assertThat(capped).extracting(c -> c.path("id").asString())
                .containsExactlyElementsOf(all.subList(0, 30).stream().map(c -> c.path("id").asString()).toList());
    }

    @Test
    void responses_report_usage_headers() {
        GraphResponse<JsonNode> response = client.get(token, DEMO_ACCOUNT + "/campaigns", Map.of("fields", "id"));

        assertThat(response.usage().isEmpty()).isFalse();
        assertThat(response.usage().maxUtilizationPercent()).isBetween(0.0, 100.0);
    }

    @Test
    void expired_token_fault_is_an_auth_error_with_code_190() {
        control.armFault(Map.of("kind", "expire_token"));

        assertThatThrownBy(() -> client.get(token, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
                    assertThat(e.error().code()).isEqualTo(190);
                    assertThat(e.error().fbtraceId()).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain(token);
                });
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void transient_fault_on_a_read_is_retried_and_succeeds() {
        control.armFault(Map.of("kind", "transient", "path", "me", "method", "GET", "count", 1));

        GraphResponse<JsonNode> me = client.get(token, "me", Map.of("fields", "id"));

        assertThat(me.body().path("id").asString()).isEqualTo(userId);
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void server_error_fault_on_a_read_is_retried_and_succeeds() {
        control.armFault(Map.of("kind", "server_error", "path", "me", "count", 2));

        assertThat(client.get(token, "me", Map.of()).status()).isEqualTo(200);
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void transient_fault_on_a_write_is_not_retried() {
        control.armFault(Map.of("kind", "transient", "path", "campaigns", "method", "POST", "count", 1));

        assertThatThrownBy(() -> client.post(token, DEMO_ACCOUNT + "/campaigns", newCampaign("Not retried")))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rate_limit_longer_than_the_budget_fails_at_once_with_the_wait_meta_announced() {
        control.armFault(Map.of("kind", "rate_limit", "path", "campaigns", "method", "GET", "count", 10));

        assertThatThrownBy(() -> client.get(token, DEMO_ACCOUNT + "/campaigns", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
                    assertThat(e.error().retryAfter()).hasValueSatisfying(
                            wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(30)));
                    assertThat(e.usage().businessUseCases()).isNotEmpty();
                });
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rate_limited_read_waits_out_the_announced_time_when_the_budget_allows() {
        GraphClient patient = clientWith(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofMinutes(30)), Duration.ofSeconds(30));
        control.armFault(Map.of("kind", "rate_limit", "path", "campaigns", "method", "GET", "count", 1));

        Page<JsonNode> page = patient.getPage(token, DEMO_ACCOUNT + "/campaigns", Map.of("limit", "5"));

        assertThat(page.data()).hasSize(5);
        assertThat(time.sleeps()).hasSize(1);
        assertThat(time.sleeps().get(0)).isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    void latency_beyond_the_request_timeout_is_a_transient_network_error() {
        GraphClient impatient = clientWith(RetryPolicy.none(), Duration.ofMillis(300));
        control.armFault(Map.of("kind", "latency", "path", "me", "latency_ms", 1500, "count", 1));

        assertThatThrownBy(() -> impatient.get(token, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT);
                    assertThat(e.error().code()).isEqualTo(GraphError.NETWORK_ERROR_CODE);
                });
    }

    @Test
    void batch_answers_each_operation_in_order() {
        List<BatchResult> results = client.batch(token, List.of(
                BatchRequest.get("me", Map.of("fields", "id")),
                BatchRequest.get(DEMO_ACCOUNT + "/campaigns", Map.of("fields", "id,name", "limit", "2")),
                BatchRequest.get("999999999999999999")));

        assertThat(results).hasSize(3);
        assertThat(results.get(0).isSuccess()).isTrue();
        assertThat(results.get(0).body().path("id").asString()).isEqualTo(userId);
        assertThat(results.get(1).isSuccess()).isTrue();
        assertThat(results.get(1).body().path("data")).hasSize(2);
        assertThat(results.get(2).isSuccess()).isFalse();
        assertThat(results.get(2).error()).hasValueSatisfying(
                e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST));
    }

    @Test
    void a_pkce_code_exchanges_only_with_its_own_verifier() throws Exception {
        MetaOAuth oauth = new MetaOAuth(client);
        String redirectUri = sandbox.config().redirectUris().get(0);
        String mine = Pkce.newVerifier();
        String other = Pkce.newVerifier();
        Map<String, String> callback = new SandboxLoginDialog().consent(
                oauth.dialogUrl(redirectUri, "state-pkce", List.of("ads_read"), Pkce.challenge(other)));
        assertThatThrownBy(() -> oauth.exchangeCode(callback.get("code"), redirectUri, mine))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(100);
                    assertThat(e.getMessage()).contains("code_verifier").doesNotContain(mine, callback.get("code"));
                });

        Map<String, String> good = new SandboxLoginDialog().consent(
                oauth.dialogUrl(redirectUri, "state-pkce-2", List.of("ads_read"), Pkce.challenge(mine)));
        assertThat(oauth.exchangeCode(good.get("code"), redirectUri, mine).accessToken()).isNotBlank();
    }

    @Test
    void code_flow_through_the_login_dialog_yields_a_working_single_use_code() throws Exception {
        MetaOAuth oauth = new MetaOAuth(client);
        String redirectUri = sandbox.config().redirectUris().get(0);
        URI dialog = oauth.dialogUrl(redirectUri, "state-123", List.of("ads_read", "ads_management"));

        Map<String, String> callback = new SandboxLoginDialog().consent(dialog);
        TokenGrant grant = oauth.exchangeCode(callback.get("code"), redirectUri);

        assertThat(callback).containsEntry("state", "state-123").containsKey("code");
        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.expiresIn()).isPositive();
        assertThat(oauth.debugToken(grant.accessToken()).scopes()).contains("ads_read", "ads_management");
        assertThat(client.get(grant.accessToken(), "me", Map.of()).body().path("id").asString()).isNotBlank();
        assertThatThrownBy(() -> oauth.exchangeCode(callback.get("code"), redirectUri))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
                    assertThat(e.error().subcode()).isEqualTo(36009);
                    assertThat(e.getMessage()).doesNotContain(callback.get("code"), sandbox.config().appSecret());
                });
    }

    @Test
    void app_token_debugs_a_user_token() {
        MetaOAuth oauth = new MetaOAuth(client);

        String appToken = oauth.appToken();
        TokenDebugInfo info = oauth.debugToken(token);

        assertThat(appToken).isNotBlank();
        assertThat(info.isValid()).isTrue();
        assertThat(info.appId()).isEqualTo(sandbox.config().appId());
        assertThat(info.userId()).isEqualTo(userId);
        assertThat(info.type()).isEqualTo("USER");
        assertThat(info.scopes()).contains("ads_read", "ads_management");
        assertThat(info.error()).isEmpty();
    }

    @Test
    void permissions_list_what_the_token_was_granted() {
        String narrow = control.issueToken(null, List.of("ads_read"), null).path("access_token").asString();

        List<Permission> permissions = new MetaOAuth(client).permissions(narrow);

        assertThat(permissions).filteredOn(Permission::isGranted).extracting(Permission::name).contains("ads_read")
                .doesNotContain("ads_management");
    }

    @Test
    void long_lived_exchange_returns_a_working_token() {
        TokenGrant grant = new MetaOAuth(client).exchangeForLongLived(token);

        assertThat(grant.accessToken()).isNotBlank();
        assertThat(grant.expiresIn()).isNotNull();
        assertThat(client.get(grant.accessToken(), "me", Map.of()).body().path("id").asString()).isEqualTo(userId);
    }

    @Test
    void revoked_token_stops_working_and_debugs_as_invalid() {
        MetaOAuth oauth = new MetaOAuth(client);

        oauth.revoke(token);

        assertThatThrownBy(() -> client.get(token, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.AUTH));
        TokenDebugInfo info = oauth.debugToken(token);
        assertThat(info.isValid()).isFalse();
    }

    @Test
    void revoke_token_fault_is_an_auth_error() {
        control.armFault(Map.of("kind", "revoke_token"));

        assertThatThrownBy(() -> client.get(token, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.AUTH));
    }

    private GraphClient clientWith(RetryPolicy retryPolicy, Duration requestTimeout) {
        return GraphClient.builder(GraphConfig.builder()
                        .baseUrl(sandbox.baseUrl())
                        .appId(sandbox.config().appId())
                        .appSecret(sandbox.config().appSecret())
                        .requestTimeout(requestTimeout)
                        .retryPolicy(retryPolicy)
                        .build())
                .sleeper(time)
                .clock(time)
                .build();
    }

    private static Map<String, String> newCampaign(String name) {
        Map<String, String> campaign = new LinkedHashMap<>();
        campaign.put("name", name);
        campaign.put("objective", "OUTCOME_TRAFFIC");
        campaign.put("status", "PAUSED");
        campaign.put("special_ad_categories", "[]");
        campaign.put("is_adset_budget_sharing_enabled", "false");
        // A dry run: should the fault not fire, nothing is created in the shared sandbox.
        campaign.put("execution_options", "[\"validate_only\"]");
        return campaign;
    }
}
