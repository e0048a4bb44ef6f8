package dev.adsbridge.console.identity;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refused sign-ins and CSRF refusals land in the tenant's audit log, never with the password. */
class SecurityAuditTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.db().sql("delete from sign_in_failures where subject like 'address:%'").update();
    }

    @Test
    void aWrongPasswordIsAuditedAsAFailureWithoutThePassword() {
        ConsoleHarness.Signed owner = harness.owner("Audited Sign-in Co");
        assertThat(harness.browser().signIn(owner.email(), "not my password at all 1").path())
                .isEqualTo("/signin?error");
        List<Map<String, Object>> rows = rows(owner, "member.sign_in");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("outcome", "failure").containsEntry("actor", owner.email())
                .containsEntry("client_ip", "127.0.0.1");
        assertThat(rows.get(0).get("after_json").toString()).contains("wrong_password");
        assertThat(harness.db().sql("select count(*) from audit_log where after_json like ? or before_json like ?")
                .params("%not my password%", "%not my password%").query(Long.class).single()).isZero();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndAudited() {
        ConsoleHarness.Signed owner = harness.owner("Csrf Co");
        Page refused = owner.browser().postRawOnce("/team/invitations",
                Map.of("email", ConsoleHarness.email("csrf"), "role", "ADMIN"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(harness.db().sql("select count(*) from invitations where tenant_id = ?")
                .param(owner.tenant().value()).query(Long.class).single()).isZero();
        List<Map<String, Object>> rows = rows(owner, "security.csrf_refused");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("outcome", "denied").containsEntry("actor", owner.email());
        assertThat(rows.get(0).get("after_json").toString()).contains("/team/invitations").contains("POST");

        // A sign-in form without its token, for a known address: filed under that account's tenant.
        Page signIn = harness.browser().postRawOnce("/signin", Map.of("email", owner.email(), "password", PASSWORD));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(rows(owner, "security.csrf_refused")).hasSize(2);
        assertThat(harness.db().sql("select count(*) from audit_log where after_json like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
    }

    private List<Map<String, Object>> rows(ConsoleHarness.Signed owner, String action) {
        return harness.db().sql("""
                select actor, outcome, after_json, client_ip from audit_log
                where tenant_id = ? and action = ? order by seq""")
                .params(owner.tenant().value(), action).query().listOfRows();
    }
}
