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
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code audiences}: list custom audiences, create customer-list, rule-based and lookalike audiences. */
public final class AudienceTools {

    static final String LIST_FIELDS = "id,name,subtype,description,approximate_count_lower_bound,"
            + "approximate_count_upper_bound,customer_file_source,data_source,delivery_status,operation_status,"
            + "retention_days,lookalike_spec,time_created,time_updated";
    static final List<String> SUBTYPES = List.of("CUSTOM", "WEBSITE", "ENGAGEMENT", "VIDEO", "APP",
            "OFFLINE_CONVERSION");
    /** Subtypes whose members are defined by a rule over events (pixel, page, video, app). */
    static final List<String> RULE_SUBTYPES = List.of("WEBSITE", "ENGAGEMENT", "VIDEO", "APP", "OFFLINE_CONVERSION");
    static final List<String> FILE_SOURCES = List.of("USER_PROVIDED_ONLY", "PARTNER_PROVIDED_ONLY",
            "BOTH_USER_AND_PARTNER_PROVIDED");
    private static final BigDecimal MIN_RATIO = new BigDecimal("0.01");
    private static final BigDecimal MAX_RATIO = new BigDecimal("0.20");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,6})?");
    private static final int MAX_NAME_LENGTH = 200;
    private static final String WEBSITE_RULE_EXAMPLE = "{\"inclusions\":{\"operator\":\"or\",\"rules\":[{"
            + "\"event_sources\":[{\"id\":\"<pixel_id>\",\"type\":\"pixel\"}],\"retention_seconds\":2592000,"
            + "\"filter\":{\"operator\":\"and\",\"filters\":[{\"field\":\"event\",\"operator\":\"eq\","
            + "\"value\":\"PageView\"}]}}]}}";

    private AudienceTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(listCustomAudiences(), createCustomAudience(), createLookalikeAudience());
    }

    // ---------------------------------------------------------------- list_custom_audiences

    public static ToolDefinition listCustomAudiences() {
        return ToolDefinition.builder("list_custom_audiences", Toolset.AUDIENCES)
                .title("List custom audiences")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the custom and lookalike audiences of an ad account, newest first: customer lists \
                        (CUSTOM), website visitors (WEBSITE), engagement, video viewers and lookalikes. Use an id \
                        in an ad set's targeting as {"custom_audiences":[{"id":"…"}]} or as the origin of \
                        create_lookalike_audience.
                        Returns {"data":[{"id","name","subtype","approximate_count_lower_bound",\
                        "approximate_count_upper_bound","delivery_status","lookalike_spec",…}],"paging",\
                        "next_cursor"}. Sizes are ranges because Meta does not reveal exact counts.""")
                .input(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "audiences", 25))
                .handler(call -> {
                    Args args = call.args();
                    String accountId = args.accountId("account_id");
                    Map<String, String> params = Common.listParams(args, LIST_FIELDS, 25);
                    return ToolResults.success(Common.listResult(call.graph().page(accountId + "/customaudiences",
                            params)));
                })
                .build();
    }

    // ---------------------------------------------------------------- create_custom_audience

    public static ToolDefinition createCustomAudience() {
        return ToolDefinition.builder("create_custom_audience", Toolset.AUDIENCES)
                .title("Create a custom audience")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create a custom audience in an ad account. subtype CUSTOM is a customer list: it needs \
                        customer_file_source (where the data comes from; USER_PROVIDED_ONLY when the advertiser \
                        collected it) and is empty until hashed customer data is added to it. WEBSITE, \
                        ENGAGEMENT, VIDEO, APP and OFFLINE_CONVERSION audiences are defined by a rule over events, \
                        e.g. website visitors of the last 30 days:
                        """ + WEBSITE_RULE_EXAMPLE + """

                        For lookalikes use create_lookalike_audience. Creating an audience spends nothing.
                        Use validate_only=true to check without creating. Returns {"id","name","subtype",\
                        "account_id"}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("name", "Audience name (shown in Ads Manager).").required()
                        .string("subtype", "Kind of audience: CUSTOM (customer list) or a rule-based one.")
                        .oneOf(SUBTYPES).required()
                        .string("description", "Optional description.")
                        .string("customer_file_source", "Required for CUSTOM: who collected the customer data.")
                        .oneOf(FILE_SOURCES)
                        .objectProperty("rule", "Required for WEBSITE, ENGAGEMENT, VIDEO, APP and "
                                + "OFFLINE_CONVERSION: the membership rule as a JSON object with 'inclusions' "
                                + "(Meta's rule format).")))
                .handler(AudienceTools::createAudience)
                .build();
    }

    private static CallToolResult createAudience(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        String name = Common.name(args, "audience", true, MAX_NAME_LENGTH).orElseThrow();
        String subtype = args.requireString("subtype", "pass one of " + String.join(", ", SUBTYPES))
                .toUpperCase(Locale.ROOT);
        if (subtype.equals("LOOKALIKE")) {
            throw Args.invalid("subtype", "LOOKALIKE audiences are made with create_lookalike_audience "
                    + "(origin_audience_id, country, ratio)");
        }
        if (subtype.equals("IG_BUSINESS")) {
            throw Args.invalid("subtype", "IG_BUSINESS was removed in Graph API v25.0; use ENGAGEMENT with a rule "
                    + "whose event_sources are of type ig_business");
        }
        if (!SUBTYPES.contains(subtype)) {
            throw Args.invalid("subtype", "must be one of " + String.join(", ", SUBTYPES) + "; got '"
                    + Args.shorten(subtype, 40) + "'");
        }
        Optional<String> source = args.enumValue("customer_file_source", FILE_SOURCES);
        Optional<JsonNode> rule = args.json("rule");
        if (subtype.equals("CUSTOM")) {
            if (source.isEmpty()) {
                throw ToolException.invalid("A CUSTOM (customer list) audience needs customer_file_source: "
                        + "USER_PROVIDED_ONLY if the advertiser collected the data from its customers, "
                        + "PARTNER_PROVIDED_ONLY if a partner did, BOTH_USER_AND_PARTNER_PROVIDED for both.");
            }
            if (rule.isPresent()) {
                throw Args.invalid("rule", "does not apply to a CUSTOM (customer list) audience; drop it, or use "
                        + "subtype WEBSITE/ENGAGEMENT for a rule-based audience");
            }
        } else {
            if (source.isPresent()) {
                throw Args.invalid("customer_file_source", "only applies to CUSTOM (customer list) audiences; "
                        + "drop it for " + subtype);
            }
            JsonNode value = rule.orElseThrow(() -> ToolException.invalid("A " + subtype + " audience needs a "
                    + "rule that says who belongs to it, e.g. website visitors of the last 30 days: "
                    + WEBSITE_RULE_EXAMPLE));
            if (!value.isObject() || !value.has("inclusions")) {
                throw Args.invalid("rule", "must be a JSON object with 'inclusions', e.g. " + WEBSITE_RULE_EXAMPLE);
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("subtype", subtype);
        args.string("description").ifPresent(description -> params.put("description", description));
        source.ifPresent(value -> params.put("customer_file_source", value));
        rule.ifPresent(value -> params.put("rule", Json.write(value)));
        return created(call, accountId, params, Json.object()
                .put("name", name).put("subtype", subtype));
    }

    // ---------------------------------------------------------------- create_lookalike_audience

    public static ToolDefinition createLookalikeAudience() {
        return ToolDefinition.builder("create_lookalike_audience", Toolset.AUDIENCES)
                .title("Create a lookalike audience")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create a lookalike audience: people in one country who resemble the members of an \
                        existing custom audience of the same ad account (origin_audience_id, from \
                        list_custom_audiences). ratio is the share of the country's people to include, as a \
                        fraction from 0.01 (1%, most similar) to 0.20 (20%, broadest); default 0.01. Meta fills \
                        it within a few hours; the origin needs at least about 100 people in that country.
                        Use validate_only=true to check without creating. Returns {"id","name","subtype":\
                        "LOOKALIKE","lookalike_spec","account_id"}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("origin_audience_id", "Id of the custom audience to model (same ad account).")
                        .required()
                        .string("country", "Two-letter ISO country code to find people in, e.g. 'US', 'DE'.")
                        .required()
                        .number("ratio", "Share of the country's people, 0.01 (1%) to 0.20 (20%). Default 0.01.")
                        .defaultValue(0.01)
                        .string("name", "Audience name. Default: 'Lookalike (<country>, <percent>%) of "
                                + "<origin_audience_id>'.")))
                .handler(AudienceTools::createLookalike)
                .build();
    }

    private static CallToolResult createLookalike(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        String originId = args.objectId("origin_audience_id", "custom audience");
        String country = args.requireString("country", "pass a two-letter country code such as 'US'")
                .toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw Args.invalid("country", "must be a two-letter ISO country code such as 'US' or 'DE'; got '"
                    + Args.shorten(country, 20) + "'");
        }
        BigDecimal ratio = ratio(args);
        String percent = ratio.movePointRight(2).stripTrailingZeros().toPlainString();
        String name = Common.name(args, "audience", false, MAX_NAME_LENGTH)
                .orElse("Lookalike (" + country + ", " + percent + "%) of " + originId);
        ObjectNode spec = Json.object();
        spec.put("type", "custom_ratio");
        spec.put("country", country);
        spec.put("ratio", ratio);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("subtype", "LOOKALIKE");
        params.put("origin_audience_id", originId);
        params.put("lookalike_spec", Json.write(spec));
        return created(call, accountId, params, Json.object()
                .put("name", name).put("subtype", "LOOKALIKE").put("origin_audience_id", originId)
                .set("lookalike_spec", spec));
    }

    /** 0.01-0.20; a percentage such as 5 or "5%" is refused with the fraction spelled out. */
    private static BigDecimal ratio(Args args) {
        String expected = "a number from 0.01 to 0.20";
        Optional<String> percent = args.string("ratio").filter(text -> text.endsWith("%"));
        if (percent.isPresent()) {
            String number = percent.get().substring(0, percent.get().length() - 1).strip();
            if (!PERCENT.matcher(number).matches()) {
                throw Args.invalid("ratio", "must be " + expected + "; got '" + Args.shorten(percent.get(), 20) + "'");
            }
            throw percentage(new BigDecimal(number));
        }
        BigDecimal value = args.decimal("ratio", expected).orElse(MIN_RATIO);
        if (value.compareTo(BigDecimal.ONE) >= 0) {
            throw percentage(value);
        }
        if (value.compareTo(MIN_RATIO) < 0 || value.compareTo(MAX_RATIO) > 0) {
            throw Args.invalid("ratio", "must be from 0.01 (1%) to 0.20 (20%); got " + value.toPlainString());
        }
        return value;
    }

    private static ToolException percentage(BigDecimal percent) {
        BigDecimal fraction = percent.movePointLeft(2).stripTrailingZeros();
        return Args.invalid("ratio", "is a fraction of the country, not a percentage: for " + percent
                .stripTrailingZeros().toPlainString() + "% pass " + fraction.toPlainString()
                + " (allowed 0.01 to 0.20)");
    }

    /** POSTs the audience (or validates it) and answers the id with what was sent. */
    private static CallToolResult created(ToolCall call, String accountId, Map<String, String> params,
                                          ObjectNode summary) {
        boolean validateOnly = Common.applyValidateOnly(call.args(), params);
        ObjectNode result = Common.copyOf(call.graph().post(accountId + "/customaudiences", params));
        result.setAll(summary);
        result.put("account_id", accountId);
        return ToolResults.success(validateOnly
                ? Common.dryRun(result, "Dry run: Meta accepted the audience; nothing was created.") : result);
    }
}
