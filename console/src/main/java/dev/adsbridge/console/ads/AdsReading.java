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
    private final AdsReporting reporting;

    AdsReading(AdsGateway gateway, AdsReporting reporting) {
        this.gateway = gateway;
        this.reporting = reporting;
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
        // One query for the page: the account's insights at campaign level (paged to the end), matched by id.
        Map<String, Map<String, Object>> insights = campaigns.isEmpty() ? Map.of()
                : reporting.numbersById(caller, scope.connectionId(), scope.accountId(), scope.accountId(),
                        "campaign", datePreset);
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
            // Results follow the ad sets' optimisation goals, never the campaign's objective (MetaResults).
            row.putAll(AdsReporting.listNumbers(insights.get(id)));
            data.add(row);
        }
        return Map.of("data", data, "paging", AdsGateway.paging(page));
    }

    /** One object, when it belongs to a chosen account. */
    public JsonNode object(AdsCaller caller, ObjectKind kind, String id) {
        return gateway.locate(caller, kind, id).details();
    }

    /** Fields of a creative as the drill-down shows it: texts, image hash (preview) and story spec. */
    static final String CREATIVE_FIELDS = "id,account_id,name,status,title,body,image_hash,image_url,thumbnail_url,"
            + "object_story_spec,asset_feed_spec,call_to_action_type,link_url,url_tags,object_type,video_id,"
            + "effective_object_story_id,instagram_user_id";
    static final String ADSET_FIELDS = "id,name,campaign_id,status,effective_status,daily_budget,lifetime_budget,"
            + "budget_remaining,bid_amount,bid_strategy,bid_constraints,optimization_goal,billing_event,targeting,"
            + "start_time,end_time,created_time,updated_time,is_dynamic_creative,frequency_control_specs";
    /** An ad with its creative expanded, so "Show ads" needs no call per ad for previews and texts. */
    static final String AD_FIELDS = "id,name,adset_id,campaign_id,status,effective_status,bid_amount,"
            + "tracking_specs,conversion_domain,created_time,updated_time,creative{" + CREATIVE_FIELDS + "}";
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,512}");

    /**
     * A campaign's ad sets, an ad set's ads (each with its creative), or an ad's creatives: one Graph call that finds
     * the parent in a chosen account, checks its type and brings the page of children by field expansion. Ad sets
     * and ads come with their spend, results and cost per result for {@code datePreset} (null: none), one more call.
     */
    public Map<String, Object> children(AdsCaller caller, ObjectKind parent, String id, int limit,
            @Nullable String after, @Nullable String datePreset) {
        if (datePreset != null) {
            InsightsQuery.requirePreset(datePreset);
        }
        String edge;
        String fields;
        switch (parent) {
            case CAMPAIGN -> {
                edge = "adsets";
                fields = ADSET_FIELDS;
            }
            case ADSET -> {
                edge = "ads";
                fields = AD_FIELDS;
            }
            case AD -> {
                edge = "adcreatives";
                fields = CREATIVE_FIELDS;
            }
            default -> throw AdsException.notFound();
        }
        StringBuilder expansion = new StringBuilder(edge).append(".limit(").append(limit).append(')');
        if (after != null && !after.isBlank()) {
            if (!CURSOR.matcher(after).matches()) {
                throw AdsException.validation("after", "Pass the next_cursor of the previous page.");
            }
            expansion.append(".after(").append(after).append(')');
        }
        expansion.append('{').append(fields).append('}');
        AdsGateway.Located located = gateway.locateWith(caller, parent, id, "id,account_id," + expansion);
        JsonNode page = located.details().path(edge);
        List<JsonNode> data = new ArrayList<>();
        page.path("data").forEach(data::add);
        Map<String, Object> paging = new LinkedHashMap<>();
        boolean more = page.path("paging").hasNonNull("next");
        paging.put("next_cursor", more ? AdsGateway.text(page.path("paging").path("cursors"), "after", null) : null);
        if (datePreset == null || parent == ObjectKind.AD || data.isEmpty()) {
            return Map.of("data", data, "paging", paging);
        }
        String level = parent == ObjectKind.CAMPAIGN ? "adset" : "ad";
        Map<String, Map<String, Object>> numbers = reporting.numbersById(caller, located.connectionId(),
                located.accountId(), id, level, datePreset);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode child : data) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = AdsGateway.JSON.convertValue(child, LinkedHashMap.class);
            row.putAll(AdsReporting.listNumbers(numbers.get(child.path("id").asString(""))));
            rows.add(row);
        }
        return Map.of("data", rows, "paging", paging, "date_preset", datePreset);
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
            JsonNode instagram = page.path("instagram_business_account");
            if (instagram.hasNonNull("id")) {
                row.put("instagram_business_account", instagram(instagram));
            }
            data.add(row);
        }
        return Map.of("data", data);
    }

    /**
     * The account's Meta pixels (get_ad_pixels), for a conversion ad set's promoted_object.pixel_id:
     * {data:[{id, name, last_fired_time, is_unavailable, creation_time}]}; last_fired_time is null for a pixel that never
     * fired.
     */
    public Map<String, Object> pixels(AdsCaller caller, String accountId) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        JsonNode answer = gateway.call(caller, scope.connectionId(), scope.accountId(), "get_ad_pixels",
                Map.of("account_id", scope.accountId(), "limit", 100), false).content();
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode pixel : answer.path("data")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", pixel.path("id").asString(""));
            row.put("name", AdsGateway.text(pixel, "name", null));
            row.put("last_fired_time", AdsGateway.text(pixel, "last_fired_time", null));
            row.put("is_unavailable", pixel.path("is_unavailable").asBoolean(false));
            row.put("creation_time", AdsGateway.text(pixel, "creation_time", null));
            data.add(row);
        }
        return Map.of("data", data);
    }

    /**
     * The Instagram accounts the account's ads can run as (get_instagram_accounts), for a creative's
     * instagram_user_id: {data:[{id, username, name, profile_picture_url}]}.
     */
    public Map<String, Object> instagramAccounts(AdsCaller caller, String accountId) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        JsonNode answer = gateway.call(caller, scope.connectionId(), scope.accountId(), "get_instagram_accounts",
                Map.of("account_id", scope.accountId(), "limit", 100), false).content();
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode account : answer.path("data")) {
            data.add(instagram(account));
        }
        return Map.of("data", data);
    }

    private static Map<String, Object> instagram(JsonNode account) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", account.path("id").asString(""));
        row.put("username", AdsGateway.text(account, "username", null));
        row.put("name", AdsGateway.text(account, "name", null));
        row.put("profile_picture_url", AdsGateway.text(account, "profile_picture_url", null));
        return row;
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
