package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Toolset {@code library}: search the public Ad Library (Meta's {@code /ads_archive}). */
public final class LibraryTools {

    static final List<String> AD_TYPES = List.of("ALL", "POLITICAL_AND_ISSUE_ADS", "HOUSING_ADS", "EMPLOYMENT_ADS",
            "FINANCIAL_PRODUCTS_AND_SERVICES_ADS");
    static final List<String> ACTIVE_STATUSES = List.of("ACTIVE", "INACTIVE", "ALL");
    /**
     * The default field list, as the reference server declares it (older names included: they are translated to
     * Meta's current ones below before the call).
     */
    static final String REFERENCE_DEFAULT_FIELDS = "ad_creation_time,ad_creative_body,ad_creative_link_caption,"
            + "ad_creative_link_description,ad_creative_link_title,ad_delivery_start_time,ad_delivery_stop_time,"
            + "ad_snapshot_url,currency,demographic_distribution,funding_entity,impressions,page_id,page_name,"
            + "publisher_platform,region_distribution,spend";
    /** Singular field names older clients (and the reference server's default) still send, and their successors. */
    private static final Map<String, String> RENAMED_FIELDS = Map.of(
            "ad_creative_body", "ad_creative_bodies",
            "ad_creative_link_caption", "ad_creative_link_captions",
            "ad_creative_link_description", "ad_creative_link_descriptions",
            "ad_creative_link_title", "ad_creative_link_titles",
            "publisher_platform", "publisher_platforms",
            "region_distribution", "delivery_by_region",
            "funding_entity", "bylines");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,80}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PAGE_ID = Pattern.compile("[0-9]{1,30}");
    private static final int MAX_TERMS_LENGTH = 100;
    private static final int MAX_PAGE_IDS = 10;

    private LibraryTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(searchAdsArchive());
    }

    public static ToolDefinition searchAdsArchive() {
        return ToolDefinition.builder("search_ads_archive", Toolset.LIBRARY)
                .title("Search the Ad Library")
                .hints(Hints.READ)
                // The Ad Library API needs no ads permission, only a user token of a person who confirmed their
                // identity with Meta.
                .scopes("public_profile")
                .description("""
                        Search Meta's public Ad Library for ads anyone runs (competitor and market research): by \
                        keywords and/or advertiser Page ids, in the countries the ads reached. Political and \
                        issue, housing, employment and financial ads also carry spend and impression ranges and \
                        who paid for them (bylines); other ads show text, links, platforms and delivery dates.
                        Returns {"data":[{"id","page_name","ad_creative_bodies","ad_creative_link_titles",\
                        "ad_delivery_start_time","ad_snapshot_url","publisher_platforms",…}],"paging",\
                        "next_cursor"}; pass next_cursor as 'after' for more.""")
                .input(Common.paging(Schema.object()
                        .string("search_terms", "Keywords to find in the ad text, e.g. 'running shoes' (at most "
                                + MAX_TERMS_LENGTH + " characters). Required unless search_page_ids is given.")
                        .stringArray("ad_reached_countries", "ISO country codes the ads were delivered in, e.g. "
                                + "['US'] or ['DE','FR'], or ['ALL'].").required()
                        .string("ad_type", "Which ads: ALL (default) or one special category.").oneOf(AD_TYPES)
                        .defaultValue("ALL"), "ads", 25)
                        .stringOrStringArray("fields", "Ad Library fields to return instead of the default set, "
                                + "e.g. 'id,page_name,ad_snapshot_url,ad_creative_bodies'. Older singular names "
                                + "(ad_creative_body, funding_entity, region_distribution …) are translated to "
                                + "Meta's current ones; the ad's id is always included with the default.")
                        .defaultValue(REFERENCE_DEFAULT_FIELDS)
                        .stringArray("search_page_ids", "Only ads of these Facebook Page ids (at most "
                                + MAX_PAGE_IDS + ").")
                        .string("ad_active_status", "ACTIVE (default at Meta), INACTIVE or ALL.")
                        .oneOf(ACTIVE_STATUSES))
                .handler(LibraryTools::search)
                .build();
    }

    private static CallToolResult search(ToolCall call) {
        Args args = call.args();
        List<String> countries = args.stringList("ad_reached_countries").orElse(List.of()).stream()
                .map(c -> c.toUpperCase(Locale.ROOT)).distinct().toList();
        if (countries.isEmpty()) {
            throw ToolException.invalid("Missing required argument 'ad_reached_countries': pass the countries the "
                    + "ads reached as ISO codes, e.g. [\"US\"] (or [\"ALL\"]).");
        }
        for (String country : countries) {
            if (!country.equals("ALL") && !COUNTRY.matcher(country).matches()) {
                throw Args.invalid("ad_reached_countries", "must hold two-letter ISO country codes such as 'US' "
                        + "or 'GB' (or 'ALL'); got '" + Args.shorten(country, 20) + "'");
            }
        }
        String adType = args.string("ad_type", "ALL").toUpperCase(Locale.ROOT);
        if (adType.equals("CREDIT_ADS")) {
            adType = "FINANCIAL_PRODUCTS_AND_SERVICES_ADS";
        }
        if (!AD_TYPES.contains(adType)) {
            throw Args.invalid("ad_type", "must be one of " + String.join(", ", AD_TYPES));
        }
        List<String> pageIds = args.stringList("search_page_ids").orElse(List.of());
        for (String pageId : pageIds) {
            if (!PAGE_ID.matcher(pageId).matches()) {
                throw Args.invalid("search_page_ids", "must hold numeric Facebook Page ids");
            }
        }
        if (pageIds.size() > MAX_PAGE_IDS) {
            throw Args.invalid("search_page_ids", "may name at most " + MAX_PAGE_IDS + " pages");
        }
        String terms = args.string("search_terms").orElse(null);
        if (terms == null && pageIds.isEmpty()) {
            throw ToolException.invalid("Missing search: pass search_terms (keywords such as 'running shoes') or "
                    + "search_page_ids (the advertisers' Facebook Page ids), or both.");
        }
        if (terms != null && terms.length() > MAX_TERMS_LENGTH) {
            throw Args.invalid("search_terms", "must be at most " + MAX_TERMS_LENGTH + " characters");
        }
        int limit = args.integer("limit", 25, 1, Common.MAX_LIMIT);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", fields(args));
        params.put("ad_reached_countries", Json.write(countries));
        params.put("ad_type", adType);
        if (terms != null) {
            params.put("search_terms", terms);
        }
        if (!pageIds.isEmpty()) {
            params.put("search_page_ids", Json.write(pageIds));
        }
        args.enumValue("ad_active_status", ACTIVE_STATUSES).ifPresent(status -> params.put("ad_active_status",
                status));
        params.put("limit", Integer.toString(limit));
        args.string("after").ifPresent(cursor -> params.put("after", cursor));
        return ToolResults.success(Common.listResult(call.graph().page("ads_archive", params)));
    }

    /** The requested fields with legacy singular names translated; the default set when none are given. */
    private static String fields(Args args) {
        List<String> requested = args.stringList("fields").orElse(List.of());
        Set<String> fields = new LinkedHashSet<>();
        if (requested.isEmpty()) {
            // The ad's own id first, so that results can be told apart and fetched again.
            fields.add("id");
            requested = List.of(REFERENCE_DEFAULT_FIELDS.split(","));
        }
        for (String raw : requested) {
            String field = raw.toLowerCase(Locale.ROOT);
            if (!FIELD_NAME.matcher(field).matches()) {
                throw Args.invalid("fields", "must be Ad Library field names such as id, page_name, "
                        + "ad_snapshot_url, ad_creative_bodies (comma-separated)");
            }
            fields.add(RENAMED_FIELDS.getOrDefault(field, field));
        }
        return String.join(",", fields);
    }
}
