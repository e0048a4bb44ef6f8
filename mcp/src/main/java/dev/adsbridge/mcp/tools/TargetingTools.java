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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Toolset {@code targeting}: Meta's targeting search ({@code GET /search}: interests, suggestions, behaviours,
 * demographics, locations) and audience size estimates for a targeting spec.
 */
public final class TargetingTools {

    static final List<String> DEMOGRAPHIC_CLASSES = List.of("demographics", "life_events", "industries", "income",
            "family_statuses", "user_device", "user_os");
    static final List<String> LOCATION_TYPES = List.of("country", "region", "city", "zip", "geo_market",
            "electoral_district", "country_group", "neighborhood", "subcity", "medium_geo_area", "large_geo_area",
            "small_geo_area", "metro_area", "place");
    static final List<String> OPTIMIZATION_GOALS = List.of("REACH", "IMPRESSIONS", "LINK_CLICKS",
            "LANDING_PAGE_VIEWS", "OFFSITE_CONVERSIONS", "VALUE", "LEAD_GENERATION", "QUALITY_LEAD",
            "POST_ENGAGEMENT", "PAGE_LIKES", "EVENT_RESPONSES", "THRUPLAY", "APP_INSTALLS", "CONVERSATIONS",
            "AD_RECALL_LIFT", "ENGAGED_USERS", "QUALITY_CALL", "VISIT_INSTAGRAM_PROFILE", "DERIVED_EVENTS",
            "APP_INSTALLS_AND_OFFSITE_CONVERSIONS", "IN_APP_VALUE", "MESSAGING_PURCHASE_CONVERSION", "SUBSCRIBERS",
            "REMINDERS_SET", "MEANINGFUL_CALL_ATTEMPT", "PROFILE_VISIT", "PROFILE_AND_PAGE_ENGAGEMENT", "NONE");
    /** geo_locations members that name a place; one of them must be non-empty. */
    static final List<String> GEO_MEMBERS = List.of("countries", "regions", "cities", "zips", "geo_markets",
            "country_groups", "electoral_districts", "custom_locations", "places", "neighborhoods", "subcities",
            "medium_geo_areas", "large_geo_areas", "small_geo_areas", "metro_areas");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int MAX_QUERY_LENGTH = 200;
    private static final int MAX_INTERESTS = 50;
    private static final int MAX_SEARCH_LIMIT = 1000;
    private static final String RESTRICTED_ACCOUNT = "Optional ad account (act_…); only needed for tokens "
            + "restricted to one ad account.";

    private TargetingTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(searchInterests(), getInterestSuggestions(), searchBehaviors(), searchDemographics(),
                searchGeoLocations(), estimateAudienceSize());
    }

    // ---------------------------------------------------------------- search_interests

    public static ToolDefinition searchInterests() {
        return ToolDefinition.builder("search_interests", Toolset.TARGETING)
                .title("Search targeting interests")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Search Meta's interest targeting options by keyword (e.g. 'hiking', 'coffee', 'yoga'). \
                        Use the returned ids in an ad set's targeting: {"flexible_spec":[{"interests":\
                        [{"id":"…","name":"…"}]}]} (or estimate_audience_size first).
                        Returns {"data":[{"id","name","audience_size_lower_bound","audience_size_upper_bound",\
                        "path","topic"}],"paging","next_cursor"}; audience sizes are monthly people worldwide.""")
                .input(searchPaging(Schema.object()
                        .string("query", "Keyword to search for, e.g. 'baseball'.").required(), "interests", 25)
                        .string("account_id", RESTRICTED_ACCOUNT))
                .handler(call -> {
                    Args args = call.args();
                    Map<String, String> params = searchParams(args, "adinterest", 25);
                    params.put("q", query(args));
                    return ToolResults.success(Common.listResult(call.graph().page("search", params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- get_interest_suggestions

    public static ToolDefinition getInterestSuggestions() {
        return ToolDefinition.builder("get_interest_suggestions", Toolset.TARGETING)
                .title("Suggest related interests")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get interests related to ones you already have, to widen an audience. Pass interest \
                        NAMES exactly as search_interests returns them (e.g. ["Hiking","Camping"]).
                        Returns {"data":[{"id","name","audience_size_lower_bound","audience_size_upper_bound",\
                        "path"}],"paging","next_cursor"}, the given interests excluded.""")
                .input(searchPaging(Schema.object()
                        .stringArray("interest_list", "Interest names to find related interests for, e.g. "
                                + "[\"Basketball\",\"Soccer\"].").required(), "suggestions", 25)
                        .string("account_id", RESTRICTED_ACCOUNT))
                .handler(call -> {
                    Args args = call.args();
                    List<String> interests = interestNames(args, "interest_list").orElseThrow(() ->
                            ToolException.invalid("Missing required argument 'interest_list': pass interest names "
                                    + "such as [\"Hiking\",\"Camping\"] (search_interests finds them)."));
                    Map<String, String> params = searchParams(args, "adinterestsuggestion", 25);
                    params.put("interest_list", Json.write(interests));
                    return ToolResults.success(Common.listResult(call.graph().page("search", params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- search_behaviors

    public static ToolDefinition searchBehaviors() {
        return ToolDefinition.builder("search_behaviors", Toolset.TARGETING)
                .title("List behavior targeting options")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List Meta's behavior targeting options (purchase behaviour, travel, device usage, \
                        expats, …). Use an id in targeting as {"flexible_spec":[{"behaviors":[{"id":"…"}]}]}.
                        Returns {"data":[{"id","name","type","path","description","audience_size_lower_bound",\
                        "audience_size_upper_bound"}],"paging","next_cursor"}.""")
                .input(searchPaging(Schema.object(), "options", 50)
                        .string("account_id", RESTRICTED_ACCOUNT))
                .handler(call -> {
                    Map<String, String> params = searchParams(call.args(), "adTargetingCategory", 50);
                    params.put("class", "behaviors");
                    return ToolResults.success(Common.listResult(call.graph().page("search", params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- search_demographics

    public static ToolDefinition searchDemographics() {
        return ToolDefinition.builder("search_demographics", Toolset.TARGETING)
                .title("List demographic targeting options")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List Meta's demographic targeting options of one class: demographics (education, \
                        relationship, …), life_events, industries, income, family_statuses, user_device, user_os. \
                        Use an id in targeting under the member named by its 'type' (e.g. {"life_events":\
                        [{"id":"…"}]} inside a flexible_spec group).
                        Returns {"data":[{"id","name","type","path","audience_size_lower_bound",\
                        "audience_size_upper_bound"}],"paging","next_cursor"}.""")
                .input(searchPaging(Schema.object()
                        .string("demographic_class", "Which class to list. Default 'demographics'.")
                        .oneOf(DEMOGRAPHIC_CLASSES).defaultValue("demographics"), "options", 50))
                .handler(call -> {
                    Args args = call.args();
                    String type = args.string("demographic_class", "demographics").toLowerCase(Locale.ROOT);
                    if (!DEMOGRAPHIC_CLASSES.contains(type)) {
                        throw Args.invalid("demographic_class", "must be one of " + String.join(", ",
                                DEMOGRAPHIC_CLASSES) + (type.equals("behaviors") ? " (use search_behaviors for "
                                + "behaviors)" : type.equals("interests") ? " (use search_interests for interests)"
                                : ""));
                    }
                    Map<String, String> params = searchParams(args, "adTargetingCategory", 50);
                    params.put("class", type);
                    return ToolResults.success(Common.listResult(call.graph().page("search", params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- search_geo_locations

    public static ToolDefinition searchGeoLocations() {
        return ToolDefinition.builder("search_geo_locations", Toolset.TARGETING)
                .title("Search targeting locations")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Search locations to target by name: countries, regions (states), cities, zip codes, \
                        DMAs (geo_market), electoral districts. Use the returned 'key' in targeting.geo_locations: \
                        countries take the country code ({"countries":["US"]}); regions, cities and zips take \
                        objects ({"cities":[{"key":"2420379","radius":10,"distance_unit":"mile"}]}).
                        Returns {"data":[{"key","name","type","country_code","country_name","region",\
                        "region_id","supports_region","supports_city"}],"paging","next_cursor"}.""")
                .input(searchPaging(Schema.object()
                        .string("query", "Place name to search, e.g. 'New York', 'California', 'Japan'.").required()
                        .stringArray("location_types", "Only these kinds of places, e.g. ['city'] or "
                                + "['region','city']. Default: all kinds.").oneOf(LOCATION_TYPES), "locations", 25))
                .handler(call -> {
                    Args args = call.args();
                    String query = query(args);
                    List<String> types = args.enumList("location_types", LOCATION_TYPES, Args.Case.LOWER)
                            .orElse(List.of()).stream().distinct().toList();
                    Map<String, String> params = searchParams(args, "adgeolocation", 25);
                    params.put("q", query);
                    if (!types.isEmpty()) {
                        params.put("location_types", Json.write(types));
                    }
                    return ToolResults.success(Common.listResult(call.graph().page("search", params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- estimate_audience_size

    public static ToolDefinition estimateAudienceSize() {
        return ToolDefinition.builder("estimate_audience_size", Toolset.TARGETING)
                .title("Estimate audience size")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Estimate how many people a targeting spec reaches, before creating an ad set with it \
                        (Meta's delivery estimate for the ad account). targeting uses the ad set's targeting \
                        format and must include geo_locations, e.g. {"geo_locations":{"countries":["US"]},\
                        "age_min":25,"age_max":45,"genders":[2],"flexible_spec":[{"interests":[{"id":"…"}]}]}.
                        Returns {"estimated_audience_size" (midpoint), "estimate_details":{"users_lower_bound",\
                        "users_upper_bound","estimate_dau","estimate_ready","daily_outcomes_curve"}, \
                        "account_id","targeting","optimization_goal"}. Narrower targeting gives fewer people.
                        Compatibility: without targeting, interest_list / interest_fbid_list check whether \
                        interests are valid (Meta's adinterestvalid search).""")
                .input(Schema.object()
                        .stringOrInteger("account_id", Common.ACCOUNT_ID)
                        .objectProperty("targeting", "Targeting spec as for an ad set; geo_locations is required.")
                        .string("optimization_goal", "What the ad set would optimise for; shapes the daily "
                                + "outcomes curve. Default REACH.").oneOf(OPTIMIZATION_GOALS).defaultValue("REACH")
                        .stringArray("interest_list", "Compatibility (without targeting): interest names to "
                                + "validate.")
                        .stringArray("interest_fbid_list", "Compatibility (without targeting): interest ids to "
                                + "validate."))
                .handler(TargetingTools::estimate)
                .build();
    }

    private static CallToolResult estimate(ToolCall call) {
        Args args = call.args();
        Optional<JsonNode> targeting = args.json("targeting");
        Optional<List<String>> names = interestNames(args, "interest_list");
        Optional<List<String>> ids = args.stringList("interest_fbid_list").filter(list -> !list.isEmpty());
        if (targeting.isEmpty() && (names.isPresent() || ids.isPresent())) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("type", "adinterestvalid");
            names.ifPresent(list -> params.put("interest_list", Json.write(list)));
            ids.ifPresent(list -> {
                for (String id : list) {
                    if (!id.matches("[0-9]{1,30}")) {
                        throw Args.invalid("interest_fbid_list", "must hold numeric interest ids; got '"
                                + Args.shorten(id) + "'");
                    }
                }
                params.put("interest_fbid_list", Json.write(list));
            });
            return ToolResults.success(Common.listResult(call.graph().page("search", params)));
        }
        String accountId = args.accountId("account_id");
        JsonNode spec = targeting.orElseThrow(() -> ToolException.invalid("Missing required argument 'targeting': "
                + "pass a targeting spec such as {\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":18,"
                + "\"age_max\":65}."));
        ObjectNode checked = checkedTargeting(spec);
        String goal = args.enumValue("optimization_goal", OPTIMIZATION_GOALS).orElse("REACH");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("targeting_spec", Json.write(checked));
        params.put("optimization_goal", goal);
        JsonNode answer = call.graph().get(accountId + "/delivery_estimate", params);
        JsonNode estimate = answer.path("data").isArray() ? answer.path("data").path(0) : answer.path("data");
        ObjectNode result = Json.object();
        result.put("success", true);
        result.put("account_id", accountId);
        result.set("targeting", checked);
        result.put("optimization_goal", goal);
        long lower = estimate.path("estimate_mau_lower_bound").asLong(estimate.path("users_lower_bound").asLong(0));
        long upper = estimate.path("estimate_mau_upper_bound").asLong(estimate.path("users_upper_bound").asLong(0));
        result.put("estimated_audience_size", (lower + upper) / 2);
        ObjectNode details = result.putObject("estimate_details");
        details.put("users_lower_bound", lower);
        details.put("users_upper_bound", upper);
        for (String field : List.of("estimate_dau", "estimate_ready", "daily_outcomes_curve",
                "targeting_optimization_types")) {
            if (estimate.has(field)) {
                details.set(field, estimate.get(field));
            }
        }
        return ToolResults.success(result);
    }

    /**
     * The spec must be an object with at least one location; ages 13-65 in order; genders 1 (men) / 2 (women);
     * country codes as upper-case ISO-2.
     */
    private static ObjectNode checkedTargeting(JsonNode spec) {
        if (!spec.isObject()) {
            throw Args.invalid("targeting", "must be a JSON object such as {\"geo_locations\":{\"countries\":"
                    + "[\"US\"]}}");
        }
        ObjectNode copy = (ObjectNode) spec.deepCopy();
        JsonNode geo = copy.get("geo_locations");
        boolean located = geo != null && geo.isObject()
                && GEO_MEMBERS.stream().anyMatch(member -> geo.path(member).isArray() && !geo.path(member).isEmpty());
        if (!located) {
            throw Args.invalid("targeting", "needs geo_locations with at least one place, e.g. "
                    + "\"geo_locations\":{\"countries\":[\"US\"]} (search_geo_locations finds region, city and zip "
                    + "keys)");
        }
        JsonNode countries = geo.path("countries");
        if (countries.isArray()) {
            List<String> codes = new ArrayList<>();
            for (JsonNode country : countries) {
                String code = country.asString("").strip().toUpperCase(Locale.ROOT);
                if (!COUNTRY.matcher(code).matches()) {
                    throw Args.invalid("targeting", "geo_locations.countries must hold two-letter ISO country "
                            + "codes such as \"US\" or \"DE\"; got '" + country.asString("") + "'");
                }
                codes.add(code);
            }
            ((ObjectNode) geo).set("countries", Common.strings(codes));
        }
        int ageMin = age(copy, "age_min", 18);
        int ageMax = age(copy, "age_max", 65);
        if (ageMin > ageMax) {
            throw Args.invalid("targeting", "has age_min " + ageMin + " above age_max " + ageMax);
        }
        JsonNode genders = copy.get("genders");
        if (genders != null) {
            if (!genders.isArray()) {
                throw Args.invalid("targeting", "genders must be a list: [1] men, [2] women, omit for all");
            }
            for (JsonNode gender : genders) {
                if (!gender.canConvertToInt() || gender.asInt() < 1 || gender.asInt() > 2) {
                    throw Args.invalid("targeting", "genders may hold only 1 (men) and 2 (women); omit it for all");
                }
            }
        }
        return copy;
    }

    private static int age(ObjectNode spec, String name, int defaultValue) {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        String text = value.asString("").strip();
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 13 || Integer.parseInt(text) > 65) {
            throw Args.invalid("targeting", name + " must be a whole number of years from 13 to 65 (65 means 65+); "
                    + "got " + value);
        }
        return Integer.parseInt(text);
    }

    // ---------------------------------------------------------------- helpers

    /** The {@code limit} and {@code after} arguments of a search ({@code items}: what it lists). */
    private static Schema searchPaging(Schema schema, String items, int defaultLimit) {
        return schema
                .integer("limit", "Most " + items + " to return (1-" + MAX_SEARCH_LIMIT + "). Default " + defaultLimit
                        + ".").defaultValue(defaultLimit).min(1).max(MAX_SEARCH_LIMIT)
                .string("after", Common.AFTER);
    }

    /** {@code type}, {@code limit} and {@code after} of a search, plus the account_id account-restricted tokens need. */
    private static Map<String, String> searchParams(Args args, String type, int defaultLimit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", type);
        params.put("limit", Integer.toString(args.integer("limit", defaultLimit, 1, MAX_SEARCH_LIMIT)));
        args.optionalAccountId("account_id").ifPresent(id -> params.put("account_id", id));
        args.string("after").ifPresent(cursor -> params.put("after", cursor));
        return params;
    }

    private static String query(Args args) {
        String query = args.requireString("query", "pass a search term, e.g. 'hiking'");
        if (query.length() > MAX_QUERY_LENGTH) {
            throw Args.invalid("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return query;
    }

    private static Optional<List<String>> interestNames(Args args, String name) {
        Optional<List<String>> names = args.stringList(name).filter(list -> !list.isEmpty());
        names.ifPresent(list -> {
            if (list.size() > MAX_INTERESTS) {
                throw Args.invalid(name, "names " + list.size() + " interests; pass at most " + MAX_INTERESTS);
            }
        });
        return names;
    }
}
