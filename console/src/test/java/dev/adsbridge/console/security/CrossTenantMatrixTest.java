package dev.adsbridge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.security.TwoTenants.Answer;
import dev.adsbridge.console.security.TwoTenants.Tenant;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.Page;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of /api/v1/openapi.json × every kind of caller of one workspace (owner, admin, analyst sessions;
 * read and read_write keys) × the other workspace's ids (ad account, campaign, ad set, ad, creative, image, API key,
 * audit searches) → 403 or 404, never the other workspace's data, never 5xx; lists and audit searches answer with the
 * caller's own data only. Writes go for real (no dry run), so a hole would show as a change on Meta, which is checked
 * too. The security suite (module security-suite) runs the same matrix against separate processes.
 */
class CrossTenantMatrixTest {

    enum Caller { OWNER, ADMIN, ANALYST, READ_KEY, READ_WRITE_KEY }

    /** One request: method, path with query, JSON body, or an image upload. */
    record Call(String method, String path, String json, boolean upload) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static TwoTenants tenants;
    static List<String[]> operations;

    @BeforeAll
    static void setUp() {
        tenants = TwoTenants.shared();
        Answer document = TwoTenants.send(tenants.a.readKey, "GET", "/api/v1/openapi.json", null);
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.json().path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String m = method.getKey().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    operations.add(new String[] {m, path.getKey()});
                }
            }
        }
    }

    /** The operation aimed at {@code target}'s objects (empty for a write with no id in its path). */
    static List<Call> aimedAt(String method, String template, Tenant target) {
        boolean parameterised = template.contains("{");
        String path = template.replace("{accountId}", target.account).replace("{hash}", target.imageHash);
        if (path.contains("{")) {
            String kind = path.replaceAll("^/api/v1/([^/{]+)/.*$", "$1");
            String id = switch (kind) {
                case "campaigns" -> target.campaignId;
                case "adsets" -> target.adSetId;
                case "ads" -> target.adId;
                case "creatives" -> target.creativeId;
                case "api-keys" -> target.readKeyId;
                case "insights" -> target.reportId;
                default -> throw new AssertionError("the matrix does not know what id " + template + " takes");
            };
            path = path.replaceAll("\\{[^}]+}", id);
        }
        List<Call> calls = new ArrayList<>();
        if (method.equals("GET")) {
            if (path.equals("/api/v1/insights") || path.equals("/api/v1/insights.csv")) {
                for (String object : List.of(target.campaignId, target.account, target.adId)) {
                    calls.add(new Call("GET", path + "?object_id=" + object + "&date_preset=last_7d", null, false));
                }
            } else if (path.startsWith("/api/v1/audit")) {
                calls.add(new Call("GET", path + "?target=" + target.campaignId, null, false));
                calls.add(new Call("GET", path, null, false));
            } else if (path.endsWith("/images")) {
                calls.add(new Call("GET", path + "?hashes=" + target.imageHash, null, false));
            } else if (path.endsWith("/targeting/interests")) {
                calls.add(new Call("GET", path + "?q=coffee", null, false));
            } else if (path.endsWith("/summary")) {
                calls.add(new Call("GET", path + "?date_preset=last_7d", null, false));
            } else {
                calls.add(new Call("GET", path, null, false));
            }
            return calls;
        }
        if (!parameterised) {
            return calls;
        }
        if (path.endsWith("/images")) {
            calls.add(new Call(method, path, null, true));
            return calls;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.endsWith("/status")) {
            body.put("status", "PAUSED");
        } else if (path.endsWith("/budget")) {
            body.put("daily_budget", "1500");
        } else if (!method.equals("DELETE")) {
            // Only the fields of each create, as a client sends them: a body the API refuses as malformed
            // (400) would never reach the tenant check.
            body.put("name", "sec-cross-" + UUID.randomUUID().toString().substring(0, 8));
            if (path.endsWith("/campaigns")) {
                body.put("objective", "OUTCOME_TRAFFIC");
                body.put("status", "PAUSED");
            } else if (path.endsWith("/adsets")) {
                body.put("campaign_id", target.campaignId);
                body.put("optimization_goal", "LINK_CLICKS");
                body.put("billing_event", "IMPRESSIONS");
                body.put("daily_budget", "1000");
                body.put("targeting", Map.of("geo_locations", Map.of("countries", List.of("US")),
                        "targeting_automation", Map.of("advantage_audience", 0)));
            } else if (path.endsWith("/ads")) {
                body.put("adset_id", target.adSetId);
                body.put("creative_id", target.creativeId);
            } else if (path.endsWith("/creatives")) {
                body.put("image_hash", target.imageHash);
                body.put("link_url", "https://example.com/");
                body.put("message", "cross-tenant");
            }
        }
        if (path.endsWith("/status") || path.endsWith("/budget")) {
            body.put("confirm", true);
        }
        calls.add(new Call(method, path, TwoTenants.JSON.writeValueAsString(body), false));
        return calls;
    }

    static Answer call(Tenant tenant, Caller caller, Call call) {
        HttpRequest.BodyPublisher body = call.json() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.json());
        String type = "application/json";
        if (call.upload()) {
            String boundary = "----sec" + UUID.randomUUID().toString().replace("-", "");
            type = "multipart/form-data; boundary=" + boundary;
            body = HttpRequest.BodyPublishers.ofByteArrays(List.of(("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\nContent-Type: "
                    + "image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8), png(),
                    ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        }
        Browser browser = switch (caller) {
            case OWNER -> tenant.owner.browser();
            case ADMIN -> tenant.admin;
            case ANALYST -> tenant.analyst;
            default -> null;
        };
        if (browser != null) {
            Page page = browser.api(call.method(), call.path(), body, type, !call.method().equals("GET"));
            return new Answer(page.status(), page.body());
        }
        return TwoTenants.send(caller == Caller.READ_KEY ? tenant.readKey : tenant.writeKey, call.method(),
                call.path(), type, body);
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, (int) (Math.random() * 0xffffff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A marker of {@code victim} in the answer that the caller did not send itself, or null. */
    static String leaked(Answer answer, Tenant victim, Call call) {
        String asked = call.path() + " " + (call.json() == null ? "" : call.json());
        // The caller's own audit log holds what the caller asked for (its refused requests, with the other
        // workspace's ids it sent); only what it never sent counts there.
        List<String> markers = call.path().startsWith("/api/v1/audit") ? victim.neverSentMarkers() : victim.markers();
        for (String marker : markers) {
            if (!asked.contains(marker) && answer.body().contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    @Test
    void theDocumentListsTheEndpointsTheMatrixExpects() {
        List<String> paths = operations.stream().map(o -> o[0] + " " + o[1]).toList();
        assertThat(paths).contains("GET /api/v1/campaigns/{id}", "POST /api/v1/ad-accounts/{accountId}/campaigns",
                "GET /api/v1/audit", "DELETE /api/v1/api-keys/{id}");
        assertThat(operations.size()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyOperationWithTheOwnWorkspacesIdsWorksForItsReadKey() {
        // Proves the ids are real, so the 404s of the matrix come from the tenant check and not from bad ids.
        List<String> wrong = new ArrayList<>();
        for (String[] operation : operations) {
            // Owners-only reads, and a report that may still be running (409 until it completes), are left out.
            if (!operation[0].equals("GET") || operation[1].startsWith("/api/v1/audit")
                    || operation[1].startsWith("/api/v1/api-keys") || operation[1].startsWith("/api/v1/spend-guards")
                    || operation[1].startsWith("/api/v1/insights/reports/")) {
                continue;
            }
            for (Call call : aimedAt("GET", operation[1], tenants.a)) {
                Answer answer = call(tenants.a, Caller.READ_KEY, call);
                if (answer.status() != 200) {
                    wrong.add(call + " → " + answer.status() + " " + answer.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noCallerReachesTheOtherWorkspacesObjects() {
        String campaignBefore = tenants.b.graph("/" + tenants.b.campaignId + "?fields=status,daily_budget")
                .toString();
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Tenant[] pair : new Tenant[][] {{tenants.a, tenants.b}, {tenants.b, tenants.a}}) {
            Tenant attacker = pair[0];
            Tenant victim = pair[1];
            for (String[] operation : operations) {
                for (Call call : aimedAt(operation[0], operation[1], victim)) {
                    for (Caller caller : Caller.values()) {
                        tried++;
                        Answer answer = call(attacker, caller, call);
                        String leak = leaked(answer, victim, call);
                        boolean ownList = call.path().startsWith("/api/v1/audit")
                                || victim.markers().stream().noneMatch(call.path()::contains);
                        boolean ok = leak == null && answer.status() < 500 && (ownList
                                ? answer.status() == 200 || answer.status() == 403
                                : answer.status() == 403 || answer.status() == 404);
                        if (!ok) {
                            wrong.add(attacker.company + " " + caller + " " + call + " → " + answer.status()
                                    + (leak == null ? "" : " showing " + leak) + " " + answer.body().substring(0,
                                    Math.min(200, answer.body().length())));
                        }
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(200);
        assertThat(wrong).isEmpty();
        assertThat(TwoTenants.send(tenants.b.readKey, "GET", "/api/v1/ad-accounts", null).status())
                .as("the victim's key survives the other workspace's DELETE").isEqualTo(200);
        assertThat(tenants.b.graph("/" + tenants.b.campaignId + "?fields=status,daily_budget").toString())
                .isEqualTo(campaignBefore);
    }

    @Test
    void analystsAndReadKeysCannotWriteInTheirOwnWorkspaceAndNothingChanges() {
        Tenant a = tenants.a;
        String campaignBefore = a.graph("/" + a.campaignId + "?fields=status,daily_budget").toString();
        long keysBefore = TwoTenants.harness.count("api_keys");
        long campaignsBefore = a.graph("/" + a.account + "/campaigns?fields=id&limit=1&summary=true")
                .path("summary").path("total_count").asLong();
        List<String> wrong = new ArrayList<>();
        for (String[] operation : operations) {
            if (operation[0].equals("GET")) {
                continue;
            }
            List<Call> calls = new ArrayList<>(aimedAt(operation[0], operation[1], a));
            if (operation[1].equals("/api/v1/insights/reports")) {
                continue; // starting a report reads: analysts and read keys may
            }
            if (calls.isEmpty()) {
                // A well-formed body for each write without an id in its path, so the role check is what answers.
                String json = switch (operation[1]) {
                    case "/api/v1/spend-guards" -> "{\"currency\":\"USD\",\"confirm_above\":\"100\"}";
                    case "/api/v1/campaigns/status" -> "{\"ids\":[\"" + a.campaignId + "\"],\"status\":\"PAUSED\"}";
                    default -> "{\"name\":\"sneaky\",\"scope\":\"read_write\"}";
                };
                calls.add(new Call(operation[0], operation[1], json, false));
            }
            for (Call call : calls) {
                for (Caller caller : List.of(Caller.ANALYST, Caller.READ_KEY)) {
                    Answer answer = call(a, caller, call);
                    if (answer.status() != 403) {
                        wrong.add(caller + " " + call + " → " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(a.graph("/" + a.campaignId + "?fields=status,daily_budget").toString()).isEqualTo(campaignBefore);
        assertThat(TwoTenants.harness.count("api_keys")).isEqualTo(keysBefore);
        assertThat(a.graph("/" + a.account + "/campaigns?fields=id&limit=1&summary=true").path("summary")
                .path("total_count").asLong()).isEqualTo(campaignsBefore);
    }
}
