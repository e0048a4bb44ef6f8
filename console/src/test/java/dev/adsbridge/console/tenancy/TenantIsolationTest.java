package dev.adsbridge.console.tenancy;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant isolation on every endpoint that takes an id, and roles enforced on the server. */
class TenantIsolationTest {

    private static final ConsoleHarness harness = ConsoleHarness.shared();
    private static ConsoleHarness.Signed owner;
    private static Browser analyst;
    private static UUID connection;
    private static UUID invitation;
    private static UUID analystMember;
    private static UUID notice;

    @BeforeAll
    static void tenantWithEverything() {
        owner = harness.owner("Tenant A");
        ConsoleHarness.connect(owner.browser());
        connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000001"));

        String analystEmail = ConsoleHarness.email("analyst");
        Page team = owner.browser().post("/team/invitations", Map.of("email", analystEmail, "role", "ANALYST"));
        Matcher link = Pattern.compile("(http://[^<\\s]*/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        analyst = harness.browser();
        Page accepted = analyst.post(link.group(1).replace(harness.baseUrl, ""),
                Map.of("name", "Ann Analyst", "password", PASSWORD));
        assertThat(accepted.contains("Welcome to the team")).isTrue();
        assertThat(analyst.signIn(analystEmail, PASSWORD).path()).isEqualTo("/");
        analystMember = harness.db().sql("select id from members where email = ?").param(analystEmail)
                .query(UUID.class).single();

        owner.browser().post("/team/invitations", Map.of("email", ConsoleHarness.email("pending"), "role", "ADMIN"));
        invitation = harness.db().sql("select id from invitations where tenant_id = ? and accepted_at is null")
                .param(owner.tenant().value()).query(UUID.class).single();

        notice = UUID.randomUUID();
        harness.db().sql("""
                insert into notices (id, tenant_id, kind, message, subject_id, created_at)
                values (?, ?, 'test', 'A notice of tenant A', ?, ?)""")
                .params(notice, owner.tenant().value(), connection, OffsetDateTime.now()).update();
    }

    @Test
    void aMemberOfAnotherTenantGets404ForEveryIdOfThisOne() {
        Browser other = harness.owner("Tenant B").browser();
        ConsoleHarness.connect(other); // B has data of its own, too

        assertThat(other.get("/connections/" + connection + "/ad-accounts").status()).isEqualTo(404);
        assertThat(other.post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000001"))
                .status()).isEqualTo(404);
        assertThat(other.post("/connections/" + connection + "/reconnect", Map.of()).status()).isEqualTo(404);
        assertThat(other.post("/connections/" + connection + "/disconnect", Map.of()).status()).isEqualTo(404);
        assertThat(other.post("/team/invitations/" + invitation + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(other.post("/team/members/" + analystMember + "/role", Map.of("role", "OWNER")).status())
                .isEqualTo(404);
        assertThat(other.post("/team/members/" + analystMember + "/remove", Map.of()).status()).isEqualTo(404);
        assertThat(other.post("/notices/" + notice + "/dismiss", Map.of()).status()).isEqualTo(404);
        Page notFound = other.get("/connections/" + connection + "/ad-accounts");
        assertThat(notFound.contains("There is nothing here")).as(notFound.body()).isTrue();

        // Nothing of tenant A changed, and nothing of it shows on B's pages.
        assertThat(harness.connectionStatus(connection)).contains("ACTIVE");
        assertThat(harness.db().sql("select role from members where id = ?").param(analystMember)
                .query(String.class).single()).isEqualTo("ANALYST");
        assertThat(harness.db().sql("select revoked_at from invitations where id = ?").param(invitation)
                .query(OffsetDateTime.class).optional()).isEmpty();
        assertThat(harness.db().sql("select dismissed_at from notices where id = ?").param(notice)
                .query(OffsetDateTime.class).optional()).isEmpty();
        assertThat(harness.db().sql("select count(*) from chosen_ad_accounts where tenant_id = ?")
                .param(owner.tenant().value()).query(Long.class).single()).isEqualTo(1);
        for (String page : List.of("/", "/team", "/settings")) {
            Page shown = other.get(page);
            assertThat(shown.body()).doesNotContain(connection.toString(), analystMember.toString(),
                    "A notice of tenant A", "Ann Analyst");
        }
    }

    @Test
    void analystsSeeNoWriteControlsAndAreRefusedOnTheServer() {
        Page dashboard = analyst.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.contains("Whitfield Outdoor - US")).isTrue(); // reads work
        assertThat(dashboard.contains("Connect Facebook Ads")).isFalse();
        Page settings = analyst.get("/settings");
        assertThat(settings.contains("Dana Whitfield")).isTrue();
        assertThat(settings.contains("Disconnect")).isFalse();
        assertThat(settings.contains("Reconnect")).isFalse();
        Page picker = analyst.get("/connections/" + connection + "/ad-accounts");
        assertThat(picker.status()).isEqualTo(200);
        assertThat(picker.contains("Use these ad accounts")).isFalse();
        Page team = analyst.get("/team");
        assertThat(team.contains("Invite a teammate")).isFalse();
        assertThat(team.contains("Remove")).isFalse();

        assertThat(analyst.post("/connect", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/connections/" + connection + "/reconnect", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/connections/" + connection + "/disconnect", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000002"))
                .status()).isEqualTo(403);
        assertThat(analyst.post("/team/invitations", Map.of("email", ConsoleHarness.email("x"), "role", "OWNER"))
                .status()).isEqualTo(403);
        assertThat(analyst.post("/team/members/" + analystMember + "/role", Map.of("role", "OWNER")).status())
                .isEqualTo(403);
        assertThat(analyst.post("/team/invitations/" + invitation + "/revoke", Map.of()).status()).isEqualTo(403);
        Page refused = analyst.post("/connect", Map.of());
        assertThat(refused.contains("Your role does not allow this")).as(refused.body()).isTrue();

        assertThat(harness.connectionStatus(connection)).contains("ACTIVE");
        assertThat(harness.db().sql("select ad_account_id from chosen_ad_accounts where tenant_id = ?")
                .param(owner.tenant().value()).query(String.class).list()).containsExactly("act_1000000001");
        assertThat(harness.db().sql("select role from members where id = ?").param(analystMember)
                .query(String.class).single()).isEqualTo("ANALYST");
    }

    @Test
    void pagesNeedASignedInMember() {
        Browser anonymous = harness.browser();
        assertThat(anonymous.get("/settings").path()).isEqualTo("/signin");
        assertThat(anonymous.getOnce("/connections/" + connection + "/ad-accounts").status()).isEqualTo(302);
        // A form without the CSRF token is refused even for a signed-in owner.
        assertThat(owner.browser().postRawOnce("/connections/" + connection + "/disconnect", Map.of()).status())
                .isEqualTo(403);
        assertThat(harness.connectionStatus(connection)).contains("ACTIVE");
    }
}
