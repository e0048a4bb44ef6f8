package dev.adsbridge.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.campaigns.ConsoleBrowserTest;
import dev.adsbridge.console.support.BrowserTest;
import dev.adsbridge.console.support.Chrome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * In a real browser, every place that shows a Facebook connection's state agrees: the dashboard's card and banner, the
 * connection in Settings and the ad-account picker. When Meta refuses the token (revoked on Meta's side) a page that
 * reads ads says Reconnect, and from then on no place says Active; when Meta is down the connection stays Active
 * everywhere, and the page says Facebook could not answer, with a Retry that loads the data once Meta is back. Saves
 * the connection-reconnect and connection-meta-down screenshots.
 */
class ConnectionStateBrowserTest extends BrowserTest {

    @AfterEach
    void clearFaults() {
        world.control("DELETE", "/_sandbox/faults", null);
    }

    @Test
    void aTokenGoneOnMetasSideSaysReconnectEverywhereAndActiveNowhere() {
        ConsoleBrowserTest.signUpAndConnect(chrome, "Token Gone Co");
        UUID connection = connectionOnDashboard();
        assertThat(states()).containsExactly("active");
        assertThat(chrome.present(".banner.reconnect")).isFalse();

        // A page that reads ads, open in a second tab while the dashboard's card still says Active in the first.
        String dashboardTab = chrome.driver.getWindowHandle();
        chrome.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        chrome.open("/campaigns");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();

        // Meta revokes the token (the person changed their Facebook password) at the next call: the next read says so.
        world.controlPost("/_sandbox/faults", Map.of("kind", "revoke_token", "count", 1));
        chrome.select("#status", "PAUSED");
        chrome.find(".banner.reconnect");
        chrome.until(d -> chrome.text("#problem").toLowerCase(Locale.ROOT).contains("reconnect"),
                "the list to say reconnect");
        assertThat(chrome.text(".banner.reconnect")).contains("Reconnect needed");
        assertThat(states()).doesNotContain("active");

        // The first tab rendered Active before Meta refused the token: reloaded, it agrees.
        chrome.driver.switchTo().window(dashboardTab);
        chrome.driver.navigate().refresh();
        chrome.settled();
        assertReconnectEverywhereOnThePage("the dashboard");
        assertThat(chrome.find(".banner.reconnect button").getText()).isEqualTo("Reconnect");
        assertThat(chrome.all("main form[action$='/connect'] button")).as("one way forward: Reconnect, not a new "
                + "connection beside it").isEmpty();
        assertThat(chrome.text("#summary-problem")).containsIgnoringCase("reconnect");
        assertThat(chrome.present("#summary-problem button.retry")).as("a retry cannot fix a refused token").isFalse();
        chrome.screenshots("connection-reconnect", this::cardInView);
        chrome.viewport(Chrome.LAPTOP);

        // Every other page that shows the connection agrees, and so does a page that reads ads, opened afresh.
        chrome.open("/settings");
        assertReconnectEverywhereOnThePage("Settings");
        assertThat(chrome.text("main .card .how-to-fix")).isNotBlank();
        assertThat(chrome.all("main form[action$='/reconnect'] button").stream().map(WebElement::getText))
                .containsExactly("Reconnect");

        chrome.open("/connections/" + connection + "/ad-accounts");
        chrome.settled();
        assertThat(chrome.text(".banner.reconnect")).contains("Reconnect needed");
        assertReconnectEverywhereOnThePage("the ad-account picker");

        chrome.open("/campaigns");
        chrome.find(".banner.reconnect");
        chrome.until(d -> chrome.text("#problem").toLowerCase(Locale.ROOT).contains("reconnect"),
                "the list to say reconnect again");
        chrome.settled();
        assertReconnectEverywhereOnThePage("the campaigns page");
        assertThat(world.connectionStatus(connection)).contains("NEEDS_RECONNECT");
    }

    @Test
    void metaBeingDownKeepsTheConnectionActiveAndOffersARetry() {
        ConsoleBrowserTest.signUpAndConnect(chrome, "Meta Down Co");
        UUID connection = connectionOnDashboard();
        chrome.open("/campaigns");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();

        // Meta answers every call with a temporary error ("please retry your request later").
        world.controlPost("/_sandbox/faults", Map.of("kind", "transient", "count", -1));
        chrome.select("#status", "PAUSED");
        WebElement problem = chrome.find("#problem .problem");
        chrome.settled();
        String said = problem.getText();
        assertThat(said).contains("Facebook").doesNotContainIgnoringCase("reconnect");
        assertThat(chrome.find("#problem button.retry").getText()).isEqualTo("Retry");
        assertThat(chrome.present(".banner.reconnect")).isFalse();

        // Every place that shows the connection still says Active; the dashboard's numbers say Facebook is the problem.
        chrome.open("/");
        chrome.find("#summary-problem .problem");
        chrome.settled();
        assertActiveEverywhereOnThePage("the dashboard", true);
        assertThat(chrome.text("#summary-problem")).contains("Facebook").doesNotContainIgnoringCase("reconnect");
        assertThat(chrome.find("#summary-problem button.retry").getText()).isEqualTo("Retry");
        chrome.screenshots("connection-meta-down", this::cardInView);
        chrome.viewport(Chrome.LAPTOP);
        chrome.open("/settings");
        assertActiveEverywhereOnThePage("Settings", true);
        chrome.open("/connections/" + connection + "/ad-accounts");
        assertThat(chrome.text("main")).contains("could not be reached just now");
        assertActiveEverywhereOnThePage("the ad-account picker", false);
        assertThat(world.connectionStatus(connection)).contains("ACTIVE");

        // Meta is back: Retry loads the list, and nothing asked for a reconnect on the way.
        chrome.open("/campaigns");
        chrome.find("#problem button.retry");
        chrome.settled();
        world.control("DELETE", "/_sandbox/faults", null);
        chrome.click("#problem button.retry");
        chrome.find("#campaigns tbody tr[data-id]");
        chrome.settled();
        assertThat(chrome.text("#problem")).isEmpty();
        assertActiveEverywhereOnThePage("the campaigns page after the retry", false);
    }

    /** The connection's id, from the dashboard's "Choose ad accounts" link (shown while it is active). */
    UUID connectionOnDashboard() {
        chrome.open("/");
        chrome.settled();
        String href = chrome.find("a[href^='/connections/'][href$='/ad-accounts']").getAttribute("href");
        return UUID.fromString(href.replaceAll(".*/connections/([^/]+)/ad-accounts$", "$1"));
    }

    /** For the screenshots: the dashboard's connection card at the bottom of the view, the messages above it. */
    void cardInView() {
        chrome.settled();
        chrome.script("document.querySelector('[data-connection-status]').closest('tr')"
                + ".scrollIntoView({block: 'end'}); window.scrollBy(0, 16)");
    }

    /** Every connection state the page shows (data-connection-status of cards and rows). */
    List<String> states() {
        return chrome.all("[data-connection-status]").stream()
                .map(e -> e.getAttribute("data-connection-status")).toList();
    }

    void assertReconnectEverywhereOnThePage(String where) {
        assertThat(chrome.all(".status, [data-connection-status]").stream().map(WebElement::getText))
                .as("states shown on " + where).doesNotContain("Active");
        assertThat(states()).as(where).doesNotContain("active");
        assertThat(chrome.text("main")).as(where).contains("Reconnect");
        assertThat(chrome.all("a[href$='/ad-accounts']")).as("a way to choose accounts on " + where)
                .noneMatch(WebElement::isDisplayed);
        if (!states().isEmpty()) {
            assertThat(states()).as(where).containsOnly("needs-reconnect");
        }
    }

    /** No reconnect asked for; a page that shows the connection's state ({@code showsState}) shows Active. */
    void assertActiveEverywhereOnThePage(String where, boolean showsState) {
        if (showsState) {
            assertThat(states()).as(where).isNotEmpty().containsOnly("active");
        } else {
            assertThat(states()).as(where).isEmpty();
        }
        assertThat(chrome.present(".banner.reconnect")).as("a reconnect banner on " + where).isFalse();
        assertThat(chrome.text("main")).as(where).doesNotContain("Reconnect needed");
    }
}
