package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.faults.Fault;
import dev.adsbridge.sandbox.oauth.Html;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox holds right now, as JSON ({@code GET /_sandbox/state}) and as an HTML page ({@code GET /_sandbox}):
 * the app, users with their ad accounts and pages, issued tokens (masked, never in full), armed faults and
 * rate-limit state.
 */
final class StatusPage {

    /** The newest tokens shown; benchmarks may issue thousands. */
    static final int TOKENS_SHOWN = 200;

    private final SandboxContext context;

    StatusPage(SandboxContext context) {
        this.context = context;
    }

    Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("app_id", context.app().appId());
        app.put("name", context.app().name());
        app.put("redirect_uris", context.app().redirectUris());
        app.put("require_appsecret_proof", context.config().requireAppsecretProof());
        app.put("ads_api_access_tier", context.config().accessTier());
        app.put("api_versions", "v" + context.config().minApiVersion() + ".0 - v" + context.config().maxApiVersion()
                + ".0");
        out.put("app", app);
        out.put("now", Instant.ofEpochSecond(context.nowEpochSeconds()).toString());
        out.put("users", users());
        Map<String, Object> tokens = new LinkedHashMap<>();
        List<AccessGrant> grants = new ArrayList<>(context.store().tokens());
        grants.sort(Comparator.comparingLong(AccessGrant::issuedAt).reversed());
        tokens.put("total", grants.size());
        tokens.put("shown", grants.stream().limit(TOKENS_SHOWN).map(this::describe).toList());
        out.put("tokens", tokens);
        out.put("faults", context.faults().armed().stream().map(Fault::describe).toList());
        out.put("rate_limits", context.limits().snapshot());
        return out;
    }

    private List<Map<String, Object>> users() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (FbUser user : context.store().users()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", user.id());
            u.put("name", user.name());
            u.put("ad_accounts", user.adAccountIds().stream().map(id -> {
                Map<String, Object> account = new LinkedHashMap<>();
                account.put("id", id);
                context.store().node(id).ifPresent(node -> {
                    account.put("name", node.getString("name"));
                    account.put("currency", node.getString("currency"));
                    account.put("account_status", accountStatus(node));
                });
                return account;
            }).toList());
            u.put("pages", user.pageIds().stream().map(id -> {
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("id", id);
                context.store().node(id).map(n -> n.getString("name")).ifPresent(name -> page.put("name", name));
                return page;
            }).toList());
            users.add(u);
        }
        return users;
    }

    private Map<String, Object> describe(AccessGrant grant) {
        long now = context.nowEpochSeconds();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("token", grant.masked());
        t.put("type", grant.type());
        t.put("user_id", grant.userId());
        t.put("scopes", grant.scopes().stream().sorted().toList());
        t.put("issued_at", grant.issuedAt());
        t.put("expires_at", grant.expiresAt());
        t.put("long_lived", grant.longLived());
        t.put("state", stateOf(grant, now));
        if (grant.revokedSubcode() != null) {
            t.put("revoked_subcode", grant.revokedSubcode());
        }
        return t;
    }

    static String stateOf(AccessGrant grant, long now) {
        if (grant.revokedSubcode() != null) {
            return "revoked";
        }
        return grant.isExpiredAt(now) ? "expired" : "valid";
    }

    private static String accountStatus(Node account) {
        return switch (account.getString("account_status") == null ? "" : account.getString("account_status")) {
            case "1" -> "ACTIVE";
            case "2" -> "DISABLED";
            case "3" -> "UNSETTLED";
            case "7" -> "PENDING_RISK_REVIEW";
            case "8" -> "PENDING_SETTLEMENT";
            case "9" -> "IN_GRACE_PERIOD";
            case "100" -> "PENDING_CLOSURE";
            case "101" -> "CLOSED";
            default -> "UNKNOWN";
        };
    }

    @SuppressWarnings("unchecked")
    String html() {
        Map<String, Object> state = state();
        Map<String, Object> app = (Map<String, Object>) state.get("app");
        StringBuilder b = new StringBuilder();
        b.append("<h1>Meta sandbox</h1>\n<p class=\"muted\">Sandbox time ").append(Html.escape((String) state.get("now")))
                .append(". JSON: <a href=\"/_sandbox/state\">/_sandbox/state</a>.</p>\n");
        b.append("<h2>App</h2>\n<table>")
                .append(row("App ID", "<code>" + Html.escape((String) app.get("app_id")) + "</code>"))
                .append(row("Name", Html.escape((String) app.get("name"))))
                .append(row("Redirect URIs", String.join("<br>", ((List<String>) app.get("redirect_uris")).stream()
                        .map(u -> "<code>" + Html.escape(u) + "</code>").toList())))
                .append(row("Require appsecret_proof", String.valueOf(app.get("require_appsecret_proof"))))
                .append(row("Access tier", Html.escape((String) app.get("ads_api_access_tier"))))
                .append(row("API versions", Html.escape((String) app.get("api_versions"))))
                .append("</table>\n");

        b.append("<h2>Users</h2>\n<table><tr><th>User</th><th>Ad accounts</th><th>Pages</th></tr>\n");
        for (Map<String, Object> user : (List<Map<String, Object>>) state.get("users")) {
            b.append("<tr><td>").append(Html.escape((String) user.get("name"))).append("<br><code>")
                    .append(Html.escape((String) user.get("id"))).append("</code></td><td>");
            for (Map<String, Object> account : (List<Map<String, Object>>) user.get("ad_accounts")) {
                b.append("<code>").append(Html.escape((String) account.get("id"))).append("</code> ")
                        .append(Html.escape((String) account.get("name"))).append(" · ")
                        .append(Html.escape((String) account.get("currency"))).append(" · ")
                        .append(Html.escape((String) account.get("account_status"))).append("<br>");
            }
            b.append("</td><td>");
            for (Map<String, Object> page : (List<Map<String, Object>>) user.get("pages")) {
                b.append("<code>").append(Html.escape((String) page.get("id"))).append("</code> ")
                        .append(Html.escape((String) page.get("name"))).append("<br>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");

        Map<String, Object> tokens = (Map<String, Object>) state.get("tokens");
        b.append("<h2>Tokens</h2>\n<p class=\"muted\">").append(tokens.get("total"))
                .append(" issued; the newest ").append(TOKENS_SHOWN).append(" are shown, masked.</p>\n")
                .append("<table><tr><th>Token</th><th>User</th><th>Scopes</th><th>Expires</th><th>State</th></tr>\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) tokens.get("shown")) {
            long expiresAt = (Long) t.get("expires_at");
            b.append("<tr><td><code>").append(Html.escape((String) t.get("token"))).append("</code>")
                    .append(Boolean.TRUE.equals(t.get("long_lived")) ? " long-lived" : "").append("</td><td>")
                    .append(Html.escape(String.valueOf(t.get("user_id")))).append("</td><td>")
                    .append(Html.escape(String.join(", ", (List<String>) t.get("scopes")))).append("</td><td>")
                    .append(expiresAt == 0 ? "never" : Html.escape(Instant.ofEpochSecond(expiresAt).toString()))
                    .append("</td><td>").append(Html.escape((String) t.get("state")))
                    .append(t.containsKey("revoked_subcode") ? " (190/" + t.get("revoked_subcode") + ")" : "")
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Armed faults</h2>\n");
        List<Map<String, Object>> faults = (List<Map<String, Object>>) state.get("faults");
        if (faults.isEmpty()) {
            b.append("<p class=\"muted\">None.</p>\n");
        } else {
            b.append("<table><tr><th>Fault</th></tr>\n");
            for (Map<String, Object> fault : faults) {
                b.append("<tr><td><code>").append(Html.escape(fault.toString())).append("</code></td></tr>\n");
            }
            b.append("</table>\n");
        }

        Map<String, Object> limits = (Map<String, Object>) state.get("rate_limits");
        Map<String, Object> appUsage = (Map<String, Object>) limits.get("app");
        b.append("<h2>Rate limits</h2>\n<p>Tier <code>").append(Html.escape((String) limits.get("ads_api_access_tier")))
                .append("</code>, enforced: ").append(limits.get("enforced")).append(". App: ")
                .append(appUsage.get("calls_this_hour")).append(" of ").append(appUsage.get("calls_per_hour"))
                .append(" calls this hour (").append(appUsage.get("call_count_pct")).append("%).</p>\n");
        Map<String, Object> accounts = (Map<String, Object>) limits.get("accounts");
        if (!accounts.isEmpty()) {
            b.append("<table><tr><th>Account</th><th>Score</th><th>Blocked</th><th>ads_management</th>"
                    + "<th>ads_insights</th></tr>\n");
            accounts.forEach((id, value) -> {
                Map<String, Object> a = (Map<String, Object>) value;
                Map<String, Object> management = (Map<String, Object>) a.get("ads_management");
                Map<String, Object> insights = (Map<String, Object>) a.get("ads_insights");
                b.append("<tr><td><code>").append(Html.escape(id)).append("</code></td><td>").append(a.get("score"))
                        .append(" / ").append(a.get("score_max")).append(" (").append(a.get("acc_id_util_pct"))
                        .append("%)</td><td>").append(a.get("blocked_for_seconds")).append(" s</td><td>")
                        .append(management.get("calls_this_hour")).append(" / ").append(management.get("quota_per_hour"))
                        .append("</td><td>").append(insights.get("calls_this_hour")).append(" / ")
                        .append(insights.get("quota_per_hour")).append("</td></tr>\n");
            });
            b.append("</table>\n");
        }
        return Html.page("Meta sandbox status", b.toString());
    }

    private static String row(String label, String valueHtml) {
        return "<tr><th>" + Html.escape(label) + "</th><td>" + valueHtml + "</td></tr>";
    }
}
