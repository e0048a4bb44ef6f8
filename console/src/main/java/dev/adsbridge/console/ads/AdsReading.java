package dev.adsbridge.console.ads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.meta.ImageTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
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
    private final CdnImages cdn;
    /** Meta's CDN URL of an image, per tenant, account and hash: what a preview lookup found, for its image reads. */
    private final Cache<ImageKey, String> imageUrlCache;

    record ImageKey(TenantId tenant, String accountId, String hash) {
    }

    AdsReading(AdsGateway gateway, AdsReporting reporting, CdnImages cdn,
            @Value("${adsbridge.console.images.url-ttl:10m}") Duration imageUrlTtl) {
        this.gateway = gateway;
        this.reporting = reporting;
        this.cdn = cdn;
        this.imageUrlCache = Caffeine.newBuilder().expireAfterWrite(imageUrlTtl).maximumSize(50_000).build();
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
            reporting.rememberTimezone(account.adAccountId(), (String) row.get("timezone_name"));
            String spent = AdsGateway.text(meta, "amount_spent", null);
            row.put("amount_spent", spent);
            String formatted = MoneyFormat.format(spent, (String) row.get("currency"));
            row.put("amount_spent_formatted", formatted != null ? formatted
                    : AdsGateway.text(meta, "amount_spent_formatted", null));
            data.add(row);
        }
        return Map.of("data", data);
    }

    /**
     * One page of an account's campaigns, with spend and results for the preset: one get_campaigns call whose fields
     * expand each campaign's insights row (read by the same {@link AdsReporting#row} as every insights answer).
     */
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
        // One Graph call: the page of campaigns, each with its insights row for the preset (field expansion).
        args.put("fields", CAMPAIGN_LIST_FIELDS + ",insights.date_preset(" + datePreset + "){"
                + String.join(",", AdsReporting.fields("campaign")) + "}");
        JsonNode page = gateway.call(caller, scope.connectionId(), scope.accountId(), "get_campaigns", args,
                false).content();
        List<JsonNode> campaigns = new ArrayList<>();
        page.path("data").forEach(campaigns::add);
        Map<String, Map<String, Object>> insights = new LinkedHashMap<>();
        for (JsonNode campaign : campaigns) {
            JsonNode row = campaign.path("insights").path("data").path(0);
            if (row.isObject()) {
                insights.put(campaign.path("id").asString(""), AdsReporting.row(row));
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
            // Results follow the ad sets' optimisation goals, never the campaign's objective (MetaResults).
            row.putAll(AdsReporting.listNumbers(insights.get(id)));
            data.add(row);
        }
        return Map.of("data", data, "paging", AdsGateway.paging(page));
    }

    /** The campaign fields the list shows (its numbers come by insights field expansion). */
    static final String CAMPAIGN_LIST_FIELDS = "id,name,objective,status,effective_status,daily_budget,"
            + "lifetime_budget";

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
     * and ads come with their spend, results and cost per result for {@code datePreset} (null: none), each child's
     * insights row expanded in the same call.
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
        String level = parent == ObjectKind.CAMPAIGN ? "adset" : "ad";
        boolean numbers = datePreset != null && parent != ObjectKind.AD;
        if (numbers) {
            // Each child's insights row for the preset comes in the same call (nested field expansion).
            fields += ",insights.date_preset(" + datePreset + "){" + String.join(",", AdsReporting.fields(level))
                    + "}";
        }
        expansion.append('{').append(fields).append('}');
        AdsGateway.Located located = gateway.locateWith(caller, parent, id, "id,account_id," + expansion);
        JsonNode page = located.details().path(edge);
        List<JsonNode> data = new ArrayList<>();
        for (JsonNode child : page.path("data")) {
            data.add(withPreview(caller, located.accountId(), parent == ObjectKind.ADSET ? "creative" : null, child));
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        boolean more = page.path("paging").hasNonNull("next");
        paging.put("next_cursor", more ? AdsGateway.text(page.path("paging").path("cursors"), "after", null) : null);
        if (!numbers) {
            return Map.of("data", data, "paging", paging);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode child : data) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = AdsGateway.JSON.convertValue(child, LinkedHashMap.class);
            row.remove("insights");
            JsonNode insights = child.path("insights").path("data").path(0);
            row.putAll(AdsReporting.listNumbers(insights.isObject() ? AdsReporting.row(insights) : null));
            rows.add(row);
        }
        return Map.of("data", rows, "paging", paging, "date_preset", datePreset);
    }

    /**
     * A child of the drill-down with its creative's {@code preview_url} (this API's image URL) when the read brought
     * the creative's image hash and Meta's CDN URL of it: the URL is remembered like a preview lookup's, so the
     * previews load without the {@code images?hashes=} round trip (one Graph call and 150+ ms fewer for an ad set's
     * ads). Creatives without both, or of another account, or on a host the console does not fetch from, get no
     * {@code preview_url}: the browser looks them up as before. {@code creativeField} names the child's creative
     * (ads), or is null when the child is the creative. The cached answer is not changed: the child is copied.
     */
    private JsonNode withPreview(AdsCaller caller, String accountId, @Nullable String creativeField, JsonNode child) {
        JsonNode creative = creativeField == null ? child : child.path(creativeField);
        String hash = AdsGateway.text(creative, "image_hash", null);
        String url = AdsGateway.text(creative, "image_url", null);
        String owner = AdsGateway.text(creative, "account_id", null);
        if (hash == null || url == null || !HASH.matcher(hash).matches() || !cdn.allowed(url)
                || (owner != null && !accountId.equals("act_" + owner.replaceFirst("^act_", "")))) {
            return child;
        }
        imageUrlCache.put(new ImageKey(caller.tenant(), accountId, hash), url);
        JsonNode copy = child.deepCopy();
        ObjectNode target = (ObjectNode) (creativeField == null ? copy : copy.path(creativeField));
        target.put("preview_url", "/api/v1/ad-accounts/" + accountId + "/images/" + hash);
        return copy;
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

    /** Most hashes one preview lookup takes (one get_ad_images call, one Graph call). */
    public static final int MAX_IMAGE_HASHES = 50;

    /**
     * The console's image URL of each hash the account's library holds, looked up in one get_ad_images call (one
     * Graph call for a whole page of previews); Meta's CDN URLs are remembered for a while, so the image requests
     * that follow fetch the bytes without another Graph call. Hashes the library does not hold are left out.
     */
    public Map<String, String> imageUrls(AdsCaller caller, String accountId, List<String> hashes) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        List<String> wanted = hashes.stream().map(String::strip).filter(h -> !h.isEmpty()).distinct().toList();
        if (wanted.isEmpty() || wanted.size() > MAX_IMAGE_HASHES) {
            throw AdsException.validation("hashes", "Name 1 to " + MAX_IMAGE_HASHES
                    + " image hashes, comma-separated.");
        }
        for (String hash : wanted) {
            if (!HASH.matcher(hash).matches()) {
                throw AdsException.validation("hashes", "An image hash is 32 hexadecimal characters.");
            }
        }
        Map<String, String> cdn = cdnUrls(caller, scope, wanted);
        Map<String, String> out = new LinkedHashMap<>();
        for (String hash : wanted) {
            if (cdn.containsKey(hash)) {
                out.put(hash, "/api/v1/ad-accounts/" + scope.accountId() + "/images/" + hash);
            }
        }
        return out;
    }

    /** An image of a chosen account's library, by hash: bytes fetched from Meta's CDN by the console. */
    public Image image(AdsCaller caller, String accountId, String hash) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        if (!HASH.matcher(hash).matches()) {
            throw AdsException.notFound();
        }
        String url = imageUrlCache.getIfPresent(new ImageKey(caller.tenant(), scope.accountId(), hash));
        if (url == null) {
            url = cdnUrls(caller, scope, List.of(hash)).get(hash);
        }
        if (url == null) {
            throw AdsException.notFound();
        }
        try {
            CdnImages.Fetched fetched = cdn.fetch(url);
            return new Image(fetched.bytes(), fetched.contentType());
        } catch (CdnImages.Refused e) {
            imageUrlCache.invalidate(new ImageKey(caller.tenant(), scope.accountId(), hash));
            throw new AdsException(AdsException.Problem.META_UNAVAILABLE, "image_unavailable",
                    "The image could not be loaded from Meta: " + e.getMessage() + ".");
        }
    }

    /** One get_ad_images call: hash → Meta's CDN URL, for the hashes the library holds (remembered per tenant). */
    private Map<String, String> cdnUrls(AdsCaller caller, AdsGateway.Scope scope, List<String> hashes) {
        McpToolClient.ToolResult result = gateway.callRaw(caller, scope.connectionId(), scope.accountId(),
                "get_ad_images", Map.of("account_id", scope.accountId(), "hashes", hashes), false);
        if (result.isError()) {
            throw gateway.failure(caller, scope.connectionId(), scope.accountId(), result.content());
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode image : result.content().path("data")) {
            String hash = image.path("hash").asString("");
            String url = AdsGateway.text(image, "url", null);
            if (hashes.contains(hash) && url != null && cdn.allowed(url)) {
                urls.put(hash, url);
                imageUrlCache.put(new ImageKey(caller.tenant(), scope.accountId(), hash), url);
            }
        }
        return urls;
    }

    /** The formats browsers show, so the console takes and previews: PNG, JPEG, GIF and WebP. */
    private static final Set<ImageTypes.Format> SHOWN = EnumSet.of(ImageTypes.Format.PNG, ImageTypes.Format.JPEG,
            ImageTypes.Format.GIF, ImageTypes.Format.WEBP);

    /** The media type of image bytes by their first bytes, or {@code application/octet-stream}. */
    static String sniff(byte[] b) {
        return ImageTypes.sniff(b).filter(SHOWN::contains).map(ImageTypes.Format::mimeType)
                .orElse(ImageTypes.UNKNOWN_CONTENT_TYPE);
    }
}
