package dev.adsbridge.securitysuite;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * Every /api/v1 endpoint of the OpenAPI document × every kind of caller of one tenant (owner, admin, analyst sessions;
 * read and read_write keys) × the other tenant's ids → 403/404, never the other tenant's data, never 5xx. Then the
 * writes of analysts and read keys on their own tenant → 403, and nothing changed on Meta or in the console.
 */
final class CrossTenantMatrix {

    /** One request the matrix makes: method, path (with query), JSON body or an upload. */
    record Call(String method, String path, String json, boolean upload) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    enum Caller { OWNER, ADMIN, ANALYST, READ_KEY, READ_WRITE_KEY }

    private final Deployment deployment;

    CrossTenantMatrix(Deployment deployment) {
        this.deployment = deployment;
    }

    /** The operations of the OpenAPI document: method and path template. */
    static List<String[]> operations(JsonNode openApi) {
        List<String[]> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String m = method.getKey().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    operations.add(new String[] {m, path.getKey()});
                }
            }
        }
        return operations;
    }

    /** The operation aimed at {@code victim}'s objects; null when it has no object of another tenant to aim at. */
    static List<Call> aimedAt(String method, String template, Tenant victim) {
        boolean parameterised = template.contains("{");
        String path = template;
        path = path.replace("{accountId}", victim.account).replace("{account_id}", victim.account)
                .replace("{hash}", victim.imageHash);
        if (path.contains("{")) {
            String kind = path.replaceAll("^/api/v1/([^/]+)/\\{.*$", "$1");
            String id = switch (kind) {
                case "campaigns" -> victim.campaignId;
                case "adsets" -> victim.adSetId;
                case "ads" -> victim.adId;
                case "creatives" -> victim.creativeId;
                case "api-keys" -> victim.readKeyId;
                default -> victim.campaignId;
            };
            path = path.replaceAll("\\{[^}]+}", id);
        }
        List<Call> calls = new ArrayList<>();
        if (method.equals("GET")) {
            if (path.startsWith("/api/v1/insights")) {
                calls.add(new Call("GET", path + "?object_id=" + victim.campaignId + "&date_preset=last_7d", null,
                        false));
                calls.add(new Call("GET", path + "?object_id=" + victim.account + "&date_preset=last_7d", null,
                        false));
                calls.add(new Call("GET", path + "?object_id=" + victim.adId + "&date_preset=last_7d"
                        + "&breakdowns=age", null, false));
            } else if (path.startsWith("/api/v1/audit")) {
                calls.add(new Call("GET", path + "?target=" + victim.campaignId, null, false));
                calls.add(new Call("GET", path + "?actor=" + Web.enc(victim.ownerEmail), null, false));
                calls.add(new Call("GET", path, null, false));
            } else if (path.endsWith("/campaigns")) {
                calls.add(new Call("GET", path + "?limit=5", null, false));
            } else if (path.endsWith("/summary")) {
                calls.add(new Call("GET", path + "?date_preset=last_7d", null, false));
            } else {
                calls.add(new Call("GET", path, null, false));
            }
            return calls;
        }
        if (path.equals("/api/v1/insights/reports")) {
            // A report run is a read with its object in the body: the other workspace's campaign and account.
            for (String object : List.of(victim.campaignId, victim.account)) {
                calls.add(new Call(method, path, Web.JSON.writeValueAsString(Map.of("object_id", object,
                        "date_preset", "last_7d")), false));
            }
            return calls;
        }
        if (path.equals("/api/v1/campaigns/status")) {
            // The bulk status write names its campaigns in the body.
            calls.add(new Call(method, path, Web.JSON.writeValueAsString(Map.of("ids", List.of(victim.campaignId),
                    "status", "PAUSED", "confirm", true)), false));
            return calls;
        }
        if (!parameterised) {
            // A write without an id in the path (a new API key) acts on the caller's own tenant only.
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
        } else {
            // Only the fields of each create, as a client sends them: a body the API refuses as malformed
            // (400) would never reach the tenant check.
            body.put("name", "sec-cross-" + UUID.randomUUID().toString().substring(0, 8));
            if (path.endsWith("/campaigns")) {
                body.put("objective", "OUTCOME_TRAFFIC");
                body.put("status", "PAUSED");
            } else if (path.endsWith("/adsets")) {
                body.put("campaign_id", victim.campaignId);
                body.put("optimization_goal", "LINK_CLICKS");
                body.put("billing_event", "IMPRESSIONS");
                body.put("daily_budget", "1000");
                body.put("targeting", Map.of("geo_locations", Map.of("countries", List.of("US")),
                        "targeting_automation", Map.of("advantage_audience", 0)));
            } else if (path.endsWith("/ads")) {
                body.put("adset_id", victim.adSetId);
                body.put("creative_id", victim.creativeId);
            } else if (path.endsWith("/creatives")) {
                body.put("image_hash", victim.imageHash);
                body.put("link_url", "https://example.com/");
                body.put("message", "cross-tenant");
            }
        }
        if (path.endsWith("/status") || path.endsWith("/budget")) {
            body.put("confirm", true);
        }
        calls.add(new Call(method, path, Web.JSON.writeValueAsString(body), false));
        return calls;
    }

    static Web.Answer call(Tenant tenant, Caller caller, Call call) {
        String key = switch (caller) {
            case READ_KEY -> tenant.readKey;
            case READ_WRITE_KEY -> tenant.writeKey;
            default -> null;
        };
        Web web = switch (caller) {
            case OWNER -> tenant.owner;
            case ADMIN -> tenant.admin;
            case ANALYST -> tenant.analyst;
            default -> tenant.owner;
        };
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.base() + call.path()))
                .header("Content-Type", type).header("Accept", "*/*").method(call.method(), body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
            return tenant.owner.raw(request);
        }
        if (!call.method().equals("GET")) {
            String csrf = web.csrf();
            request.header("X-CSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf);
        }
        return web.raw(request);
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, (int) (Math.random() * 0xffffff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The first of the victim's markers found in the answer, or null. */
    static String leaked(Web.Answer answer, Tenant victim, Call call) {
        String asked = call.path() + " " + (call.json() == null ? "" : call.json());
        // The caller's own audit log holds what the caller asked for (its refused requests, with the other
        // workspace's ids it sent); only what it never sent counts there.
        List<String> markers = call.path().startsWith("/api/v1/audit") ? victim.neverSentMarkers() : victim.markers();
        for (String marker : markers) {
            // An id the caller sent, echoed in an error message, is not a leak.
            if (marker != null && !asked.contains(marker) && !asked.contains(Web.enc(marker))
                    && answer.body().contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    void run(Report report, Tenant a, Tenant b) {
        JsonNode openApi = a.key(a.readKey, "GET", "/api/v1/openapi.json", null).json();
        List<String[]> operations = operations(openApi);
        Report.Row row = report.row("cross-tenant", "every /api/v1 operation × 5 callers × the other tenant's ids");
        row.note(operations.size() + " operations in /api/v1/openapi.json");
        long start = System.currentTimeMillis();
        String victimStatusBefore = deployment.graph(Tenant.MARCO, "/" + b.campaignId + "?fields=status")
                .path("status").asString();
        for (Tenant[] pair : new Tenant[][] {{a, b}, {b, a}}) {
            Tenant attacker = pair[0];
            Tenant victim = pair[1];
            for (String[] operation : operations) {
                for (Call call : aimedAt(operation[0], operation[1], victim)) {
                    for (Caller caller : Caller.values()) {
                        Web.Answer answer;
                        try {
                            answer = call(attacker, caller, call);
                        } catch (RuntimeException e) {
                            row.attempt(false, attacker.company + " " + caller + " " + call + ": " + e.getMessage());
                            continue;
                        }
                        String leak = leaked(answer, victim, call);
                        // The caller's own lists (and audit searches) answer 200 with the caller's data only;
                        // a call naming the other workspace's ids (in its path or body) must be refused.
                        String named = call.path() + " " + (call.json() == null ? "" : call.json());
                        boolean listing = call.path().startsWith("/api/v1/audit") || victim.markers().stream()
                                .noneMatch(m -> m != null && named.contains(m));
                        boolean held = leak == null && answer.status() < 500
                                && (listing ? answer.status() / 100 == 2 || answer.status() == 403
                                        : answer.status() == 403 || answer.status() == 404);
                        row.attempt(held, attacker.company + " " + caller + " " + call + " → " + answer.status()
                                + (leak == null ? "" : " with the other tenant's " + leak) + " "
                                + Report.shorten(answer.body()));
                    }
                }
            }
        }
        // The victim's key still works, and the writes above changed nothing of theirs on Meta.
        row.attempt(b.key(b.readKey, "GET", "/api/v1/ad-accounts", null).status() == 200,
                "the victim's read key stopped working after the other tenant's DELETE");
        String victimStatusAfter = deployment.graph(Tenant.MARCO, "/" + b.campaignId + "?fields=status")
                .path("status").asString();
        row.attempt(victimStatusBefore.equals(victimStatusAfter), "the victim's campaign " + b.campaignId
                + " went from " + victimStatusBefore + " to " + victimStatusAfter);
        row.millis = System.currentTimeMillis() - start;

        ownTenantWrites(report, a, operations);
    }

    /** Analysts and read keys writing on their own tenant → 403 and nothing changed. */
    private void ownTenantWrites(Report report, Tenant a, List<String[]> operations) {
        Report.Row row = report.row("cross-tenant", "writes by analysts and read keys on their own tenant");
        long start = System.currentTimeMillis();
        JsonNode before = deployment.graph(Tenant.DANA, "/" + a.campaignId + "?fields=status,daily_budget");
        long keysBefore = deployment.count("select count(*) from api_keys");
        int campaignsBefore = campaignCount(a);
        for (String[] operation : operations) {
            if (operation[0].equals("GET") || operation[1].equals("/api/v1/insights/reports")) {
                continue; // reads (a report run is one, open to analysts and read keys)
            }
            List<Call> calls = new ArrayList<>(aimedAt(operation[0], operation[1], a));
            if (calls.isEmpty() && operation[0].equals("POST")) {
                calls.add(new Call("POST", operation[1], "{\"name\":\"sneaky\",\"scope\":\"read_write\"}", false));
            }
            for (Call call : calls) {
                for (Caller caller : List.of(Caller.ANALYST, Caller.READ_KEY)) {
                    Web.Answer answer = call(a, caller, call);
                    row.attempt(answer.status() == 403, caller + " " + call + " → " + answer.status() + " "
                            + Report.shorten(answer.body()));
                }
            }
        }
        JsonNode after = deployment.graph(Tenant.DANA, "/" + a.campaignId + "?fields=status,daily_budget");
        row.attempt(before.equals(after), "campaign changed: " + before + " → " + after);
        long keysAfter = deployment.count("select count(*) from api_keys");
        row.attempt(keysBefore == keysAfter, "API keys: " + keysBefore + " → " + keysAfter);
        int campaignsAfter = campaignCount(a);
        row.attempt(campaignsBefore == campaignsAfter, "campaigns on Meta: " + campaignsBefore + " → "
                + campaignsAfter);
        row.millis = System.currentTimeMillis() - start;
    }

    private int campaignCount(Tenant a) {
        return deployment.graph(Tenant.DANA, "/" + a.account + "/campaigns?fields=id&limit=1&summary=true")
                .path("summary").path("total_count").asInt(-1);
    }
}
