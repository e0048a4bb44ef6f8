package dev.adsbridge.console.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.BrowserTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operating ads from the pages in a real browser (Debian's chromium) against the console, the MCP server and the
 * sandbox: the richer create flow, ad set budget edits in currency units and pause/activate in the drill-down, filters
 * kept in the URL, bulk pause with one confirmation, and duplicating a campaign.
 */
class OperateBrowserTest extends BrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The Instagram account connected to page 200000000000001, which act_1000000002 promotes. */
    static final String INSTAGRAM = "17841400000000001";

    private JsonNode read(String path) {
        Map<String, Object> answer = chrome.fetch(path);
        assertThat(answer.get("status")).as(path + " " + answer.get("body")).isEqualTo(200L);
        return JSON.readTree((String) answer.get("body"));
    }

    @Test
    void aMarketerCreatesWithPickersThenEditsTheBudgetAndPausesInTheDrillDown() {
        ConsoleBrowserTest.signUpAndConnect(chrome, "Operate Co");
        chrome.open("/create?account=act_1000000002"); // EUR
        String name = "Operate " + UUID.randomUUID().toString().substring(0, 6);

        // Campaign without a campaign budget: the budget moves to the ad set.
        chrome.type("#step-campaign input[name='name']", name);
        chrome.select("#step-campaign select[name='objective']", "OUTCOME_TRAFFIC");
        assertThat(chrome.find("#step-campaign select[name='status']").getAttribute("value")).isEqualTo("PAUSED");
        chrome.click("#step-campaign button[type='submit']");
        String campaignId = chrome.find("#step-campaign .created .created-id").getText();

        // Ad set: daily budget in euros, a lifetime-budget check, gender, an interest picked from Meta's search.
        chrome.select("#step-adset select[name='budget_type']", "lifetime");
        chrome.type("#step-adset input[name='budget']", "20");
        chrome.click("#step-adset .dry-run");
        assertThat(chrome.find("#step-adset .field-error[data-for='end_time']").getText()).contains("end date");
        chrome.select("#step-adset select[name='budget_type']", "daily");
        chrome.type("#step-adset input[name='budget']", "20,50");
        chrome.select("#step-adset select[name='gender']", "2");
        chrome.select("#step-adset select[name='bid_strategy']", "COST_CAP");
        chrome.type("#step-adset input[name='bid_amount']", "3");
        chrome.type("#step-adset input[name='interest_query']", "coffee");
        chrome.click("#interest-suggestions button.suggestion");
        assertThat(chrome.all("#interest-chips .chip")).hasSize(1);
        chrome.click("#step-adset .dry-run");
        // The dry run reads in words and money: budget, bid, strategy, gender and the picked interest.
        String preview = chrome.find("#step-adset ul.dry-run-summary").getText();
        assertThat(preview).contains("€20.50").contains("€3.00").contains("cost cap").contains("women")
                .containsIgnoringCase("coffee");
        chrome.screenshots("create-adset", chrome::settled);
        chrome.click("#step-adset button[type='submit']");
        String adsetId = chrome.find("#step-adset .created .created-id").getText();
        JsonNode adset = read("/api/v1/adsets/" + adsetId);
        assertThat(adset.path("daily_budget").asString()).isEqualTo("2050");
        assertThat(adset.path("bid_strategy").asString()).isEqualTo("COST_CAP");
        assertThat(adset.path("bid_amount").asString()).isEqualTo("300");
        assertThat(adset.path("targeting").path("genders").toString()).isEqualTo("[2]");
        assertThat(adset.path("targeting").path("flexible_spec").toString()).containsIgnoringCase("coffee");
        assertThat(adset.path("status").asString()).isEqualTo("PAUSED");
        assertThat(adset.path("bid_amount").asString()).isEqualTo("300");
        assertThat(adset.path("bid_strategy").asString()).isEqualTo("COST_CAP");
        assertThat(adset.path("targeting").toString()).contains("\"genders\":[2]").contains("flexible_spec");

        // A website-conversion ad set: the pixel is picked from the account's pixels, shown with its id and when it
        // last fired (no id to type), and the dry run names it.
        String pixelId = read("/api/v1/ad-accounts/act_1000000002/pixels").path("data").get(0).path("id").asString();
        chrome.select("#step-adset select[name='optimization_goal']", "OFFSITE_CONVERSIONS");
        chrome.until(d -> !chrome.all("#step-adset select[name='pixel_id'] option[value='" + pixelId + "']").isEmpty(),
                "the account's pixels in the picker");
        assertThat(chrome.find("#step-adset select[name='pixel_id'] option[value='" + pixelId + "']").getText())
                .contains("Whitfield Outdoor EU – website").contains(pixelId).contains("last fired");
        assertThat(chrome.all("#step-adset input[name='pixel_id']")).as("no typed pixel id").isEmpty();
        chrome.select("#step-adset select[name='pixel_id']", pixelId);
        chrome.click("#step-adset .dry-run");
        chrome.until(d -> chrome.text("#step-adset .dry-run-summary").contains("pixel"), "the dry run naming the pixel");
        assertThat(chrome.text("#step-adset .dry-run-summary")).contains("“Whitfield Outdoor EU – website” (" + pixelId
                + ")").contains("last fired");

        // Creative step: the Page is picked from the account's Pages, and the Instagram account from the ones
        // connected to them (the chosen Page's own is picked for you); the dry run names it, the creative carries it.
        chrome.until(d -> !chrome.all("#step-creative select[name='page_id'] option:not([value=''])").isEmpty(),
                "the Pages in the picker");
        assertThat(chrome.find("#step-creative select[name='page_id']").getText()).doesNotContain("could not");
        chrome.until(d -> !chrome.all("#step-creative select[name='instagram_user_id'] option[value='"
                + INSTAGRAM + "']").isEmpty(), "the Instagram accounts in the picker");
        assertThat(chrome.text("#step-creative select[name='instagram_user_id']")).contains("@whitfieldoutdoor");
        chrome.find("#step-creative input[name='file']").sendKeys(ConsoleBrowserTest.samplePng().toString());
        chrome.click("#step-creative .upload");
        chrome.until(d -> !chrome.find("#step-creative input[name='image_hash']").getAttribute("value").isEmpty(),
                "the uploaded image's hash");
        chrome.select("#step-creative select[name='page_id']", "200000000000001");
        assertThat(chrome.find("#step-creative select[name='instagram_user_id']").getAttribute("value"))
                .as("the Page's connected Instagram account").isEqualTo(INSTAGRAM);
        chrome.select("#step-creative select[name='instagram_user_id']", "");
        chrome.select("#step-creative select[name='instagram_user_id']", INSTAGRAM);
        chrome.type("#step-creative input[name='link_url']", "https://example.com/operate");
        chrome.click("#step-creative .dry-run");
        chrome.until(d -> chrome.text("#step-creative .dry-run-summary").contains("Instagram"),
                "the dry run naming the Instagram account");
        assertThat(chrome.text("#step-creative .dry-run-summary")).contains("@whitfieldoutdoor");
        chrome.click("#step-creative button[type='submit']");
        String creativeId = chrome.find("#step-creative .created .created-id").getText();
        assertThat(read("/api/v1/creatives/" + creativeId).toString()).contains(INSTAGRAM);

        // Drill-down: raise the ad set budget in euros, confirming the raise the API asks about.
        chrome.open("/campaigns/" + campaignId + "?account=act_1000000002");
        chrome.find("#adsets tr.adset[data-id='" + adsetId + "']");
        chrome.settled();
        chrome.click("#adsets tr.adset[data-id='" + adsetId + "'] button.edit-budget");
        assertThat(chrome.find(".inline-budget input[name='budget']").getAttribute("value")).isEqualTo("20.50");
        chrome.type(".inline-budget input[name='budget']", "35.5");
        chrome.click(".inline-budget button.save-budget");
        String confirm = chrome.find("#confirm-dialog").getText();
        assertThat(confirm).contains("raises the daily budget").contains("35.50").contains("20.50").doesNotContain("3550")
                .doesNotContain("formatted");
        chrome.click("#confirm-ok");
        chrome.until(d -> chrome.text("#adsets tr.adset[data-id='" + adsetId + "']").contains("35.50"),
                "the new budget in the row");
        assertThat(read("/api/v1/adsets/" + adsetId).path("daily_budget").asString()).isEqualTo("3550");

        // Lowering needs no confirmation.
        chrome.click("#adsets tr.adset[data-id='" + adsetId + "'] button.edit-budget");
        chrome.type(".inline-budget input[name='budget']", "30");
        chrome.click(".inline-budget button.save-budget");
        chrome.until(d -> chrome.text("#adsets tr.adset[data-id='" + adsetId + "']").contains("30.00"), "lowered");
        assertThat(chrome.all("#confirm-dialog[open]")).as("a cut needs no confirmation").isEmpty();

        // Activate, then pause the ad set, each with the confirmation stating the budget at stake.
        chrome.click("#adsets tr.adset[data-id='" + adsetId + "'] button.activate");
        assertThat(chrome.find("#confirm-dialog").getText()).contains("Activate this ad set").contains("30.00");
        chrome.click("#confirm-ok");
        chrome.find("#adsets tr.adset[data-id='" + adsetId + "'] .badge[data-status='ACTIVE']");
        chrome.click("#adsets tr.adset[data-id='" + adsetId + "'] button.pause");
        assertThat(chrome.find("#confirm-dialog").getText()).contains("Pause this ad set");
        chrome.click("#confirm-ok");
        chrome.find("#adsets tr.adset[data-id='" + adsetId + "'] .badge[data-status='PAUSED']");
        assertThat(read("/api/v1/adsets/" + adsetId).path("status").asString()).isEqualTo("PAUSED");
        assertThat(chrome.text("#problem")).isEmpty();
    }

    @Test
    void filtersStayInTheUrlAndCheckedCampaignsArePausedAtOnceAndOneIsDuplicated() {
        ConsoleBrowserTest.signUpAndConnect(chrome, "Bulk Co");
        chrome.open("/campaigns?account=act_1000000002");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();

        // Filters, search and sort go into the URL; reload keeps them, Back returns to the previous ones.
        chrome.select("#status", "ACTIVE");
        chrome.until(d -> d.getCurrentUrl().contains("status=ACTIVE"), "the status in the URL");
        chrome.select("#sort", "spend_desc");
        chrome.until(d -> d.getCurrentUrl().contains("sort=spend_desc"), "the sort in the URL");
        chrome.driver.navigate().refresh();
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        assertThat(chrome.find("#status").getAttribute("value")).isEqualTo("ACTIVE");
        assertThat(chrome.find("#sort").getAttribute("value")).isEqualTo("spend_desc");
        // Sorted by spend, highest first: the API's page in that order.
        List<String> shown = chrome.all("#campaigns tbody tr[data-id]").stream().map(r -> r.getAttribute("data-id"))
                .toList();
        List<JsonNode> listed = new java.util.ArrayList<>();
        read("/api/v1/ad-accounts/act_1000000002/campaigns?status=ACTIVE&limit=25&date_preset=last_7d").path("data")
                .forEach(listed::add);
        listed.sort(java.util.Comparator.comparingDouble((JsonNode c) -> c.path("spend").asDouble()).reversed());
        assertThat(shown).containsExactlyElementsOf(listed.stream().map(c -> c.path("id").asString()).toList());
        chrome.driver.navigate().back();
        chrome.until(d -> "".equals(chrome.find("#sort").getAttribute("value")), "Back restores the previous sort");
        assertThat(chrome.find("#status").getAttribute("value")).isEqualTo("ACTIVE");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        String firstName = chrome.find("#campaigns tbody tr[data-id]").getAttribute("data-name");
        chrome.type("#q", firstName.substring(0, Math.min(firstName.length(), 12)));
        chrome.until(d -> d.getCurrentUrl().contains("q="), "the search in the URL");
        chrome.until(d -> chrome.all("#campaigns tbody tr[data-id]").stream()
                .allMatch(r -> r.getAttribute("data-name").toLowerCase().contains(
                        firstName.substring(0, Math.min(firstName.length(), 12)).toLowerCase())), "searched rows");
        chrome.find("#q").clear();
        chrome.script("document.getElementById('q').dispatchEvent(new Event('input'))");
        chrome.until(d -> !d.getCurrentUrl().contains("q="), "the search cleared");

        // Check two active campaigns, pause them with one confirmation.
        List<WebElement> rows = chrome.all("#campaigns tbody tr[data-id]");
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        String a = rows.get(0).getAttribute("data-id");
        String b = rows.get(1).getAttribute("data-id");
        chrome.click("#campaigns tr[data-id='" + a + "'] input.pick");
        chrome.click("#campaigns tr[data-id='" + b + "'] input.pick");
        assertThat(chrome.find("#bulk-count").getText()).isEqualTo("2 campaigns selected");
        chrome.screenshots("campaigns-bulk", chrome::settled);
        chrome.click("#bulk-pause");
        assertThat(chrome.find("#confirm-dialog").getText()).contains("Pause 2 campaigns");
        chrome.click("#confirm-ok");
        assertThat(chrome.find("#problem .bulk-result").getText()).contains("2 campaigns paused");
        assertThat(chrome.all("#confirm-dialog[open]")).isEmpty();
        for (String id : List.of(a, b)) {
            assertThat(read("/api/v1/campaigns/" + id).path("status").asString()).isEqualTo("PAUSED");
        }
        Map<String, Object> audit = chrome.fetch("/api/v1/audit?action=campaign.status&target=" + a);
        assertThat((String) audit.get("body")).contains(a).contains("PAUSED");

        // Duplicate one: a paused copy through Meta's copies (the campaign alone: Meta deep-copies at most 3 objects).
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        WebElement source = chrome.find("#campaigns tbody tr[data-id]");
        String sourceId = source.getAttribute("data-id");
        String sourceName = source.getAttribute("data-name");
        chrome.click("#campaigns tr[data-id='" + sourceId + "'] button.duplicate");
        chrome.find("#copy-dialog");
        chrome.click("#copy-deep");
        chrome.click("#copy-ok");
        String copy = chrome.find("#problem .copied .created-id").getText();
        assertThat(copy).matches("\\d+").isNotEqualTo(sourceId);
        JsonNode copied = read("/api/v1/campaigns/" + copy);
        assertThat(copied.path("status").asString()).isEqualTo("PAUSED");
        assertThat(copied.path("name").asString()).startsWith(sourceName);
        Map<String, Object> copyAudit = chrome.fetch("/api/v1/audit?action=campaign.copy&target=" + copy);
        assertThat((String) copyAudit.get("body")).contains(copy).contains(sourceId);
    }
}
