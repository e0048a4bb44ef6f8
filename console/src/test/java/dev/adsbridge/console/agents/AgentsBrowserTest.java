package dev.adsbridge.console.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.adsbridge.console.agents.oauth.AgentSignIn;
import dev.adsbridge.console.support.BrowserTest;
import dev.adsbridge.console.support.Chrome;
import dev.adsbridge.console.support.ConsoleHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Settings → AI agents and the agent consent screen in a real browser (Debian's chromium, headless), as the owner of a
 * workspace with two ad accounts: the endpoint and the snippets to paste, an agent key created (shown once), listed and
 * revoked; then an agent that signs in with OAuth (registered over HTTP like an MCP client, with PKCE S256 and the
 * {@code /mcp} resource): the consent screen, Allow, the code at the agent's loopback callback, the agent listed and
 * revoked. What a person reads, at laptop and phone widths; saves the agents and consent screenshots.
 */
class AgentsBrowserTest extends BrowserTest {

    static final String US = "act_1000000001";
    static final String EU = "act_1000000002";
    HttpServer agent;
    final List<URI> callbacks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void agentCallback() throws IOException {
        // The agent's loopback callback, as Claude Code or an SDK client opens it for the sign-in.
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/callback", exchange -> {
            callbacks.add(exchange.getRequestURI());
            byte[] page = "<!DOCTYPE html><title>Signed in</title><p>Signed in. You can close this window."
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        agent.start();
    }

    @AfterEach
    void stopAgentCallback() {
        if (agent != null) {
            agent.stop(0);
        }
    }

    @Test
    void ownerConnectsAnAgentWithAKeyAndWithOAuthAndRevokesBoth() {
        String base = world.baseUrl;
        String endpoint = base + "/mcp";
        ConsoleHarness.Signed owner = world.owner("Whitfield Outdoor");
        ConsoleHarness.connect(owner.browser());
        UUID connection = world.connectionIds(owner.tenant()).get(0);
        owner.browser().postFieldsOnce(base + "/connections/" + connection + "/ad-accounts", List.of(
                Map.entry("account", US), Map.entry("account", EU),
                Map.entry("_csrf", owner.browser().get("/signin").input("_csrf").orElseThrow())));
        signIn(owner.email());

        // Settings → AI agents: the address, and what to paste for the common clients.
        chrome.open("/settings");
        chrome.click("a[href='/settings/agents']");
        chrome.until(d -> chrome.path().equals("/settings/agents"), "Settings → AI agents");
        assertThat(chrome.text("main h1")).isEqualTo("AI agents");
        assertThat(chrome.text("#mcp-endpoint")).isEqualTo(endpoint);
        // The configuration for each client, one click away.
        List<WebElement> clients = chrome.all("#clients details.client");
        assertThat(clients.stream().map(d -> d.findElement(By.tagName("summary")).getText()))
                .contains("Claude Desktop", "Claude Code", "Cursor", "VS Code");
        for (WebElement client : clients) {
            WebElement summary = client.findElement(By.tagName("summary"));
            chrome.script("arguments[0].scrollIntoView({block:'center'})", summary);
            summary.click();
            WebElement snippet = client.findElement(By.cssSelector("pre.snippet"));
            chrome.until(d -> snippet.isDisplayed(), "the " + summary.getText() + " configuration");
            assertThat(snippet.getText()).as(summary.getText()).contains(endpoint)
                    .doesNotContainPattern("abk_[A-Za-z0-9_-]{20,}");
            assertThat(client.findElement(By.cssSelector(".where")).getText()).startsWith("In ");
        }
        fitsLaptopAndPhone("the clients' configuration");
        clients.forEach(client -> chrome.script("arguments[0].open = false", client));
        assertThat(chrome.text("#no-agent-keys")).isNotBlank();
        fitsLaptopAndPhone("Settings → AI agents");

        // An agent key: read and change, one account, 30 days. Shown once.
        chrome.type("#agent-key-form input[name='name']", "Claude on Dana's laptop");
        chrome.select("#agent-key-form select[name='scope']", "read_write");
        chrome.click("#agent-key-form input[name='account'][value='" + EU + "']");
        chrome.select("#agent-key-form select[name='expires_days']", "30");
        chrome.click("#agent-key-form button[type='submit']");
        String secret = chrome.find("#new-agent-key").getText();
        assertThat(secret).startsWith("abk_").hasSizeGreaterThan(20);
        assertThat(chrome.text(".card.issued")).contains("shown only this once");
        WebElement row = keyRow("Claude on Dana's laptop");
        String listed = row.getText();
        assertThat(listed).contains("Read and change").contains("Whitfield Outdoor - EU").contains("…")
                .doesNotContain(secret);
        String prefix = row.findElement(By.cssSelector("code")).getText();
        assertThat(prefix).endsWith("…").hasSizeLessThan(20);
        assertThat(secret).startsWith(prefix.substring(0, prefix.length() - 1));
        assertPlainWords();
        fitsLaptopAndPhone("the new agent key");

        // Shown once: the page again has the key in the list, never the secret.
        chrome.open("/settings/agents");
        keyRow("Claude on Dana's laptop");
        assertThat(chrome.present("#new-agent-key")).isFalse();
        assertThat(chrome.driver.getPageSource()).doesNotContain(secret);

        // Revoke it: the page says so and the row stays, marked revoked, with no button.
        chrome.click("#agent-keys tbody tr form[action$='/revoke'] button");
        chrome.until(d -> chrome.text(".notice.ok").contains("revoked"), "the revocation notice");
        WebElement revoked = keyRow("Claude on Dana's laptop");
        assertThat(revoked.getText()).contains("Revoked");
        assertThat(revoked.findElements(By.cssSelector("button"))).isEmpty();

        // An agent that signs in: registered like an MCP client does, then the owner's browser opens its sign-in.
        String redirect = "http://127.0.0.1:" + agent.getAddress().getPort() + "/callback";
        String clientId = AgentSignIn.registerPublic(base, "Claude Code", redirect);
        AgentSignIn.Pkce pkce = AgentSignIn.Pkce.create();
        String state = "state-" + UUID.randomUUID();
        chrome.open(AgentSignIn.authorizeUrl(base, AgentSignIn.request(clientId, redirect, pkce, state, endpoint)));
        chrome.until(d -> chrome.path().equals("/oauth2/consent"), "the consent screen");
        assertThat(chrome.text("main h1")).isEqualTo("Allow Claude Code to use your ads?");
        assertThat(chrome.text("#consent-client")).isEqualTo("Claude Code");
        assertThat(chrome.text("#consent-tenant")).isEqualTo("Whitfield Outdoor");
        assertThat(chrome.text("#consent-redirect")).isEqualTo("127.0.0.1 (this computer)");
        String scopes = chrome.text("#consent-allow fieldset.scopes");
        assertThat(scopes).contains("Read", "ads:read", "Change", "ads:write", "paused");
        String accounts = chrome.text("#consent-allow fieldset.accounts");
        assertThat(accounts).contains("Whitfield Outdoor - US", US, "Whitfield Outdoor - EU", EU);
        assertThat(chrome.all("#consent-allow input[type='checkbox']"))
                .hasSize(4).allMatch(WebElement::isSelected);
        assertThat(chrome.find("#consent-allow-button").getText()).isEqualTo("Allow");
        assertThat(chrome.find("#consent-deny-button").getText()).isEqualTo("Deny");
        assertThat(chrome.text("main")).doesNotContain(clientId).doesNotContain(pkce.challenge())
                .doesNotContain(state);
        assertPlainWords();
        fitsLaptopAndPhone("the consent screen");
        chrome.screenshots("consent", () -> { });

        // Allow: the browser lands on the agent's callback with a code and the agent's state.
        chrome.viewport(Chrome.LAPTOP);
        chrome.click("#consent-allow-button");
        chrome.until(d -> !callbacks.isEmpty(), "the agent's callback");
        Map<String, String> callback = AgentSignIn.query(callbacks.get(0));
        assertThat(callback.get("state")).isEqualTo(state);
        assertThat(callback.get("code")).isNotBlank();
        assertThat(callback).doesNotContainKeys("access_token", "error");
        chrome.until(d -> chrome.text("body").contains("You can close this window"), "the agent's page");

        // The agent trades the code for tokens; from then on the page lists it.
        AgentSignIn.Answer tokens = AgentSignIn.token(base, Map.of("grant_type", "authorization_code",
                "code", callback.get("code"), "redirect_uri", redirect, "client_id", clientId,
                "code_verifier", pkce.verifier(), "resource", endpoint));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String access = tokens.json().path("access_token").asString();
        assertThat(AgentSignIn.mcp(base, access, "tools/list", Map.of()).status()).isEqualTo(200);

        chrome.open("/settings/agents");
        WebElement authorized = chrome.find("#authorized-agents tbody tr");
        assertThat(authorized.getText()).contains("Claude Code").contains("returns to 127.0.0.1 (this computer)")
                .contains(owner.email())
                .contains("Read and change").contains("Whitfield Outdoor - US").contains("Whitfield Outdoor - EU")
                .doesNotContain(access);
        assertPlainWords();
        fitsLaptopAndPhone("the authorized agent");
        // The screenshots: the keys and the agent that signed in (on a laptop with the form to create a key).
        for (Chrome.Viewport viewport : List.of(Chrome.PHONE, Chrome.LAPTOP)) {
            chrome.viewport(viewport);
            chrome.script("document.getElementById(arguments[0]).scrollIntoView(); window.scrollBy(0, arguments[1])",
                    viewport.mobile() ? "agent-keys" : "agent-keys-section", viewport.mobile() ? -72 : -12);
            chrome.screenshot("agents", viewport);
        }

        // Revoke it there: gone from the list, and its token is refused at once.
        chrome.click("#authorized-agents tbody tr form button");
        chrome.until(d -> chrome.text(".notice.ok").contains("Access revoked"), "the revocation notice");
        assertThat(chrome.all("#authorized-agents tbody tr")).isEmpty();
        assertThat(chrome.text("#authorized-agents")).contains("No agent signed in yet");
        assertThat(AgentSignIn.mcp(base, access, "tools/list", Map.of()).status()).isEqualTo(401);
    }

    void signIn(String email) {
        chrome.open("/signin");
        chrome.type("input[name='email']", email);
        chrome.type("input[name='password']", ConsoleHarness.PASSWORD);
        chrome.click("form button[type='submit']");
        chrome.until(d -> chrome.path().equals("/"), "signed in");
    }

    WebElement keyRow(String name) {
        return chrome.until(d -> d.findElements(By.cssSelector("#agent-keys tbody tr")).stream()
                .filter(tr -> tr.getText().contains(name)).findFirst().orElse(null), "the key " + name);
    }

    /**
     * The page's words (outside the configuration to paste and the scope names shown as code) hold no enum, tool name,
     * JSON or placeholder left unfilled.
     */
    void assertPlainWords() {
        String words = (String) chrome.script("""
                const main = document.querySelector('main').cloneNode(true);
                main.querySelectorAll('pre, code, input, select, script').forEach(e => e.remove());
                return main.textContent.replace(/\\s+/g, ' ');""");
        assertThat(words).doesNotContainPattern("\\b[a-z]+_[a-z_]+\\b(?!\\.)").doesNotContainPattern("\\b[A-Z]+_[A-Z_]+\\b")
                .doesNotContain("null").doesNotContain("undefined").doesNotContain("{").doesNotContain("${");
    }

    /** Nothing wider than the screen, on a laptop and on a phone; back at laptop size after. */
    void fitsLaptopAndPhone(String what) {
        for (Chrome.Viewport viewport : List.of(Chrome.PHONE, Chrome.LAPTOP)) {
            chrome.viewport(viewport);
            long width = ((Number) chrome.script("return document.documentElement.scrollWidth")).longValue();
            assertThat(width).as(what + " at " + viewport.name()).isLessThanOrEqualTo(viewport.width());
            @SuppressWarnings("unchecked")
            List<String> spilling = (List<String>) chrome.script("""
                    return Array.from(document.querySelectorAll('main *'))
                      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                                   && getComputedStyle(e).position !== 'fixed'
                                   && !e.closest('pre'))
                      .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40));""");
            assertThat(spilling).as(what + ": cut off at the right edge at " + viewport.name()).isEmpty();
        }
    }
}
