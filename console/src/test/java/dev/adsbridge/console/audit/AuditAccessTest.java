package dev.adsbridge.console.audit;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may read the audit log (owners, and API keys owners created), what refused actions leave in it, and how the
 * page shows names and changes. Over HTTP against the running console.
 */
class AuditAccessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ConsoleHarness harness = ConsoleHarness.shared();

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Answer call(String key, String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String createKey(Browser browser, String name, String scope) {
        Page page = browser.post("/settings/api-keys", Map.of("name", name, "scope", scope));
        Matcher key = Pattern.compile("(abk_[A-Za-z0-9_-]{40,})").matcher(page.body());
        assertThat(key.find()).as(page.body()).isTrue();
        return key.group(1);
    }

    /** A teammate with the given role in the owner's tenant, signed in. */
    private Browser teammate(ConsoleHarness.Signed owner, String role, String email) {
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", role));
        Matcher link = Pattern.compile("http://[^<\\s\"]*(/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        Browser browser = harness.browser();
        browser.post(link.group(1), Map.of("name", role + " mate", "password", PASSWORD));
        assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/");
        return browser;
    }

    private static List<String> rows(JsonNode list, String outcome) {
        List<String> rows = new ArrayList<>();
        list.get("data").forEach(row -> {
            if (row.get("outcome").asString().equals(outcome)) {
                rows.add(row.get("action").asString() + " " + row.get("actor").asString());
            }
        });
        return rows;
    }

    @Test
    void anOwnersKeysReadTheAuditLogAndCsvWhileAnAdminsKeysAndAdminsAreRefused() {
        ConsoleHarness.Signed owner = harness.owner("Keyed Audit Co");
        String ownerRead = createKey(owner.browser(), "auditor", "read");
        String ownerWrite = createKey(owner.browser(), "robot", "read_write");
        Browser admin = teammate(owner, "ADMIN", ConsoleHarness.email("admin"));
        String adminKey = createKey(admin, "admin's robot", "read_write");

        Answer list = call(ownerRead, "GET", "/api/v1/audit?action=api_key", null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("data").size()).isEqualTo(3);
        JsonNode created = list.json().get("data").get(2);
        assertThat(created.get("action").asString()).isEqualTo("api_key.create");
        assertThat(created.get("target_name").asString()).isEqualTo("auditor");
        assertThat(created.get("after").get("scope").asString()).isEqualTo("read");
        assertThat(list.body()).doesNotContain(ownerRead).doesNotContain(ownerWrite);
        assertThat(call(ownerWrite, "GET", "/api/v1/audit", null).status()).isEqualTo(200);

        Answer csv = call(ownerRead, "GET", "/api/v1/audit.csv?action=api_key", null);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.response().headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")[0]).contains("target_id,target_name,outcome");
        assertThat(csv.body()).contains("auditor").contains("admin's robot");

        for (String path : List.of("/api/v1/audit", "/api/v1/audit.csv")) {
            Answer refused = call(adminKey, "GET", path, null);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().get("error").get("code").asString()).isEqualTo("forbidden_role");
            assertThat(refused.body()).doesNotContain("api_key.create");
            assertThat(admin.get(path).status()).as("admin signed in: " + path).isEqualTo(403);
        }
        assertThat(admin.get("/audit").status()).isEqualTo(403);
        assertThat(admin.get("/").body()).doesNotContain("href=\"/audit\"");

        // A filter that is wrong answers 400 for a key too, in the API's envelope.
        Answer bad = call(ownerRead, "GET", "/api/v1/audit?outcome=maybe", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("fields").has("outcome")).isTrue();
        assertThat(bad.json().get("error").get("request_id").asString())
                .isEqualTo(bad.response().headers().firstValue("x-request-id").orElse(""));
    }

    @Test
    void everyRefusedActionLandsInTheLogAsDenied() {
        ConsoleHarness.Signed owner = harness.owner("Denied Co");
        String analystEmail = ConsoleHarness.email("analyst");
        Browser analyst = teammate(owner, "ANALYST", analystEmail);
        Browser admin = teammate(owner, "ADMIN", ConsoleHarness.email("admin"));
        String ownerKey = createKey(owner.browser(), "owner robot", "read_write");
        Matcher ownerRow = Pattern.compile(Pattern.quote(owner.email())
                + "</td>[\\s\\S]*?/team/members/([0-9a-f-]{36})/role").matcher(owner.browser().get("/team").body());
        assertThat(ownerRow.find()).isTrue();
        String ownerMemberId = ownerRow.group(1);
        UUID someConnection = UUID.randomUUID();
        String keyId = JSON.readTree(owner.browser().get("/api/v1/api-keys").body()).get("data").get(0).get("id")
                .asString();

        // Team: invite, role change, remove — by an analyst and by an admin.
        for (Browser notOwner : List.of(analyst, admin)) {
            assertThat(notOwner.post("/team/invitations", Map.of("email", "x@example.test", "role", "OWNER"))
                    .status()).isEqualTo(403);
            assertThat(notOwner.post("/team/members/" + ownerMemberId + "/role", Map.of("role", "ANALYST"))
                    .status()).isEqualTo(403);
            assertThat(notOwner.post("/team/members/" + ownerMemberId + "/remove", Map.of()).status())
                    .isEqualTo(403);
        }
        // Connections: connect, reconnect, disconnect, the ad-account picker — by an analyst.
        assertThat(analyst.post("/connect", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/connections/" + someConnection + "/reconnect", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/connections/" + someConnection + "/disconnect", Map.of()).status())
                .isEqualTo(403);
        assertThat(analyst.post("/connections/" + someConnection + "/ad-accounts",
                Map.of("account", "act_1000000001")).status()).isEqualTo(403);
        // API keys: by an analyst in Settings, and by a key over the API.
        assertThat(analyst.post("/settings/api-keys", Map.of("name", "sneaky", "scope", "read_write")).status())
                .isEqualTo(403);
        assertThat(analyst.post("/settings/api-keys/" + keyId + "/revoke", Map.of()).status()).isEqualTo(403);
        Answer viaKey = call(ownerKey, "POST", "/api/v1/api-keys", "{\"name\":\"minted\",\"scope\":\"read_write\"}");
        assertThat(viaKey.status()).isEqualTo(403);
        assertThat(call(ownerKey, "DELETE", "/api/v1/api-keys/" + keyId, null).status()).isEqualTo(403);

        JsonNode log = JSON.readTree(owner.browser().get("/api/v1/audit?outcome=denied&limit=200").body());
        List<String> denied = rows(log, "denied");
        assertThat(denied).contains("team.invited " + analystEmail, "team.role_changed " + analystEmail,
                "team.removed " + analystEmail, "connection.connect " + analystEmail,
                "connection.reconnect " + analystEmail, "connection.disconnect " + analystEmail,
                "ad_accounts.chosen " + analystEmail, "api_key.create " + analystEmail,
                "api_key.revoke " + analystEmail, "api_key.create api-key:" + keyId,
                "api_key.revoke api-key:" + keyId);
        assertThat(denied.stream().filter(r -> r.startsWith("team.")).count()).isEqualTo(6);
        log.get("data").forEach(row -> {
            assertThat(row.get("request_id").isNull()).as(row.toString()).isFalse();
            assertThat(row.get("after").get("reason").asString()).isNotBlank();
        });
        JsonNode roleChange = JSON.readTree(owner.browser()
                .get("/api/v1/audit?outcome=denied&action=team.role_changed&actor=" + analystEmail).body())
                .get("data").get(0);
        assertThat(roleChange.get("target_name").asString()).isEqualTo(owner.email());
        assertThat(roleChange.get("after").get("role").asString()).isEqualTo("analyst");
        // Nothing was done: the owner is still an owner, no key was minted or revoked.
        assertThat(owner.browser().get("/team").body()).contains(owner.email());
        assertThat(JSON.readTree(owner.browser().get("/api/v1/api-keys").body()).get("data").size()).isEqualTo(1);
        assertThat(call(ownerKey, "GET", "/api/v1/audit?limit=1", null).status()).isEqualTo(200);
    }

    @Test
    void thePageShowsNamesAndReadableChangesAndCutsLongValues() {
        ConsoleHarness.Signed owner = harness.owner("Readable Co");
        Instant now = Instant.now();
        harness.console.publishEvent(new AuditEvent(owner.tenant(), owner.email(), "campaign.budget", "campaign",
                "120000000077", Map.of("daily_budget", "4000", "currency", "USD"),
                Map.of("daily_budget", "6000", "currency", "USD"), AuditEvent.SUCCESS, null, null, now)
                .withTargetName("Spring sale"));
        harness.console.publishEvent(new AuditEvent(owner.tenant(), owner.email(), "campaign.status", "campaign",
                "120000000077", "Spring sale", Map.of("status", "PAUSED"), Map.of("status", "ACTIVE"),
                AuditEvent.SUCCESS, null, null, now));
        String huge = "N".repeat(10_000);
        harness.console.publishEvent(new AuditEvent(owner.tenant(), owner.email(), "campaign.create", "campaign",
                "", null, Map.of("name", huge, "objective", "OUTCOME_TRAFFIC"), AuditEvent.FAILURE, null, null,
                now));

        Page page = owner.browser().get("/audit");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("Campaign “Spring sale”").contains("120000000077");
        assertThat(body).containsPattern("Daily budget:</span>\\s*<span class=\"was\">\\$40\\.00</span>\\s*"
                + "<span class=\"arrow\"[^>]*>→</span>\\s*<span class=\"now\">\\$60\\.00</span>");
        assertThat(body).containsPattern("Status:</span>\\s*<span class=\"was\">Paused</span>[\\s\\S]{0,300}"
                + "<span class=\"now\">Active</span>");
        assertThat(body).contains("Outcome traffic").contains("Chain verified ✓");
        // The 10,000-character name: cut in the table, whole behind a click (details), once.
        assertThat(body).contains("<details class=\"long\"><summary>" + "N".repeat(79) + "…</summary>");
        assertThat(body.split(huge, -1)).hasSize(2);
        // The API keeps the value whole.
        JsonNode api = JSON.readTree(owner.browser().get("/api/v1/audit?action=campaign.create").body());
        assertThat(api.get("data").get(0).get("after").get("name").asString()).hasSize(10_000);
        assertThat(api.get("data").get(0).get("target_name").isNull()).isTrue();
    }
}
