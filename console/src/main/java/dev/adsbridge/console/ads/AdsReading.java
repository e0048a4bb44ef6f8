package dev.adsbridge.console.ads;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
/**
 * Reads the tenant's connection, chosen ad accounts, campaigns (with spend and results), any object of a chosen
 * account,
 * its children, and images of an account's library.
 */
@Service
public class AdsReading {

    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}");

    private final AdsGateway gateway;

    AdsReading(AdsGateway gateway) {
        this.gateway = gateway;
    }

    /** An image of the account's library. */
    public record Image(byte[] bytes, String contentType) {
    }

    /** The tenant's connection (the newest usable one) and its chosen accounts. */
    public Map<String, Object> connection(TenantId tenant) {
        List<Connection> all = gateway.connections().all(tenant).stream()
                .sorted(Comparator.comparing(Connection::createdAt).reversed()).toList();
        Connection current = all.stream().filter(c -> !c.revoked()).findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (current == null) {
            answer.put("status", "none");
            answer.put("ad_accounts", List.of());
            return answer;
        }
        answer.put("id", current.id().toString());
        answer.put("status", current.status().name().toLowerCase(Locale.ROOT));
        answer.put("facebook_user_id", current.facebookUserId());
        answer.put("facebook_user_name", current.facebookUserName());
        answer.put("scopes", current.scopes());
        answer.put("expires_at", current.expiresAt() == null ? null : current.expiresAt().toString());
        answer.put("data_access_expires_at",
                current.dataAccessExpiresAt() == null ? null : current.dataAccessExpiresAt().toString());
        answer.put("status_reason", current.statusReason());
        answer.put("ad_accounts", gateway.chosen().ofConnection(tenant, current.id()).stream().map(a -> {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", a.adAccountId());
            account.put("name", a.name());
            account.put("currency", a.currency());
            return account;
        }).toList());
        return answer;
    }

    /** The chosen ad accounts, with Meta's current status, timezone and amount spent. */
    public Map<String, Object> adAccounts(AdsCaller caller) {
        List<ChosenAdAccount> accounts = gateway.chosen().all(caller.tenant());
        Map<String, JsonNode> live = new LinkedHashMap<>();
        for (UUID connection : new LinkedHashSet<>(accounts.stream().map(ChosenAdAccount::connectionId).toList())) {
            JsonNode listed = gateway.call(caller, connection, null, AdAccounts.LIST_TOOL, Map.of("limit", 200), false)
                    .content();
            for (JsonNode account : listed.path("data")) {
                live.put(account.path("id").asString(""), account);
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (ChosenAdAccount account : accounts) {
            JsonNode meta = live.getOrDefault(account.adAccountId(), AdsGateway.JSON.createObjectNode());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", account.adAccountId());
            row.put("name", meta.path("name").asString(account.name()));
            row.put("currency", meta.path("currency").asString(account.currency()));
            row.put("account_status", AdsGateway.text(meta, "account_status_name", AdsGateway.text(meta,
                    "account_status", null)));
            row.put("timezone_name", AdsGateway.text(meta, "timezone_name", null));
            String spent = AdsGateway.text(meta, "amount_spent", null);
            row.put("amount_spent", spent);
            String formatted = MoneyFormat.format(spent, (String) row.get("currency"));
            row.put("amount_spent_formatted", formatted != null ? formatted
                    : AdsGateway.text(meta, "amount_spent_formatted", null));
            data.add(row);
        }
        return Map.of("data", data);
    }

    /** One page of an account's campaigns, with spend and results for the preset (one insights call per page). */
    public Map<String, Object> campaigns(AdsCaller caller, String accountId, @Nullable String status,
            @Nullable String objective, int limit, @Nullable String after, String datePreset) {
        InsightsQuery.requirePreset(datePreset);
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId());
        args.put("limit", limit);
        if (after != null && !after.isBlank()) {
            args.put("after", after);
        }
        if (status != null && !status.isBlank()) {
            args.put("status_filter", status.strip());
        }
        if (objective != null && !objective.isBlank()) {
            List<String> objectives = List.of(objective.split(",")).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            args.put("objective_filter", objectives.size() == 1 ? objectives.get(0) : objectives);
        }
        JsonNode page = gateway.call(caller, scope.connectionId(), scope.accountId(), "get_campaigns", args,
                false).content();
        List<JsonNode> campaigns = new ArrayList<>();
        page.path("data").forEach(campaigns::add);
        Map<String, JsonNode> insights = new LinkedHashMap<>();
        if (!campaigns.isEmpty()) {
            // One call for the page: the account's insights at campaign level, matched to the page's campaign ids.
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("object_id", scope.accountId());
            query.put("level", "campaign");
            query.put("time_range", datePreset);
            query.put("compact", true);
            query.put("limit", 500);
            for (JsonNode row : AdsGateway.rows(gateway.call(caller, scope.connectionId(), scope.accountId(),
                    "get_insights", query,
                    false))) {
                insights.put(row.path("campaign_id").asString(""), row);
            }
        }
        String currency = gateway.currency(caller.tenant(), scope.accountId());
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode campaign : campaigns) {
            Map<String, Object> row = new LinkedHashMap<>();
            String id = campaign.path("id").asString("");
            String obj = AdsGateway.text(campaign, "objective", null);
            row.put("id", id);
            row.put("name", AdsGateway.text(campaign, "name", null));
            row.put("objective", obj);
            row.put("status", AdsGateway.text(campaign, "status", null));
            row.put("effective_status", AdsGateway.text(campaign, "effective_status", null));
            row.put("daily_budget", AdsGateway.text(campaign, "daily_budget", null));
            row.put("lifetime_budget", AdsGateway.text(campaign, "lifetime_budget", null));
            String budget = MoneyFormat.budget(AdsGateway.text(campaign, "daily_budget", null),
                    AdsGateway.text(campaign, "lifetime_budget", null), currency);
            row.put("budget_formatted", budget != null ? budget : AdsGateway.text(campaign, "daily_budget_formatted",
                    AdsGateway.text(campaign, "lifetime_budget_formatted", null)));
            JsonNode stats = insights.get(id);
            String resultType = AdsReporting.RESULT_TYPES.getOrDefault(obj == null ? "" : obj, "link_click");
            row.put("spend", stats == null ? 0.0 : AdsGateway.number(stats, "spend"));
            row.put("results", stats == null ? 0.0 : AdsReporting.results(stats, resultType));
            row.put("result_type", resultType);
            data.add(row);
        }
        return Map.of("data", data, "paging", AdsGateway.paging(page));
    }

    /** One object, when it belongs to a chosen account. */
    public JsonNode object(AdsCaller caller, ObjectKind kind, String id) {
        return gateway.locate(caller, kind, id).details();
    }

    /** A campaign's ad sets, an ad set's ads, or an ad's creatives. */
    public Map<String, Object> children(AdsCaller caller, ObjectKind parent, String id, int limit,
            @Nullable String after) {
        AdsGateway.Located located = gateway.locate(caller, parent, id);
        Map<String, Object> args = new LinkedHashMap<>();
        String tool;
        switch (parent) {
            case CAMPAIGN -> {
                tool = "get_adsets";
                args.put("account_id", located.accountId());
                args.put("campaign_id", id);
            }
            case ADSET -> {
                tool = "get_ads";
                args.put("account_id", located.accountId());
                args.put("adset_id", id);
            }
            case AD -> {
                tool = "get_ad_creatives";
                args.put("ad_id", id);
            }
            default -> throw AdsException.notFound();
        }
        if (parent != ObjectKind.AD) {
            args.put("limit", limit);
            if (after != null && !after.isBlank()) {
                args.put("after", after);
            }
        }
        JsonNode page = gateway.call(caller, located.connectionId(), located.accountId(), tool, args, false).content();
        List<JsonNode> data = new ArrayList<>();
        page.path("data").forEach(data::add);
        return Map.of("data", data, "paging", AdsGateway.paging(page));
    }

    /** The Facebook Pages an account's ads can run for (get_account_pages): {data:[{id, name, category, picture}]}. */
    public Map<String, Object> pages(AdsCaller caller, String accountId) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        JsonNode answer = gateway.call(caller, scope.connectionId(), scope.accountId(), "get_account_pages",
                Map.of("account_id", scope.accountId()), false).content();
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode page : answer.path("data")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", page.path("id").asString(""));
            row.put("name", AdsGateway.text(page, "name", null));
            row.put("category", AdsGateway.text(page, "category", null));
            data.add(row);
        }
        return Map.of("data", data);
    }

    /** Interest targeting options matching a keyword (search_interests), with their audience size range. */
    public Map<String, Object> interests(AdsCaller caller, String accountId, String query, int limit) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > 100) {
            throw AdsException.validation("q", "Type 1 to 100 characters to search interests.");
        }
        JsonNode answer = gateway.call(caller, scope.connectionId(), scope.accountId(), "search_interests",
                Map.of("query", q, "limit", limit), false).content();
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode interest : answer.path("data")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", interest.path("id").asString(""));
            row.put("name", AdsGateway.text(interest, "name", null));
            row.put("audience_size_lower_bound", interest.path("audience_size_lower_bound").asLong(0));
            row.put("audience_size_upper_bound", interest.path("audience_size_upper_bound").asLong(0));
            row.put("path", interest.path("path").isArray()
                    ? AdsGateway.JSON.convertValue(interest.path("path"), List.class) : List.of());
            data.add(row);
        }
        return Map.of("data", data);
    }

    /** An image of a chosen account's library, by hash; the content type comes from the bytes. */
    public Image image(AdsCaller caller, String accountId, String hash) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        if (!HASH.matcher(hash).matches()) {
            throw AdsException.notFound();
        }
        McpToolClient.ToolResult result = gateway.callRaw(caller, scope.connectionId(), scope.accountId(),
                "get_image_by_hash",
                Map.of("account_id", scope.accountId(), "image_hash", hash), false);
        if (result.isError()) {
            // A hash the account's library does not hold is a missing resource, not a bad request.
            String category = result.content().path("error").path("category").asString("");
            if ("invalid_request".equals(category)) {
                throw AdsException.notFound();
            }
            throw gateway.failure(caller, scope.connectionId(), scope.accountId(), result.content());
        }
        for (JsonNode item : result.result().path("content")) {
            if ("image".equals(item.path("type").asString(""))) {
                byte[] bytes = Base64.getDecoder().decode(item.path("data").asString(""));
                return new Image(bytes, sniff(bytes));
            }
        }
        throw AdsException.notFound();
    }

    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
                && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }
}
