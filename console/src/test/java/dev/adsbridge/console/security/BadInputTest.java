package dev.adsbridge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.security.TwoTenants.Answer;
import dev.adsbridge.console.security.TwoTenants.Tenant;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input no form or client sends on purpose: NUL bytes (PostgreSQL refuses them in text), arrays and objects where a
 * string id is expected, JSON-RPC calls without params. Each answers 4xx (a form may show itself again with its
 * message), never 5xx, and stores nothing.
 */
class BadInputTest {

    static final String NUL = "a\u0000b";
    static TwoTenants tenants;

    @BeforeAll
    static void setUp() {
        tenants = TwoTenants.shared();
    }

    @Test
    void nulBytesInTheFormsAreRefusedWithoutAServerError() {
        ConsoleHarness harness = TwoTenants.harness;
        long members = harness.count("members");
        long invitations = harness.count("invitations");
        List<String> wrong = new ArrayList<>();
        Map<String, Page> answers = Map.of(
                "sign-in", harness.browser().postOnce("/signin", Map.of("email", "x" + NUL + "@example.test",
                        "password", NUL)),
                "sign-up", harness.browser().postOnce("/signup", Map.of("company", NUL, "name", NUL, "email",
                        ConsoleHarness.email("nul").replace("@", NUL + "@"), "password",
                        ConsoleHarness.PASSWORD + NUL)),
                "invitation", tenants.a.owner.browser().postOnce("/team/invitations", Map.of("email",
                        "in" + NUL + "@example.test", "role", "ANALYST")),
                "connect callback", tenants.a.owner.browser().getOnce("/connect/callback?code=%00&state=%00"));
        answers.forEach((form, page) -> {
            if (page.status() >= 500) {
                wrong.add(form + " → " + page.status() + " " + page.body());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(harness.count("members")).isEqualTo(members);
        assertThat(harness.count("invitations")).isEqualTo(invitations);
    }

    @Test
    void nulBytesAndWrongTypesAtTheApiAnswer4xx() {
        Tenant a = tenants.a;
        List<String> wrong = new ArrayList<>();
        Page keyName = a.owner.browser().api("POST", "/api/v1/api-keys", "{\"name\":\"a\\u0000b\",\"scope\":\"read\"}");
        if (keyName.status() / 100 != 4) {
            wrong.add("API key named with a NUL byte → " + keyName.status() + " " + keyName.body());
        }
        List<String[]> calls = List.of(
                new String[] {"GET", "/api/v1/audit?actor=%00", null},
                new String[] {"GET", "/api/v1/audit?target=a%00b&action=%00", null},
                new String[] {"GET", "/api/v1/audit?from=%00&to=%00", null},
                new String[] {"GET", "/api/v1/audit.csv?actor=%00", null},
                new String[] {"POST", "/api/v1/ad-accounts/" + a.account + "/ads", "{\"name\":\"x\",\"adset_id\":[\""
                        + a.adSetId + "\"],\"creative_id\":{\"id\":\"1\"}}"},
                new String[] {"POST", "/api/v1/campaigns/" + a.campaignId + "/status", "{\"status\":[\"PAUSED\"]}"},
                new String[] {"POST", "/api/v1/campaigns/" + a.campaignId + "/budget", "{\"daily_budget\":[\"1000\"]}"},
                new String[] {"GET", "/api/v1/insights?object_id=%00&date_preset=last_7d", null},
                new String[] {"GET", "/api/v1/campaigns/%00", null},
                new String[] {"POST", "/api/v1/ad-accounts/" + a.account + "/campaigns", "[\"not\",\"an\",\"object\"]"});
        for (String[] call : calls) {
            // The audit log is for owners and their keys; the writes need the read_write key.
            String key = call[1].startsWith("/api/v1/audit") ? a.readKey : a.writeKey;
            Answer answer = TwoTenants.send(key, call[0], call[1], call[2]);
            if (answer.status() / 100 != 4) {
                wrong.add(call[0] + " " + call[1] + " " + call[2] + " → " + answer.status() + " " + answer.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * A path Jetty refuses before the application ({@code %00}) is answered 400, and Jetty then closes the connection:
     * the answer must say so ({@code Connection: close}), or a keep-alive client sends its next request into a socket
     * that is closing and gets no answer at all (the security suite saw a create lost that way).
     */
    @Test
    void aPathRefusedBeforeTheApplicationSaysTheConnectionCloses() throws IOException {
        URI base = URI.create(TwoTenants.harness.baseUrl);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/campaigns/%00 HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAuthorization: Bearer " + tenants.a.readKey + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = new String(socket.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(head.lines().takeWhile(line -> !line.isEmpty()))
                    .anySatisfy(line -> assertThat(line).matches("(?i)connection:\\s*close"));
            assertThat(head).doesNotContain(tenants.a.readKey);
        }
    }

    @Test
    void theMcpServerRefusesMalformedToolCallsWithoutAServerError() {
        String token = TwoTenants.harness.controlPost("/_sandbox/tokens", Map.of()).path("access_token").asString();
        List<String> wrong = new ArrayList<>();
        for (String body : List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_campaigns\","
                        + "\"arguments\":{\"account_id\":[\"act_1000000002\"]}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":[\"get_campaigns\"]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_insights\","
                        + "\"arguments\":\"a\\u0000b\"}}")) {
            try {
                HttpResponse<String> response = TwoTenants.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + TwoTenants.harness.mcpPort + "/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                boolean refused = response.statusCode() / 100 == 4 || response.statusCode() == 200
                        && (response.body().contains("\"error\"") || response.body().contains("\"isError\":true"));
                if (!refused) {
                    wrong.add(body + " → " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
