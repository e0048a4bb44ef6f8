package dev.adsbridge.console.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.BrowserTest;
import dev.adsbridge.console.support.Chrome;
import dev.adsbridge.console.support.ConsoleHarness;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real browser (Debian's chromium, headless), against the console, the MCP server and the sandbox:
 * what a marketer clicks, what they see. Saves the screenshots as it goes (docs/screenshots/ with UPDATE_SCREENSHOTS=true).
 */
public class ConsoleBrowserTest extends BrowserTest {

    static final String PAGE_ID = "200000000000001";

    @Test
    void ownerConnectsBrowsesCreatesAndActivatesACampaignAndSeesItAudited() {
        signUpAndConnect("Browser Co");

        // Dashboard: connection status with expiry, key numbers for 7 and 30 days with their change.
        assertThat(chrome.path()).isEqualTo("/");
        assertThat(chrome.text("table")).contains("Active");
        chrome.find(".period[data-preset='last_7d'] .kpi[data-metric='spend'] .value");
        chrome.find(".period[data-preset='last_30d'] .kpi[data-metric='spend'] .value");
        chrome.settled();
        assertThat(chrome.text("#summary-problem")).isEmpty();
        assertThat(chrome.all(".period .delta")).isNotEmpty();
        chrome.screenshots("dashboard", chrome::settled);

        // Campaigns: the table, a filter, paging.
        chrome.click("nav a[href^='/campaigns']");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        assertThat(chrome.all("#campaigns tbody tr[data-id]")).hasSizeGreaterThan(5);
        assertThat(chrome.all("#campaigns .badge")).isNotEmpty();
        chrome.screenshots("campaigns", chrome::settled);
        chrome.select("#status", "PAUSED");
        chrome.until(d -> d.findElements(By.cssSelector("#campaigns tbody tr[data-id]")).stream()
                .allMatch(row -> row.findElement(By.cssSelector(".badge")).getAttribute("data-status").equals("PAUSED"))
                && !d.findElements(By.cssSelector("#campaigns tbody tr[data-id]")).isEmpty(), "only paused campaigns");
        chrome.select("#status", "");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        if (chrome.find("#next").isEnabled()) {
            String first = chrome.find("#campaigns tbody tr[data-id]").getAttribute("data-id");
            chrome.click("#next");
            chrome.until(d -> !d.findElements(By.cssSelector("#campaigns tbody tr[data-id]")).isEmpty()
                    && !first.equals(d.findElements(By.cssSelector("#campaigns tbody tr[data-id]")).get(0)
                            .getAttribute("data-id")), "the second page");
            assertThat(chrome.text("#page-label")).isEqualTo("Page 2");
            chrome.click("#prev");
            chrome.until(d -> "Page 1".equals(chrome.text("#page-label")), "back on page 1");
        }

        // Drill-down: campaign → ad sets → ads with creative previews (the top spender: a campaign with ads, whatever
        // other tests created in the shared sandbox).
        chrome.settled();
        // Sorted across the account, not within one page (the US account has several pages of campaigns): page 2
        // starts below where page 1 ends.
        // Every page of the sorted list, which also shows every campaign's cost per result: reach and impressions
        // results cost per 1,000, as in Ads Manager (never "$0.01 per person reached"), "each" only after a single
        // per-one amount.
        chrome.open("/campaigns?account=act_1000000001&sort=spend_desc");
        chrome.until(d -> chrome.text("#page-label").contains(" of "), "the whole list, sorted");
        chrome.settled();
        assertThat(chrome.find("#next").isEnabled()).as("the account has more than one page of campaigns").isTrue();
        List<String> costs = new java.util.ArrayList<>();
        for (int pageNumber = 1; ; pageNumber++) {
            chrome.all("#campaigns .cost-per-result").forEach(cost -> costs.add(cost.getText()));
            if (!chrome.find("#next").isEnabled()) {
                break;
            }
            double lastOnThisPage = spends().get(spends().size() - 1);
            chrome.click("#next");
            String label = "Page " + (pageNumber + 1) + " of";
            chrome.until(d -> chrome.text("#page-label").startsWith(label), "the next sorted page");
            assertThat(spends().get(0)).as(label + ": its top spend").isLessThanOrEqualTo(lastOnThisPage);
        }
        assertThat(String.join(" | ", costs)).contains("per 1,000 people reached").doesNotContain("per person reached")
                .doesNotContain("per impression").doesNotContain("reached each");
        chrome.open("/campaigns?account=act_1000000002&sort=spend_desc");
        chrome.until(d -> chrome.text("#page-label").contains(" of "), "the EU account's campaigns, sorted");
        chrome.settled();
        chrome.click("#campaigns tbody tr[data-id] td.title a");
        chrome.find("#adsets tbody tr.adset");
        chrome.click("#adsets tbody tr.adset button.show-ads");
        chrome.find(".ad-card");
        chrome.until(d -> Boolean.TRUE.equals(chrome.script(
                "const i = document.querySelector('.ad-card img.preview'); return !!i && i.complete && i.naturalWidth > 0")),
                "a creative preview image");
        chrome.settled();
        // Each ad set's own spend, results (by its goal) and cost per result for the period.
        assertThat(chrome.text("#adsets tbody tr.adset td[data-metric='spend']")).isNotBlank();
        assertThat(chrome.text("#adsets tbody tr.adset td[data-metric='results']")).isNotBlank();
        assertThat(chrome.text(".ad-card .ad-numbers")).contains("spent");
        chrome.screenshots("drill-down", chrome::settled);

        // Insights: the chart with the previous period, a breakdown table, the CSV link.
        chrome.click("nav a[href^='/insights']");
        chrome.find("#insights-chart polyline.current");
        chrome.settled();
        assertThat(chrome.present("#insights-chart polyline.previous")).isTrue();
        assertThat(Integer.parseInt(chrome.find("#insights-chart").getAttribute("data-points"))).isGreaterThan(20);
        assertThat(chrome.all("#totals .kpi .delta")).isNotEmpty();
        for (String metric : List.of("reach", "frequency", "cpm", "results", "cost_per_result")) {
            assertThat(chrome.text("#totals .kpi[data-metric='" + metric + "'] .value")).as(metric).isNotBlank();
        }
        assertThat(chrome.text("#legend")).doesNotContain("null").doesNotContain("undefined").contains("(");
        // The export is offered as soon as the first load is shown, before any control is touched.
        assertThat(chrome.find("#csv").getAttribute("aria-disabled")).isEqualTo("false");
        assertThat(chrome.find("#csv").getAttribute("href")).contains("/api/v1/insights.csv?");
        chrome.select("#level", "campaign");
        chrome.select("#breakdowns", "age");
        chrome.until(d -> chrome.text("#breakdown thead").toLowerCase().contains("age") && chrome.all("#breakdown tbody tr").size() > 1
                && chrome.all("#breakdown .skeleton").isEmpty(), "the age breakdown");
        String csv = chrome.find("#csv").getAttribute("href");
        assertThat(csv).contains("/api/v1/insights.csv?").contains("breakdowns=age");
        Map<String, Object> export = chrome.fetch(csv, "text/csv,*/*");
        assertThat(export.get("status")).isEqualTo(200L);
        assertThat((String) export.get("body")).contains("age").contains("spend");
        // The account by age mixes every goal's result type: one type per line, so the table stays about as wide as
        // the page (it was over 5,000 px with all the types on one line).
        chrome.select("#level", "account");
        chrome.until(d -> chrome.all("#breakdown tbody tr").size() > 1 && chrome.all("#breakdown .skeleton").isEmpty()
                && !chrome.text("#breakdown thead").toLowerCase().contains("campaign"), "the account by age");
        assertThat(chrome.all("#breakdown td[data-metric='results'] .type-line")).hasSizeGreaterThan(1);
        long tableWidth = (Long) chrome.script("return document.querySelector('#breakdown').scrollWidth");
        assertThat(tableWidth).as("the breakdown table's width").isLessThan(2_500L);
        // Ads by platform is a large report: it runs at Meta with progress, then every row is shown.
        chrome.select("#level", "ad");
        chrome.select("#breakdowns", "publisher_platform");
        chrome.until(d -> chrome.present("#report-done"), "the report's rows");
        assertThat(chrome.find("#csv").getAttribute("href")).contains("/api/v1/insights/reports/").endsWith(".csv");
        assertThat(chrome.text("#report-done")).contains("All " + chrome.all("#breakdown tbody tr").size() + " rows");
        chrome.select("#breakdowns", "");
        chrome.select("#level", "campaign");
        chrome.select("#preset", "custom");
        chrome.script("document.getElementById('since').value = '2099-01-02'; document.getElementById('until').value = '2099-01-01';"
                + "document.getElementById('until').dispatchEvent(new Event('change', {bubbles: true}))");
        chrome.until(d -> chrome.text("#range-error").contains("start date"), "the range error");
        chrome.select("#preset", "last_30d");
        chrome.find("#insights-chart");
        chrome.settled();
        chrome.screenshots("insights", chrome::settled);

        // Create: campaign (dry run first), ad set, creative from an uploaded image, ad — all paused.
        chrome.click("nav a[href^='/create']");
        String name = "Browser spring sale " + UUID.randomUUID().toString().substring(0, 6);
        chrome.click("#step-campaign button[type='submit']");
        assertThat(chrome.text("#step-campaign .field-error[data-for='name']")).isNotEmpty();
        chrome.type("#step-campaign input[name='name']", name);
        chrome.select("#step-campaign select[name='objective']", "OUTCOME_TRAFFIC");
        chrome.select("#step-campaign select[name='budget_type']", "daily");
        chrome.type("#step-campaign input[name='budget']", "25");
        chrome.click("#step-campaign .dry-run");
        // The dry run in words and money, not JSON.
        assertThat(chrome.find("#step-campaign ul.dry-run-summary").getText()).contains(name)
                .contains("(Traffic), paused, daily budget").contains("25.00").doesNotContain("{")
                .doesNotContain("daily_budget");
        chrome.settled();
        assertThat(chrome.present("#step-campaign .created")).as("a dry run creates nothing").isFalse();
        chrome.screenshots("create", () -> { });
        chrome.click("#step-campaign button[type='submit']");
        String campaignId = chrome.find("#step-campaign .created .created-id").getText();
        assertThat(campaignId).matches("\\d+");

        assertThat(chrome.find("#step-adset input[name='campaign_id']").getAttribute("value")).isEqualTo(campaignId);
        chrome.click("#step-adset button[type='submit']");
        String adsetId = chrome.find("#step-adset .created .created-id").getText();

        chrome.find("#step-creative input[name='file']").sendKeys(samplePng().toString());
        chrome.click("#step-creative .upload");
        chrome.until(d -> !chrome.find("#step-creative input[name='image_hash']").getAttribute("value").isEmpty(),
                "the uploaded image's hash");
        // The Page picker lists the account's Pages by name; no id to type.
        chrome.until(d -> !chrome.all("#step-creative select[name='page_id'] option[value='" + PAGE_ID + "']").isEmpty(),
                "the account's Pages in the picker");
        chrome.select("#step-creative select[name='page_id']", PAGE_ID);
        chrome.type("#step-creative input[name='link_url']", "https://example.com/spring");
        chrome.type("#step-creative input[name='headline']", "Spring sale");
        chrome.click("#step-creative button[type='submit']");
        chrome.find("#step-creative .created .created-id");

        assertThat(chrome.find("#step-ad input[name='adset_id']").getAttribute("value")).isEqualTo(adsetId);
        chrome.click("#step-ad button[type='submit']");
        chrome.find("#step-ad .created .created-id");

        // Activate it, with the confirmation that states the budget at stake.
        chrome.open("/campaigns/" + campaignId);
        chrome.find("#campaign-name .badge[data-status='PAUSED']");
        chrome.click("#campaign-actions button.activate");
        WebElement dialog = chrome.find("#confirm-dialog");
        assertThat(dialog.getText()).contains(name).containsPattern("25(\\.00)?");
        chrome.click("#confirm-ok");
        chrome.find("#campaign-name .badge[data-status='ACTIVE']");
        assertThat(chrome.text("#problem")).isEmpty();

        // The audit log shows the activation.
        chrome.open("/audit");
        if (chrome.path().equals("/audit") && !chrome.driver.getTitle().toLowerCase().contains("not found")) {
            chrome.until(d -> chrome.text("main").contains(campaignId), "the activation in the audit page");
            chrome.screenshots("audit", () -> { });
        }
        Map<String, Object> audit = chrome.fetch("/api/v1/audit?target=" + campaignId);
        assertThat(audit.get("status")).isEqualTo(200L);
        assertThat((String) audit.get("body")).contains(campaignId).contains("ACTIVE");
    }

    @Test
    void expiredTokenShowsTheReconnectBanner() {
        signUpAndConnect("Expiring Co");
        world.controlPost("/_sandbox/faults", Map.of("kind", "expire_token", "count", 1));
        chrome.open("/campaigns");
        chrome.find(".banner.reconnect");
        // The banner and the list's problem message come from separate answers: wait for both.
        chrome.until(d -> chrome.text("#problem").toLowerCase(java.util.Locale.ROOT).contains("reconnect"),
                "the list to say reconnect");
        chrome.open("/");
        assertThat(chrome.find(".banner.reconnect").getText()).contains("Reconnect needed")
                .contains("sign-in behind this connection expired").doesNotContain("The current time is");
        assertThat(chrome.find(".banner.reconnect button").getText()).isEqualTo("Reconnect");
    }

    @Test
    void analystSeesNoWriteControls() {
        signUpAndConnect("Readers Co");
        chrome.open("/team");
        String analyst = ConsoleHarness.email("analyst");
        chrome.type("form[action='/team/invitations'] input[name='email']", analyst);
        chrome.select("form[action='/team/invitations'] select[name='role']", "ANALYST");
        chrome.click("form[action='/team/invitations'] button[type='submit']");
        String link = chrome.find("code.invite-link").getText();
        chrome.driver.manage().deleteAllCookies();
        chrome.open(link);
        chrome.type("input[name='name']", "Ana Lyst");
        chrome.type("input[name='password']", ConsoleHarness.PASSWORD);
        chrome.click("form button[type='submit']");
        // Accepting the invitation signs the analyst in.
        chrome.until(d -> chrome.path().equals("/"), "the dashboard after accepting");
        assertThat(chrome.text("main")).contains("Welcome to the team");

        assertThat(chrome.all("nav a[href^='/create']")).isEmpty();
        chrome.open("/campaigns");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        assertThat(chrome.all("#campaigns button")).isEmpty();
        assertThat(chrome.all("a[href^='/create']")).isEmpty();
        chrome.click("#campaigns tbody tr[data-id] td.title a");
        chrome.find("#campaign-name .badge");
        chrome.settled();
        assertThat(chrome.all("#campaign-actions button")).isEmpty();
        chrome.open("/create");
        assertThat(chrome.find("#read-only").getText()).contains("read-only");
        assertThat(chrome.all("form.step, button[type='submit'].primary")).isEmpty();
    }

    // ---------------------------------------------------------------- steps a user clicks through

    void signUpAndConnect(String company) {
        signUpAndConnect(chrome, company);
    }

    /**
     * Signs up a new company in this browser (confirming through the mailed link signs it in), connects the sandbox
     * and picks two accounts.
     */
    public static void signUpAndConnect(Chrome chrome, String company) {
        String email = ConsoleHarness.email(company.toLowerCase().replace(' ', '-'));
        chrome.open("/signup");
        chrome.type("input[name='company']", company);
        chrome.type("input[name='name']", "Dana of " + company);
        chrome.type("input[name='email']", email);
        chrome.type("input[name='password']", ConsoleHarness.PASSWORD);
        chrome.click("form button[type='submit']");
        // Sign-up answers "check your inbox"; the mailed link (read from the test outbox) creates the account and
        // signs in: one button, then the dashboard.
        chrome.until(d -> chrome.path().equals("/signup/sent"), "the check-your-inbox page");
        assertThat(chrome.text("main")).contains("Check your inbox").contains("We sent a link to " + email);
        chrome.open(ConsoleHarness.shared().signUpLink(email));
        chrome.click("form button[type='submit']");
        chrome.until(d -> chrome.path().equals("/"), "the dashboard after confirming");
        assertThat(chrome.text("main")).contains("you are signed in");
        chrome.click("form[action='/connect'] button");
        // The sandbox's consent dialog: keep every permission, Continue.
        chrome.click("button[name='action'][value='continue']");
        chrome.until(d -> chrome.path().endsWith("/ad-accounts"), "the ad-account picker");
        for (String account : List.of("act_1000000001", "act_1000000002")) {
            chrome.click("input[type='checkbox'][value='" + account + "']");
        }
        chrome.click("main form button[type='submit']");
        chrome.until(d -> chrome.path().equals("/"), "the dashboard");
    }

    /** A 1200×628 PNG (the link-ad size) drawn here, for the upload. */
    static Path samplePng() {
        try {
            BufferedImage image = new BufferedImage(1200, 628, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(0x1f5eff), 1200, 628, new Color(0xffb347)));
            g.fillRect(0, 0, 1200, 628);
            g.setColor(Color.WHITE);
            g.setFont(g.getFont().deriveFont(96f));
            g.drawString("Spring sale", 320, 340);
            g.dispose();
            Path file = Files.createTempFile("spring-sale", ".png");
            ImageIO.write(image, "png", file.toFile());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Spend column of the campaigns table as shown, top to bottom. */
    private List<Double> spends() {
        return chrome.all("#campaigns tbody tr[data-id] td[data-label='Spend']").stream()
                .map(cell -> Double.parseDouble(cell.getText().replaceAll("[^0-9.]", ""))).toList();
    }
}
