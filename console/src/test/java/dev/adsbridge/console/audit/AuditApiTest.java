package dev.adsbridge.console.audit;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.console.tenancy.TenantId;
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

/** The audit log as owners, admins and analysts see it over HTTP: API, CSV and page. */
class AuditApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConsoleHarness harness = ConsoleHarness.shared();

    private static JsonNode json(Page page) {
        return JSON.readTree(page.body());
    }

    private static List<String> actions(JsonNode list) {
        List<String> actions = new ArrayList<>();
        list.get("data").forEach(row -> actions.add(row.get("action").asString()));
        return actions;
    }

    private void publish(TenantId tenant, String actor, String action, String outcome) {
        harness.console.publishEvent(new AuditEvent(tenant, actor, action, "campaign", "120000000042",
                Map.of("status", "PAUSED"), Map.of("status", "ACTIVE"), outcome, "req_published", "10.0.0.9",
                Instant.now()));
    }

    /** An analyst in the owner's tenant, signed in. */
    private Browser analyst(ConsoleHarness.Signed owner) {
        String email = ConsoleHarness.email("analyst");
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", "ANALYST"));
        Matcher link = Pattern.compile("http://[^<\\s\"]*(/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        Browser analyst = harness.browser();
        analyst.post(link.group(1), Map.of("name", "Ana Analyst", "password", PASSWORD));
        assertThat(analyst.signIn(email, PASSWORD).path()).isEqualTo("/");
        return analyst;
    }

    @Test
    void choosingAdAccountsIsAuditedWithTheListsBeforeAndAfter() {
        ConsoleHarness.Signed owner = harness.owner("Picker Co");
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000003"));
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000001"));

        Page answer = owner.browser().get("/api/v1/audit?action=ad_accounts.chosen");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode list = json(answer);
        assertThat(actions(list)).containsExactly("ad_accounts.chosen", "ad_accounts.chosen");
        JsonNode latest = list.get("data").get(0);
        assertThat(latest.get("actor").asString()).isEqualTo(owner.email());
        assertThat(latest.get("outcome").asString()).isEqualTo("success");
        assertThat(latest.get("target_type").asString()).isEqualTo("connection");
        assertThat(latest.get("target_id").asString()).isEqualTo(connection.toString());
        assertThat(latest.get("before").get("ad_accounts").toString()).isEqualTo("[\"act_1000000003\"]");
        assertThat(latest.get("after").get("ad_accounts").toString()).isEqualTo("[\"act_1000000001\"]");
        JsonNode first = list.get("data").get(1);
        assertThat(first.get("before").get("ad_accounts").toString()).isEqualTo("[]");
        assertThat(first.get("after").get("ad_accounts").toString()).isEqualTo("[\"act_1000000003\"]");
        assertThat(latest.get("request_id").asString()).isNotBlank();
    }

    @Test
    void connectingAndDisconnectingLandInTheLogWithActorOutcomeRequestIdAndAddress() {
        ConsoleHarness.Signed owner = harness.owner("Audited Co");
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/disconnect", Map.of("confirm", "yes"));

        Page answer = owner.browser().get("/api/v1/audit?target=" + connection);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode list = json(answer);
        assertThat(actions(list)).containsExactly("connection.disconnect", "connection.connect");
        for (JsonNode row : list.get("data")) {
            assertThat(row.get("actor").asString()).isEqualTo(owner.email());
            assertThat(row.get("outcome").asString()).isEqualTo("success");
            assertThat(row.get("target_type").asString()).isEqualTo("connection");
            assertThat(row.get("request_id").asString()).isNotBlank();
            assertThat(row.get("client_ip").asString()).isEqualTo("127.0.0.1");
            assertThat(row.get("hash").asString()).hasSize(64);
        }
        JsonNode disconnect = list.get("data").get(0);
        assertThat(disconnect.get("after").get("status").asString()).isEqualTo("revoked");
        assertThat(disconnect.get("prev_hash").asString()).isEqualTo(list.get("data").get(1).get("hash").asString());
        assertThat(harness.bean(AuditLog.class).verify(owner.tenant()).ok()).isTrue();
    }

    @Test
    void teamChangesAreRecordedWithTheOwnerAsActor() {
        ConsoleHarness.Signed owner = harness.owner("Team Audit Co");
        analyst(owner);
        JsonNode list = json(owner.browser().get("/api/v1/audit?action=team"));
        assertThat(actions(list)).containsExactly("team.joined", "team.invited");
        assertThat(list.get("data").get(1).get("actor").asString()).isEqualTo(owner.email());
        assertThat(list.get("data").get(1).get("after").get("role").asString()).isEqualTo("analyst");
    }

    @Test
    void filtersAndCursorPagingWalkTheLogNewestFirst() {
        ConsoleHarness.Signed owner = harness.owner("Paging Co");
        for (int i = 0; i < 5; i++) {
            publish(owner.tenant(), "robot@example.test", "campaign.status", AuditEvent.SUCCESS);
        }
        publish(owner.tenant(), "robot@example.test", "campaign.budget", AuditEvent.FAILURE);
        publish(owner.tenant(), "other@example.test", "campaign.create", AuditEvent.DENIED);

        assertThat(actions(json(owner.browser().get("/api/v1/audit?outcome=failure")))).containsExactly(
                "campaign.budget");
        assertThat(actions(json(owner.browser().get("/api/v1/audit?actor=OTHER@example")))).containsExactly(
                "campaign.create");
        assertThat(actions(json(owner.browser().get("/api/v1/audit?action=campaign.status")))).hasSize(5);
        assertThat(actions(json(owner.browser().get("/api/v1/audit?from=2000-01-01&to=2000-12-31")))).isEmpty();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(owner.browser().get("/api/v1/audit?action=campaign&limit=3"
                    + (cursor == null ? "" : "&after=" + cursor)));
            page.get("data").forEach(row -> seen.add(row.get("seq").asString()));
            JsonNode next = page.get("paging").get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("7", "6", "5", "4", "3", "2", "1");
    }

    @Test
    void badFiltersAnswerValidationFailedWithTheRequestId() {
        ConsoleHarness.Signed owner = harness.owner("Strict Co");
        Page bad = owner.browser().get("/api/v1/audit?outcome=maybe&from=yesterday&limit=9999");
        assertThat(bad.status()).isEqualTo(400);
        JsonNode error = json(bad).get("error");
        assertThat(error.get("code").asString()).isEqualTo("validation_failed");
        assertThat(error.get("fields").propertyNames()).contains("outcome", "from", "limit");
        assertThat(error.get("request_id").asString()).isEqualTo(bad.headers().get("x-request-id"));
        assertThat(owner.browser().get("/api/v1/audit?after=abc").status()).isEqualTo(400);
    }

    @Test
    void analystsAreRefusedAndSeeNoAuditLink() {
        ConsoleHarness.Signed owner = harness.owner("Roles Audit Co");
        Browser analyst = analyst(owner);
        Page api = analyst.get("/api/v1/audit");
        assertThat(api.status()).isEqualTo(403);
        assertThat(json(api).get("error").get("code").asString()).isEqualTo("forbidden_role");
        Page csv = analyst.get("/api/v1/audit.csv");
        assertThat(csv.status()).isEqualTo(403);
        assertThat(csv.body()).contains("forbidden_role").doesNotContain("team.");
        assertThat(analyst.get("/audit").status()).isEqualTo(403);
        assertThat(analyst.get("/").body()).doesNotContain("href=\"/audit\"");
        assertThat(owner.browser().get("/").body()).contains("href=\"/audit\"");
    }

    @Test
    void anotherTenantsEntriesAreNeverVisible() {
        ConsoleHarness.Signed first = harness.owner("First Audit Co");
        ConsoleHarness.Signed second = harness.owner("Second Audit Co");
        for (int i = 0; i < 3; i++) {
            publish(first.tenant(), "first@example.test", "campaign.status", AuditEvent.SUCCESS);
        }
        publish(second.tenant(), "second@example.test", "campaign.create", AuditEvent.SUCCESS);

        JsonNode seen = json(second.browser().get("/api/v1/audit?limit=200"));
        seen.get("data").forEach(row -> assertThat(row.get("actor").asString()).isNotEqualTo("first@example.test"));
        assertThat(second.browser().get("/api/v1/audit?actor=first@example.test").body()).contains("\"data\":[]");
        // A cursor from the first tenant's list only pages the second tenant's own rows.
        assertThat(second.browser().get("/api/v1/audit?after=4&actor=first").body()).contains("\"data\":[]");
        assertThat(second.browser().get("/api/v1/audit.csv").body()).doesNotContain("first@example.test");
        assertThat(second.browser().get("/audit").body()).doesNotContain("first@example.test");
    }

    @Test
    void theCsvExportIsQuotedAndSafeToOpenInASpreadsheet() {
        ConsoleHarness.Signed owner = harness.owner("Csv Co");
        publish(owner.tenant(), "=HYPERLINK(\"http://evil.test\",\"click\")", "campaign.status", AuditEvent.SUCCESS);
        publish(owner.tenant(), "+1,2", "campaign.status", AuditEvent.SUCCESS);
        publish(owner.tenant(), "@SUM(A1)", "campaign.status", AuditEvent.SUCCESS);
        publish(owner.tenant(), "-2+3", "campaign.status", AuditEvent.SUCCESS);

        Page csv = owner.browser().get("/api/v1/audit.csv?action=campaign");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        assertThat(csv.headers().get("content-disposition")).contains("attachment").contains(".csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("seq,id,at,actor,action,target_type,target_id,target_name,outcome");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).contains(",'-2+3,");
        assertThat(lines[2]).contains(",'@SUM(A1),");
        assertThat(lines[3]).contains(",\"'+1,2\",");
        assertThat(lines[4]).contains(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",");
        assertThat(csv.body()).doesNotContain(",=").doesNotContain(",+").doesNotContain(",@").doesNotContain(",-");
        // before/after JSON is quoted, its quotes doubled.
        assertThat(lines[1]).contains("\"{\"\"status\"\":\"\"PAUSED\"\"}\"");
    }

    @Test
    void thePageShowsFiltersEntriesAndTheChainState() {
        ConsoleHarness.Signed owner = harness.owner("Page Audit Co");
        for (int i = 0; i < 55; i++) {
            publish(owner.tenant(), "robot@example.test", "campaign.status", AuditEvent.SUCCESS);
        }
        Page page = owner.browser().get("/audit");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contains("Audit log")).isTrue();
        assertThat(page.contains("Chain verified ✓")).isTrue();
        assertThat(page.contains("robot@example.test")).isTrue();
        assertThat(page.contains("Export CSV")).isTrue();
        assertThat(page.body()).contains("/api/v1/audit.csv");
        assertThat(page.body()).contains("Older entries");
        Page older = owner.browser().get("/audit?after=6");
        assertThat(older.body()).doesNotContain("Older entries").contains("Newest");
        assertThat(owner.browser().get("/audit?outcome=failure").contains("No entries match.")).isTrue();
    }
}
