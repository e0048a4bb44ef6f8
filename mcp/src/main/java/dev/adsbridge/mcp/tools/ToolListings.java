package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolHandler;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import dev.adsbridge.meta.Currencies;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the tools are listed to an agent and how list results are shaped for one, kept apart from the tools' own code:
 * <ul>
 *   <li>a short description per tool of the default toolsets (the tool's own long description stays in its code and
 *       in mcp/TOOLS.md), and argument descriptions cut to their first sentence, so that {@code tools/list} with the
 *       default toolsets stays within about 25 KB;</li>
 *   <li>an {@code outputSchema} for every tool that answers JSON (list tools: {@code data} rows, {@code next_cursor},
 *       {@code summary}; others an object), so clients can check and use {@code structuredContent};</li>
 *   <li>{@code compact} (default true) and {@code fields} on every list tool: compact rows drop nulls, empty values
 *       and Meta's paging URLs (next_cursor stays), give money as {@code "250.00 USD"} (the account's currency) and
 *       leave out list bookkeeping such as created_time ({@link #COMPACT_OMITS}, unless fields are named);
 *       {@code compact=false} answers Meta's rows as before (minor-unit strings). A list tool without Graph
 *       {@code fields} of its own keeps only the named fields of each row.</li>
 * </ul>
 */
public final class ToolListings {

    /** Short descriptions of the tools listed by default: what, when, units; the outputSchema says what comes back. */
    static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("get_ad_accounts", "List the ad accounts the token can reach (start here: other tools need "
                    + "an account_id). Money with its currency; account_status 1 = active, 2 = disabled."),
            Map.entry("get_account_info", "One ad account: status, currency, time zone, amount spent, balance, spend "
                    + "cap, business, dsa_required. Read the currency before setting budgets."),
            Map.entry("get_account_pages", "Facebook Pages usable with an ad account (a creative needs a page_id), "
                    + "with their connected Instagram account. account_id 'me': the user's own Pages."),
            Map.entry("get_ad_pixels", "Meta pixels of an ad account. Conversion ad sets need one in promoted_object "
                    + "{pixel_id, custom_event_type}: pick one that fired recently."),
            Map.entry("get_instagram_accounts", "Instagram accounts an ad account can advertise as (pass the id as "
                    + "instagram_user_id to create_ad_creative)."),
            Map.entry("search_pages_by_name", "Find Pages usable with an ad account by part of their name."),
            Map.entry("get_campaigns", "List an account's campaigns, newest first, optionally by effective status or "
                    + "objective. Archived and deleted ones only with status_filter."),
            Map.entry("get_campaign_details", "One campaign by id: objective, status, budgets, bid strategy, spend "
                    + "cap, schedule, promoted object, delivery issues."),
            Map.entry("create_campaign", "Create a campaign (PAUSED unless status=ACTIVE). Budget: daily_budget or "
                    + "lifetime_budget on the campaign, or none to budget each ad set. Money in minor units: "
                    + "5000 = 50.00 USD. validate_only=true for a dry run."),
            Map.entry("update_campaign", "Change a campaign: name, status (DELETED is final), budget (minor units), "
                    + "bid strategy, spend cap. Only given arguments change; about 4 budget changes an hour. "
                    + "validate_only=true for a dry run."),
            Map.entry("create_budget_schedule", "Schedule a temporary budget increase of a campaign with a campaign "
                    + "budget: ABSOLUTE (minor units) or MULTIPLIER (percent) between time_start and time_end."),
            Map.entry("get_objects", "Read up to 50 objects by id in one Graph call, with Graph fields and field "
                    + "expansion; metadata=true tells each id's type."),
            Map.entry("get_adsets", "List ad sets of an account or of one campaign, newest first: budget, bidding, "
                    + "optimization goal, targeting. Archived and deleted ones only with status_filter."),
            Map.entry("get_adset_details", "One ad set by id: budgets, bidding, optimization goal, billing event, "
                    + "targeting, schedule, promoted object, learning stage, campaign."),
            Map.entry("create_adset", "Create an ad set in a campaign (PAUSED unless status=ACTIVE): targeting "
                    + "(geo_locations and targeting_automation.advantage_audience required), schedule, budget "
                    + "(minor units, unless the campaign has one), optimization goal, bidding. validate_only=true "
                    + "for a dry run."),
            Map.entry("update_adset", "Change an ad set: name, status, budget (minor units), schedule, targeting "
                    + "(replaces the old spec), optimization, bidding, frequency cap. Only given arguments change. "
                    + "validate_only=true for a dry run."),
            Map.entry("get_ads", "List ads of an account, ad set or campaign, newest first, with their creative and "
                    + "effective status (why an ad does not deliver)."),
            Map.entry("get_ad_details", "One ad by id: status, ad set, campaign, creative (text, image, link, call to "
                    + "action), tracking, review feedback, preview link."),
            Map.entry("create_ad", "Create an ad from an existing creative in an ad set (PAUSED unless "
                    + "status=ACTIVE). validate_only=true for a dry run."),
            Map.entry("update_ad", "Change an ad: name, status (DELETED is final), creative (how to change its text "
                    + "or image), tracking specs. validate_only=true for a dry run."),
            Map.entry("get_insights", "Performance of an account, campaign, ad set or ad: spend, impressions, "
                    + "clicks, CTR, CPC, CPM, results and cost per result, purchase value and ROAS, with totals in "
                    + "summary (fields for others), breakdowns and time slices. level picks the rows; time_range a "
                    + "preset or {since, until}."),
            Map.entry("create_insights_report", "Start an async insights report for queries too large for "
                    + "get_insights (same arguments); then poll get_insights_report."),
            Map.entry("get_insights_report", "Progress of an async insights report, then its rows (paged)."),
            Map.entry("get_login_link", "The console's link where the user connects (or reconnects) Facebook Ads: "
                    + "use it when a tool fails with category auth. {login_url, instructions}."));

    /**
     * Argument descriptions said the same way everywhere; an empty one is left out (the name and type say it all;
     * {@code access_token} is explained once, in the server's instructions).
     */
    static final Map<String, String> ARGUMENTS = Map.of(
            "access_token", "",
            "account_id", "act_123 or 123.",
            "after", "next_cursor of the previous answer.",
            "validate_only", "Dry run: Meta checks, nothing changes.",
            "compact", "false: Meta's rows as sent (minor units, every field).",
            "fields", "Row fields instead of the defaults.",
            "campaign_id", "",
            "adset_id", "",
            "ad_id", "");

    private static final String GRAPH_FIELDS = "Graph fields instead of the defaults (field expansion works).";

    /**
     * Tools listed in another toolset than their code's, to keep the default list within 25 KB: async reports are
     * opt-in; search and fetch (for chat clients' retrieval) are their own toolset; the Pages and Instagram accounts
     * a creative speaks as go with the creatives; budget schedules (rare) with the operations.
     */
    static final Map<String, Toolset> TOOLSETS = Map.of("create_insights_report", Toolset.REPORTS,
            "get_insights_report", Toolset.REPORTS, "search", Toolset.RETRIEVAL, "fetch", Toolset.RETRIEVAL,
            "get_account_pages", Toolset.CREATIVES, "get_instagram_accounts", Toolset.CREATIVES,
            "search_pages_by_name", Toolset.CREATIVES, "create_budget_schedule", Toolset.OPERATIONS);

    /** Tools whose answer is a list: {"data":[rows], "next_cursor"?, "summary"?}. */
    static final Set<String> LISTS = Set.of("get_ad_accounts", "get_account_pages", "get_ad_pixels",
            "get_instagram_accounts", "search_pages_by_name", "get_campaigns", "get_adsets", "get_ads",
            "get_insights", "get_ad_creatives", "get_ad_images", "list_custom_audiences", "search_interests",
            "get_interest_suggestions", "search_behaviors", "search_demographics", "search_geo_locations",
            "get_activity_log", "search_ads_archive");

    /** Tools that answer an image for the model to look at (no structuredContent, so no outputSchema). */
    static final Set<String> IMAGES = Set.of("get_ad_image");

    /**
     * Fields a compact row leaves out when the call named no fields: bookkeeping an agent rarely needs in a list
     * (the details tools and {@code fields} still give them).
     */
    static final Map<String, Set<String>> COMPACT_OMITS = Map.of(
            "get_campaigns", Set.of("created_time", "updated_time", "buying_type", "start_time", "stop_time"),
            "get_adsets", Set.of("created_time", "updated_time"),
            "get_ads", Set.of("created_time", "updated_time"));

    /**
     * The Graph fields a list tool asks Meta for by default: its field list without the {@link #COMPACT_OMITS} when
     * the rows will be compact (Meta's answer for 25 campaigns shrinks from about 10 to 6.5 KB, and nothing asked
     * for is thrown away). The answer is the same: those fields were dropped from every compact row.
     */
    static String defaultFields(ToolCall call, String fields) {
        return defaultFields(call.toolName(), call.args(), fields);
    }

    static String defaultFields(String tool, Args args, String fields) {
        Set<String> omit = COMPACT_OMITS.get(tool);
        if (omit == null || args.has("fields") || !args.bool("compact", true)) {
            return fields;
        }
        return String.join(",", Arrays.stream(fields.split(",")).filter(field -> !omit.contains(field)).toList());
    }

    /** Money fields Meta sends as strings in the currency's minor units. */
    static final Set<String> MONEY = Set.of("daily_budget", "lifetime_budget", "budget_remaining", "spend_cap",
            "bid_amount", "amount_spent", "balance", "min_daily_budget", "daily_spend_limit", "lifetime_spend_cap");

    private static final Pattern FIRST_SENTENCE = Pattern.compile("(.+?(?<!e\\.g)(?<!i\\.e)(?<!vs)[.!?])(\\s|$)",
            Pattern.DOTALL);
    /** Longer argument descriptions are cut at a word before this many characters (the tool files keep the rest). */
    private static final int MAX_ARGUMENT_DESCRIPTION = 52;

    /** Account id → currency code; an ad account's currency never changes. Filled only from a caller's own answers. */
    private static final Map<String, String> CURRENCIES = new ConcurrentHashMap<>();
    private static final int MAX_CURRENCIES = 10_000;

    private ToolListings() {
    }

    /** The tools as listed and run: short descriptions, output schemas, compact lists. */
    public static List<ToolDefinition> apply(List<ToolDefinition> tools) {
        List<ToolDefinition> listed = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            listed.add(apply(tool));
        }
        return List.copyOf(listed);
    }

    static ToolDefinition apply(ToolDefinition tool) {
        String name = tool.name();
        boolean list = LISTS.contains(name);
        Map<String, Object> input = copy(tool.tool().inputSchema());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) input.computeIfAbsent("properties",
                k -> new LinkedHashMap<>());
        boolean nativeFields = properties.containsKey("fields");
        boolean nativeCompact = properties.containsKey("compact");
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getValue() instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> schema = (Map<String, Object>) map;
                dropLongEnums(schema);
                schema.computeIfPresent("description", (k, d) -> {
                    String shortened = shorten(property.getKey(), (String) d, nativeFields);
                    return shortened.isEmpty() ? null : shortened;
                });
            }
        }
        ToolHandler handler = tool.handler();
        if (list) {
            if (!nativeCompact) {
                properties.put("compact", property("boolean", ARGUMENTS.get("compact"), true));
            }
            if (!nativeFields) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("type", "array");
                fields.put("items", Map.of("type", "string"));
                fields.put("description", ARGUMENTS.get("fields"));
                properties.put("fields", fields);
            }
            ToolHandler original = handler;
            handler = call -> shapeList(call, original.handle(call), !nativeCompact, !nativeFields);
        }
        String description = SHORT.getOrDefault(name, tool.tool().description());
        return tool.relisted(TOOLSETS.getOrDefault(name, tool.toolset()), description, input, IMAGES.contains(name) ? null : outputSchema(list), handler);
    }

    /** The output schema of a list tool or of any other JSON-answering tool. */
    static Map<String, Object> outputSchema(boolean list) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (list) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("data", Map.of("type", "array", "items", Map.of("type", "object")));
            properties.put("next_cursor", Map.of("type", "string"));
            properties.put("summary", Map.of("type", "object"));
            schema.put("properties", properties);
        }
        return schema;
    }

    private static String shorten(String argument, String description, boolean nativeFields) {
        if (argument.equals("fields") && nativeFields) {
            return GRAPH_FIELDS;
        }
        String fixed = ARGUMENTS.get(argument);
        if (fixed != null && !argument.equals("fields") && !argument.equals("compact")) {
            return fixed;
        }
        Matcher first = FIRST_SENTENCE.matcher(description.strip());
        String cut = first.lookingAt() ? first.group(1) : description.strip();
        if (cut.length() <= MAX_ARGUMENT_DESCRIPTION) {
            return cut;
        }
        int space = cut.lastIndexOf(' ', MAX_ARGUMENT_DESCRIPTION - 1);
        String head = cut.substring(0, space > MAX_ARGUMENT_DESCRIPTION / 2 ? space : MAX_ARGUMENT_DESCRIPTION - 1);
        return head.replaceAll("[\\s,;:(\\-–]+$", "") + "…";
    }

    /**
     * Enumerations longer than {@value #MAX_LISTED_ENUM} values (date presets, action breakdowns) are left out of the
     * listing, nested ones too: the description names the common values, and the tool still checks what it gets.
     */
    @SuppressWarnings("unchecked")
    private static void dropLongEnums(Object schema) {
        if (schema instanceof Map<?, ?> map) {
            if (map.get("enum") instanceof List<?> values && values.size() > MAX_LISTED_ENUM) {
                ((Map<String, Object>) map).remove("enum");
            }
            map.values().forEach(ToolListings::dropLongEnums);
        } else if (schema instanceof List<?> list) {
            list.forEach(ToolListings::dropLongEnums);
        }
    }

    private static final int MAX_LISTED_ENUM = 12;

    private static Map<String, Object> property(String type, String description, Object defaultValue) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        property.put("description", description);
        property.put("default", defaultValue);
        return property;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> nested
                ? copy((Map<String, Object>) nested) : value));
        return copy;
    }

    // ---------------------------------------------------------------- compact lists

    private static CallToolResult shapeList(ToolCall call, CallToolResult result, boolean compactHere,
                                            boolean projectHere) {
        if (Boolean.TRUE.equals(result.isError()) || !(result.structuredContent() instanceof ObjectNode answer)) {
            return result;
        }
        Args args = call.args();
        boolean compact = compactHere && args.bool("compact", true);
        Optional<List<String>> fields = projectHere ? args.textList("fields") : Optional.empty();
        if (!compact && (fields.isEmpty() || fields.get().isEmpty())) {
            return result;
        }
        // The handler's result is dropped for the reshaped one: its tree is reshaped in place (never shared).
        ObjectNode shaped = answer;
        if (compact) {
            String currency = accountCurrency(call, shaped);
            compactList(shaped, currency);
            Set<String> omit = COMPACT_OMITS.get(call.toolName());
            if (omit != null && !args.has("fields") && shaped.get("data") instanceof ArrayNode rows) {
                rows.forEach(row -> {
                    if (row instanceof ObjectNode object) {
                        object.remove(omit);
                        // effective_status says something only where it differs from status (a paused parent,
                        // issues, review): the same word twice is left out.
                        if (object.path("effective_status").equals(object.path("status"))) {
                            object.remove("effective_status");
                        }
                    }
                });
            }
        }
        if (fields.isPresent() && !fields.get().isEmpty()) {
            project(shaped, fields.get());
        }
        CallToolResult reshaped = ToolResults.success(shaped);
        return new CallToolResult(reshaped.content(), reshaped.isError(), reshaped.structuredContent(),
                result.meta());
    }

    /** Drops nulls, empty values and paging URLs; money fields in major units with the currency code. */
    static void compactList(ObjectNode answer, String accountCurrency) {
        if (answer.has("next_cursor") || !answer.path("paging").path("next").isString()) {
            answer.remove("paging");
        }
        JsonNode data = answer.get("data");
        if (data instanceof ArrayNode rows) {
            for (JsonNode row : rows) {
                if (row instanceof ObjectNode object) {
                    compactRow(object, accountCurrency);
                }
            }
        }
    }

    private static void compactRow(ObjectNode row, String accountCurrency) {
        String currency = row.path("currency").isString() ? row.get("currency").asString()
                : row.path("account_currency").isString() ? row.get("account_currency").asString() : accountCurrency;
        List<String> names = new ArrayList<>(row.propertyNames());
        for (String name : names) {
            JsonNode value = row.get(name);
            if (value == null || value.isNull() || (value.isString() && value.asString().isEmpty())
                    || (value.isContainer() && value.isEmpty())) {
                row.remove(name);
                continue;
            }
            if (name.endsWith("_formatted") && MONEY.contains(name.substring(0, name.length() - 10))) {
                row.remove(name);
                continue;
            }
            if (MONEY.contains(name) && value.isString() && currency != null) {
                String raw = value.asString().strip();
                if (raw.equals("0") && !name.equals("balance") && !name.equals("amount_spent")) {
                    row.remove(name);
                    continue;
                }
                String money = Currencies.plain(raw, currency);
                if (money != null) {
                    row.put(name, money);
                }
            } else if (value instanceof ObjectNode nested && !name.equals("targeting")) {
                compactNested(nested);
            }
        }
    }

    /** Nested objects (paging of an expanded edge, creative{…}) lose their nulls and paging URLs too. */
    private static void compactNested(ObjectNode node) {
        node.remove("paging");
        List<String> names = new ArrayList<>(node.propertyNames());
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                node.remove(name);
            }
        }
    }

    private static void project(ObjectNode answer, List<String> fields) {
        Set<String> keep = new LinkedHashSet<>();
        for (String entry : fields) {
            for (String field : entry.split(",")) {
                if (!field.isBlank()) {
                    keep.add(field.strip());
                }
            }
        }
        JsonNode data = answer.get("data");
        if (data instanceof ArrayNode rows) {
            for (JsonNode row : rows) {
                if (row instanceof ObjectNode object) {
                    object.retain(keep);
                }
            }
        }
    }

    /**
     * The currency of the ad account a list belongs to ({@code account_id} argument), looked up once per account
     * with the caller's own token after the caller's list answer succeeded; null when the list names no account.
     */
    private static String accountCurrency(ToolCall call, ObjectNode answer) {
        JsonNode rows = answer.path("data");
        boolean hasMoney = false;
        for (JsonNode row : rows) {
            for (String name : MONEY) {
                if (row.has(name) && !row.has("currency") && !row.has("account_currency")) {
                    hasMoney = true;
                    break;
                }
            }
            if (hasMoney) {
                break;
            }
        }
        if (!hasMoney) {
            return null;
        }
        Optional<String> raw;
        try {
            raw = call.args().string("account_id");
        } catch (RuntimeException notText) {
            return null;
        }
        if (raw.isEmpty() || raw.get().isBlank() || raw.get().equals("me")) {
            return null;
        }
        String account = call.args().accountId("account_id");
        String known = CURRENCIES.get(account);
        if (known != null) {
            return known;
        }
        try {
            String currency = dev.adsbridge.mcp.inventory.Json.text(call.graph().get(account,
                    Map.of("fields", "currency")), "currency");
            if (currency != null) {
                if (CURRENCIES.size() >= MAX_CURRENCIES) {
                    CURRENCIES.clear();
                }
                CURRENCIES.put(account, currency);
            }
            return currency;
        } catch (RuntimeException unknown) {
            return null;
        }
    }
}
