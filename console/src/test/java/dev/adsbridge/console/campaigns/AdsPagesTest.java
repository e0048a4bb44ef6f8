package dev.adsbridge.console.campaigns;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ads pages' shells over HTTP (no browser needed): the server decides which write controls exist, scripts come
 * only from the console, and the pages carry what their scripts need (account, CSRF).
 */
class AdsPagesTest {

    static ConsoleHarness world;
    static ConsoleHarness.Signed owner;
    static Browser analyst;

    @BeforeAll
    static void tenantWithAnAnalyst() {
        world = ConsoleHarness.shared();
        owner = world.owner("Pages Co");
        Page picker = ConsoleHarness.connect(owner.browser());
        owner.browser().post(picker.path(), Map.of("account", "act_1000000002"));
        String email = ConsoleHarness.email("pages-analyst");
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", "ANALYST"));
        Matcher link = Pattern.compile("http://[^<\\s\"]*(/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).isTrue();
        analyst = world.browser();
        analyst.post(link.group(1), Map.of("name", "Ana Lyst", "password", PASSWORD));
        assertThat(analyst.signIn(email, PASSWORD).path()).isEqualTo("/");
    }

    @Test
    void ownersGetWriteControlsAndTheAccountTheScriptsWorkOn() {
        Page campaigns = owner.browser().get("/campaigns");
        assertThat(campaigns.status()).isEqualTo(200);
        assertThat(campaigns.body()).contains("data-account=\"act_1000000002\"").contains("data-can-write=\"true\"")
                .contains("href=\"/create?account=act_1000000002\"").contains("/js/campaigns.js")
                .contains("name=\"_csrf\"").contains("name=\"_csrf_header\"");
        Page create = owner.browser().get("/create");
        assertThat(create.body()).contains("id=\"step-campaign\"").contains("/js/create.js").doesNotContain("read-only");
        assertThat(owner.browser().get("/").body()).contains("href=\"/create\"").contains("id=\"key-numbers\"")
                .contains("/js/dashboard.js");
    }

    @Test
    void aDisabledAdAccountIsShownWithItsReasonAndCannotBePicked() {
        String connection = world.connectionIds(owner.tenant()).get(0).toString();
        Page picker = owner.browser().get("/connections/" + connection + "/ad-accounts");
        assertThat(picker.status()).isEqualTo(200);
        Matcher disabled = Pattern.compile("<input[^>]*value=\"act_1000000004\"[^>]*>").matcher(picker.body());
        assertThat(disabled.find()).as(picker.body()).isTrue();
        assertThat(disabled.group()).contains("disabled");
        assertThat(picker.body()).contains("id=\"reason-act_1000000004\"").contains("Facebook disabled this ad account");
        Matcher usable = Pattern.compile("<input[^>]*value=\"act_1000000002\"[^>]*>").matcher(picker.body());
        assertThat(usable.find()).isTrue();
        assertThat(usable.group()).doesNotContain("disabled");

        // The server refuses it too, and keeps the previous choice.
        Page refused = owner.browser().post("/connections/" + connection + "/ad-accounts",
                Map.of("account", "act_1000000004"));
        assertThat(refused.path()).startsWith("/connections/" + connection + "/ad-accounts");
        assertThat(refused.body()).contains("cannot be used");
        assertThat(owner.browser().get("/campaigns").body()).contains("data-account=\"act_1000000002\"");
    }

    @Test
    void analystsGetNoWriteControlsAtAll() {
        Page campaigns = analyst.get("/campaigns");
        assertThat(campaigns.status()).isEqualTo(200);
        assertThat(campaigns.body()).contains("data-can-write=\"false\"").doesNotContain("href=\"/create")
                .doesNotContain("New campaign");
        Page create = analyst.get("/create");
        assertThat(create.status()).isEqualTo(200);
        assertThat(create.body()).contains("id=\"read-only\"").doesNotContain("id=\"step-").doesNotContain("create.js");
        assertThat(analyst.get("/campaigns/123").body()).contains("data-can-write=\"false\"");
    }

    @Test
    void drillDownAndInsightsTakeOnlyMetaIds() {
        assertThat(owner.browser().get("/campaigns/120000000000001").body()).contains("data-campaign=\"120000000000001\"");
        assertThat(owner.browser().get("/campaigns/abc%3Cscript%3E").status()).isEqualTo(404);
        assertThat(owner.browser().get("/insights?object=1').x").status()).isEqualTo(404);
        assertThat(owner.browser().get("/insights?object=120000000000001").body())
                .contains("data-object=\"120000000000001\"");
    }

    @Test
    void scriptsAndStylesComeOnlyFromTheConsole() {
        Page page = owner.browser().get("/insights");
        String policy = page.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Security-Policy")).map(Map.Entry::getValue)
                .findFirst().orElse("");
        assertThat(policy).contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
        for (String asset : List.of("/js/api.js", "/js/ui.js", "/js/insights.js", "/css/app.css")) {
            assertThat(world.browser().get(asset).status()).as(asset).isEqualTo(200);
        }
        assertThat(page.body()).doesNotContain("http://cdn").doesNotContain("https://cdn").doesNotContain(" style=\"");
    }
}
