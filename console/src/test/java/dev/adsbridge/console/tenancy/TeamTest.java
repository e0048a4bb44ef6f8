package dev.adsbridge.console.tenancy;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Invitations, roles and removal, as an owner manages the team. */
class TeamTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    private static String inviteLink(Page team) {
        Matcher link = Pattern.compile("http://[^<\\s\"]*(/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        return link.group(1);
    }

    @Test
    void anInvitationLinkWorksOnceAndGivesTheInvitedRole() {
        ConsoleHarness.Signed owner = harness.owner("Team Co");
        String email = ConsoleHarness.email("admin");
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", "ADMIN"));
        assertThat(team.contains("Send them this link (shown once, valid for 7 days)")).isTrue();
        String link = inviteLink(team);
        assertThat(harness.db().sql("select count(*) from invitations where secret_hash = ?")
                .param(link.substring(link.lastIndexOf('/') + 1)).query(Long.class).single())
                .as("only the hash of the link's secret is stored").isZero();

        Browser invitee = harness.browser();
        Page invitation = invitee.get(link);
        assertThat(invitation.contains("You are invited to")).isTrue();
        assertThat(invitation.contains("Team Co")).isTrue();
        // Accepting signs the invitee in: the dashboard, in the team, without the sign-in form.
        Page joined = invitee.post(link, Map.of("name", "Ada Admin", "password", PASSWORD));
        assertThat(joined.path()).isEqualTo("/?joined");
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.contains("Welcome to the team: you are signed in.")).as(joined.body()).isTrue();
        assertThat(invitee.get(link).status()).isEqualTo(404);
        assertThat(invitee.get("/").contains("Connect Facebook Ads")).as("signed in as the admin").isTrue();
        assertThat(invitee.signIn(email, PASSWORD).path()).isEqualTo("/");
        // Admins write: they may connect.
        assertThat(invitee.get("/").contains("Connect Facebook Ads")).isTrue();
        assertThat(harness.tenantOf(email)).isEqualTo(owner.tenant());
        assertThat(owner.browser().get("/team").contains("Ada Admin")).isTrue();
        // ...but only owners manage the team.
        assertThat(invitee.post("/team/invitations", Map.of("email", ConsoleHarness.email("x"), "role", "ANALYST"))
                .status()).isEqualTo(403);
    }

    @Test
    void aRevokedInvitationNoLongerWorks() {
        ConsoleHarness.Signed owner = harness.owner("Revoking Co");
        String link = inviteLink(owner.browser().post("/team/invitations",
                Map.of("email", ConsoleHarness.email("revoked"), "role", "ANALYST")));
        UUID id = harness.db().sql("select id from invitations where tenant_id = ?").param(owner.tenant().value())
                .query(UUID.class).single();
        owner.browser().post("/team/invitations/" + id + "/revoke", Map.of());
        Page gone = harness.browser().get(link);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contains("This invitation is no longer valid")).isTrue();
    }

    @Test
    void rolesChangeAtOnceAndTheLastOwnerStays() {
        ConsoleHarness.Signed owner = harness.owner("Roles Co");
        String email = ConsoleHarness.email("promoted");
        String link = inviteLink(owner.browser().post("/team/invitations", Map.of("email", email, "role", "ANALYST")));
        Browser member = harness.browser();
        member.post(link, Map.of("name", "Pat", "password", PASSWORD));
        member.signIn(email, PASSWORD);
        assertThat(member.post("/connect", Map.of()).status()).isEqualTo(403);

        UUID memberId = harness.db().sql("select id from members where email = ?").param(email)
                .query(UUID.class).single();
        owner.browser().post("/team/members/" + memberId + "/role", Map.of("role", "ADMIN"));
        // The same session, the new role: the member is read afresh on every request.
        assertThat(member.get("/").contains("Connect Facebook Ads")).isTrue();

        UUID ownerId = harness.db().sql("select id from members where email = ?").param(owner.email())
                .query(UUID.class).single();
        Page refused = owner.browser().post("/team/members/" + ownerId + "/role", Map.of("role", "ANALYST"));
        assertThat(refused.contains("A tenant needs at least one owner.")).isTrue();

        owner.browser().post("/team/members/" + memberId + "/remove", Map.of());
        assertThat(member.get("/").path()).as("a removed member is signed out").isEqualTo("/signin");
        assertThat(member.signIn(email, PASSWORD).path()).isEqualTo("/signin?error");
    }

    @Test
    void signUpRefusesAShortOrCommonPasswordWithAClearMessage() {
        Browser browser = harness.browser();
        assertThat(browser.signUp("Second Co", "Sam", ConsoleHarness.email("short"), "short")
                .contains("at least 12 characters")).isTrue();
        for (String common : List.of("password1234", "P@ssw0rd12345", "qwertyuiopasdf", "123456789012",
                "correct horse battery staple", "aaaaaaaaaaaaaaaa")) {
            String email = ConsoleHarness.email("common");
            Page refused = browser.signUp("Common Co", "Cam", email, common);
            assertThat(refused.contains("This password is too easy to guess")).as(common).isTrue();
            assertThat(harness.db().sql("select count(*) from members where email = ?").param(email)
                    .query(Long.class).single()).as(common).isZero();
        }
    }
}
