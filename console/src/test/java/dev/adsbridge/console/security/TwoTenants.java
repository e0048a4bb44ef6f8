package dev.adsbridge.console.security;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two workspaces on the shared console, set up as people do it: each with an owner who connected Facebook Ads (A as
 * the sandbox's Dana, choosing act_1000000002; B as Marco, choosing act_1000000006), an admin and an analyst who
 * accepted invitations, a read and a read_write API key, and the ids of one campaign → ad set → ad → creative (with
 * its image) read through the API.
 */
final class TwoTenants {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TwoTenants shared;

    final Tenant a;
    final Tenant b;

    static synchronized TwoTenants shared() {
        if (shared == null) {
            shared = new TwoTenants();
        }
        return shared;
    }

    private TwoTenants() {
        a = new Tenant("Sec A " + suffix(), ConsoleHarness.DEMO_USER, "act_1000000002");
        b = new Tenant("Sec B " + suffix(), ConsoleHarness.SECOND_USER, "act_1000000006");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            return body.startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
        }
    }

    static final class Tenant {
        final String company;
        final ConsoleHarness.Signed owner;
        final String facebookUser;
        final String account;
        final Browser admin;
        final Browser analyst;
        final UUID connection;
        final String readKey;
        final String readKeyId;
        final String writeKey;
        final String writeKeyId;
        String campaignId;
        String adSetId;
        String adId;
        String creativeId;
        String imageHash;
        String reportId;

        Tenant(String company, String facebookUser, String account) {
            this.company = company;
            this.facebookUser = facebookUser;
            this.account = account;
            owner = harness.owner(company);
            Page consent = ConsoleHarness.openConsent(owner.browser());
            if (!facebookUser.equals(ConsoleHarness.DEMO_USER)) {
                consent = ConsoleHarness.switchUser(owner.browser(), consent, facebookUser);
            }
            Page picker = ConsoleHarness.consent(owner.browser(), consent);
            if (!picker.path().contains("/ad-accounts")) {
                throw new AssertionError("connect failed: " + picker);
            }
            connection = harness.connectionIds(owner.tenant()).get(0);
            owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", account));
            JsonNode read = createKey("reader", "read");
            readKey = read.path("key").asString();
            readKeyId = read.path("id").asString();
            JsonNode write = createKey("writer", "read_write");
            writeKey = write.path("key").asString();
            writeKeyId = write.path("id").asString();
            admin = invite("ADMIN");
            analyst = invite("ANALYST");
            findChain();
            Answer report = send(readKey, "POST", "/api/v1/insights/reports",
                    "{\"object_id\":\"" + account + "\",\"date_preset\":\"last_7d\"}");
            if (report.status() != 202) {
                throw new AssertionError("report not started: " + report.status() + " " + report.body());
            }
            reportId = report.json().path("report_id").asString();
        }

        private JsonNode createKey(String name, String scope) {
            Page created = owner.browser().api("POST", "/api/v1/api-keys",
                    "{\"name\":\"" + name + "\",\"scope\":\"" + scope + "\"}");
            if (created.status() != 201) {
                throw new AssertionError("key not created: " + created + " " + created.body());
            }
            return JSON.readTree(created.body());
        }

        private Browser invite(String role) {
            String email = ConsoleHarness.email(role.toLowerCase());
            Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", role));
            Matcher link = Pattern.compile("(http://[^<\\s\"]*/invite/[A-Za-z0-9_-]+)").matcher(team.body());
            if (!link.find()) {
                throw new AssertionError("no invitation link on " + team);
            }
            Browser browser = harness.browser();
            browser.post(link.group(1).replace(harness.baseUrl, ""), Map.of("name", "A " + role, "password",
                    PASSWORD));
            if (!browser.signIn(email, PASSWORD).path().equals("/")) {
                throw new AssertionError(role + " could not sign in");
            }
            return browser;
        }

        private JsonNode read(String path) {
            Answer answer = send(readKey, "GET", path, null);
            if (answer.status() != 200) {
                throw new AssertionError(path + " → " + answer.status() + " " + answer.body());
            }
            return answer.json();
        }

        private void findChain() {
            for (JsonNode campaign : read("/api/v1/ad-accounts/" + account + "/campaigns?limit=25").path("data")) {
                String c = campaign.path("id").asString();
                for (JsonNode adSet : read("/api/v1/campaigns/" + c + "/adsets").path("data")) {
                    String s = adSet.path("id").asString();
                    for (JsonNode ad : read("/api/v1/adsets/" + s + "/ads").path("data")) {
                        String a = ad.path("id").asString();
                        for (JsonNode creative : read("/api/v1/ads/" + a + "/creatives").path("data")) {
                            String hash = creative.path("image_hash").asString("");
                            if (hash.matches("[0-9a-f]{32}")) {
                                campaignId = c;
                                adSetId = s;
                                adId = a;
                                creativeId = creative.path("id").asString();
                                imageHash = hash;
                                return;
                            }
                        }
                    }
                }
            }
            throw new AssertionError("no campaign with an image creative in " + account);
        }

        /** The markers another tenant never sends itself, so never echoes of its own requests. */
        List<String> neverSentMarkers() {
            return List.of(connection.toString(), writeKeyId, owner.email(), company);
        }

        /** Strings that must never appear in another tenant's answers. */
        List<String> markers() {
            return List.of(account, campaignId, adSetId, adId, creativeId, imageHash, connection.toString(),
                    readKeyId, writeKeyId, reportId, owner.email(), company);
        }

        /** What Meta holds: a Graph GET with this tenant's token, behind the console's back. */
        JsonNode graph(String pathAndQuery) {
            String token = harness.tokenOf(owner.tenant(), connection);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(harness.sandbox.baseUrl()
                        + "/v25.0" + pathAndQuery)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A request with an API key (or none) and a JSON body (or none). */
    static Answer send(String key, String method, String path, String json) {
        return send(key, method, path, "application/json", json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    }

    static Answer send(String key, String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path))
                    .header("Content-Type", contentType).header("Accept", "*/*").method(method, body);
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException closed) {
                // The server closes the connection after refusing a malformed request; the JDK client may have
                // picked that pooled connection for this one. A fresh connection answers.
                response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
