package dev.adsbridge.console.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.support.BrowserTest;
import dev.adsbridge.console.support.Chrome;
import dev.adsbridge.console.support.ConsoleHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page fits the screen, on a laptop and on a phone (390×844): nothing wider than the viewport, even with a
 * rejected 10,000-character campaign name in the audit log, a long e-mail on the team and long ad-account names; the
 * insights chart's labels stay readable. Refreshes the team and audit screenshots (UPDATE_SCREENSHOTS=true).
 */
class PhoneLayoutBrowserTest extends BrowserTest {


    @Test
    void everyPageFitsALaptopAndAPhone() {
        ConsoleHarness.Signed owner = world.owner("Narrow Screens Co");
        chrome.open("/signin");
        chrome.type("input[name='email']", owner.email());
        chrome.type("input[name='password']", ConsoleHarness.PASSWORD);
        chrome.click("form button[type='submit']");
        chrome.until(d -> chrome.path().equals("/"), "signed in");
        chrome.click("form[action='/connect'] button");
        chrome.click("button[name='action'][value='continue']");
        chrome.until(d -> chrome.path().endsWith("/ad-accounts"), "the ad-account picker");
        for (String account : List.of("act_1000000001", "act_1000000002")) {
            chrome.click("input[type='checkbox'][value='" + account + "']");
        }
        chrome.click("main form button[type='submit']");
        chrome.until(d -> chrome.path().equals("/"), "the dashboard");

        // A teammate with a long address, a refused 10,000-character campaign name and a budget change.
        owner.browser().post("/team/invitations", Map.of("email",
                "marketing.operations.team.lead.emea@very-long-company-name.example.test", "role", "ANALYST"));
        world.console.publishEvent(new AuditEvent(owner.tenant(), owner.email(), "campaign.create", "campaign", "",
                null, Map.of("name", "Sale ".repeat(2_000), "objective", "OUTCOME_TRAFFIC"), AuditEvent.FAILURE,
                null, null, Instant.now()));
        world.console.publishEvent(new AuditEvent(owner.tenant(), owner.email(), "campaign.budget", "campaign",
                "120000000077", "Spring sale", Map.of("daily_budget", "4000", "currency", "USD"),
                Map.of("daily_budget", "6000", "currency", "USD"), AuditEvent.SUCCESS, null, null, Instant.now()));

        for (Chrome.Viewport viewport : List.of(Chrome.LAPTOP, Chrome.PHONE)) {
            chrome.viewport(viewport);
            for (String path : List.of("/", "/campaigns", "/insights", "/team", "/settings", "/audit")) {
                chrome.open(path);
                chrome.find("main h1");
                if (path.equals("/insights")) {
                    chrome.find("#insights-chart text");
                }
                chrome.settled();
                long scrollWidth = ((Number) chrome.script("return document.documentElement.scrollWidth")).longValue();
                assertThat(scrollWidth).as(path + " at " + viewport.name()).isLessThanOrEqualTo(viewport.width());
                if (path.equals("/insights")) {
                    double smallest = ((Number) chrome.script("""
                            const svg = document.getElementById('insights-chart');
                            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                            return Math.min(...Array.from(svg.querySelectorAll('text'))
                                .map(t => parseFloat(getComputedStyle(t).fontSize) * scale));""")).doubleValue();
                    assertThat(smallest).as("chart text at " + viewport.name()).isGreaterThanOrEqualTo(10.0);
                }
                if (path.equals("/") || path.equals("/campaigns")) {
                    // The account picker shows within the screen, not cut off at its edge.
                    double right = ((Number) chrome.script(
                            "return document.getElementById('account').getBoundingClientRect().right")).doubleValue();
                    assertThat(right).as("account picker on " + path).isLessThanOrEqualTo(viewport.width());
                }
            }
        }

        // The long value is one click away.
        chrome.viewport(Chrome.PHONE);
        chrome.open("/audit");
        chrome.find("details.long summary");
        assertThat(chrome.find("details.long summary").getText()).endsWith("…").hasSizeLessThan(100);
        chrome.click("details.long summary");
        assertThat(chrome.find("details.long .full").getText()).hasSizeGreaterThan(9_000);
        assertThat(((Number) chrome.script("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(390);
        chrome.script("document.querySelector('details.long').open = false");
        assertThat(chrome.text("main")).contains("Daily budget: $40.00 → $60.00");
        chrome.screenshots("audit", () -> { });
        chrome.open("/team");
        chrome.find("table.team");
        chrome.screenshots("team", () -> { });
    }
}
