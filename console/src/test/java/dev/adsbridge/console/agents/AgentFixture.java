package dev.adsbridge.console.agents;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two workspaces for the MCP gateway tests, set up as people do it: A (Dana, chose act_1000000002; Dana's token also
 * reaches act_1000000001, which A did not choose) and B (Marco, chose act_1000000006); agent keys made on Settings → AI
 * agents; a campaign id of each workspace read through the gateway.
 */
final class AgentFixture {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ACCOUNT_A = "act_1000000002";
    static final String UNCHOSEN_A = "act_1000000001";
    static final String ACCOUNT_B = "act_1000000006";
    private static final AtomicLong IDS = new AtomicLong();
    private static AgentFixture shared;

    final ConsoleHarness.Signed ownerA;
    final ConsoleHarness.Signed ownerB;
    final UUID connectionA;
    final String writeKey;
    final String readKey;
    final String keyB;
    final String campaignA;
    final String campaignB;

    static synchronized AgentFixture shared() {
        if (shared == null) {
            shared = new AgentFixture();
        }
        return shared;
    }

    private AgentFixture() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ownerA = harness.owner("Agents A " + run);
        ConsoleHarness.connect(ownerA.browser());
        connectionA = harness.connectionIds(ownerA.tenant()).get(0);
        ownerA.browser().post("/connections/" + connectionA + "/ad-accounts", Map.of("account", ACCOUNT_A));
        writeKey = createKey(ownerA.browser(), "writer", "read_write", List.of(), "0");
        readKey = createKey(ownerA.browser(), "reader", "read", List.of(), "0");

        ownerB = harness.owner("Agents B " + run);
        Page consent = ConsoleHarness.openConsent(ownerB.browser());
        consent = ConsoleHarness.switchUser(ownerB.browser(), consent, ConsoleHarness.SECOND_USER);
        ConsoleHarness.consent(ownerB.browser(), consent);
        UUID connectionB = harness.connectionIds(ownerB.tenant()).get(0);
        ownerB.browser().post("/connections/" + connectionB + "/ad-accounts", Map.of("account", ACCOUNT_B));
        keyB = createKey(ownerB.browser(), "b", "read", List.of(), "0");

        campaignA = firstCampaign(writeKey, ACCOUNT_A);
        campaignB = firstCampaign(keyB, ACCOUNT_B);
    }

    private static String firstCampaign(String key, String account) {
        JsonNode result = callTool(key, "get_campaigns", Map.of("account_id", account, "limit", 5)).result();
        JsonNode data = result.path("structuredContent").path("data");
        if (data.isEmpty()) {
            throw new AssertionError("no campaign in " + account + ": " + result);
        }
        return data.get(0).path("id").asString();
    }

    /** Creates an agent key on Settings → AI agents → the key, shown once on the page. */
    static String createKey(Browser browser, String name, String scope, List<String> accounts, String expiresDays) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("scope", scope);
        form.put("expires_days", expiresDays);
        Page page;
        if (accounts.isEmpty()) {
            page = browser.post("/settings/agents/keys", form);
        } else {
            // One "account" field per ticked box: the Browser posts a map, so only one account here.
            form.put("account", accounts.get(0));
            page = browser.post("/settings/agents/keys", form);
        }
        Matcher key = Pattern.compile("id=\"new-agent-key\">(abk_[A-Za-z0-9_-]{40,})<").matcher(page.body());
        if (!key.find()) {
            throw new AssertionError("no key on " + page + "\n" + page.body());
        }
        return key.group(1);
    }

    Browser invite(String role) {
        return harness.invite(ownerA, role);
    }

    /** The Meta token of workspace A's connection, read from the vault: what must never reach an agent. */
    String metaTokenA() {
        return harness.tokenOf(ownerA.tenant(), connectionA);
    }

    /** An HTTP answer of /mcp. */
    record Answer(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            return body.startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
        }

        JsonNode result() {
            return json().path("result");
        }

        boolean isError() {
            return result().path("isError").asBoolean(false);
        }

        JsonNode error() {
            return result().path("structuredContent").path("error");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** The status of a REST API GET with a key. */
    static int http(String key, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(harness.baseUrl + path))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer callTool(String key, String tool, Map<String, ?> arguments) {
        return rpc(key, "tools/call", Map.of("name", tool, "arguments", arguments), Map.of());
    }

    static Answer rpc(String key, String method, Object params, Map<String, String> headers) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", IDS.incrementAndGet());
        message.put("method", method);
        message.put("params", params);
        return post(key, JSON.writeValueAsString(message), headers);
    }

    static Answer post(String key, String body, Map<String, String> headers) {
        return send("POST", key, body, headers);
    }

    static Answer send(String method, String key, String body, Map<String, String> headers) {
        return send(harness.baseUrl, method, key, body, headers);
    }

    /** A tools/call to the tenant MCP endpoint of another console ({@code baseUrl}). */
    static Answer callToolAt(String baseUrl, String key, String tool, Map<String, ?> arguments) {
        return send(baseUrl, "POST", key, JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id",
                IDS.incrementAndGet(), "method", "tools/call", "params", Map.of("name", tool, "arguments",
                        arguments))), Map.of());
    }

    static Answer send(String baseUrl, String method, String key, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
