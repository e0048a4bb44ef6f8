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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Toolset {@code operations}: duplicate campaigns, ad sets and ads with Meta's own {@code POST /{id}/copies} (no paid
 * proxy), and read the ad account's activity log.
 */
public final class OperationsTools {

    static final List<String> STATUS_OPTIONS = List.of("PAUSED", "ACTIVE", "INHERITED_FROM_SOURCE");
    static final String ACTIVITY_FIELDS = "event_time,event_type,translated_event_type,object_id,object_name,"
            + "object_type,actor_id,actor_name,application_id,application_name,date_time_in_timezone,extra_data";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final int MAX_SUFFIX_LENGTH = 100;

    /** What differs between the three duplicate tools. */
    private record Kind(String tool, String what, String idArgument, String childrenAlias, String targetAlias,
                        String targetParam, String targetWhat) {
    }

    private static final Kind CAMPAIGN = new Kind("duplicate_campaign", "campaign", "campaign_id", "include_ad_sets",
            null, null, null);
    private static final Kind AD_SET = new Kind("duplicate_adset", "ad set", "adset_id", "include_ads",
            "target_campaign_id", "campaign_id", "campaign");
    private static final Kind AD = new Kind("duplicate_ad", "ad", "ad_id", null, "target_adset_id", "adset_id",
            "ad set");

    private OperationsTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(duplicateCampaign(), duplicateAdset(), duplicateAd(), duplicateCreative(), getActivityLog());
    }

    // ---------------------------------------------------------------- duplicate_campaign / _adset / _ad

    public static ToolDefinition duplicateCampaign() {
        return ToolDefinition.builder(CAMPAIGN.tool(), Toolset.OPERATIONS)
                .title("Duplicate a campaign")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Copy a campaign with Meta's native copy (POST /{campaign_id}/copies), by default with its \
                        ad sets and ads (deep_copy=true), for A/B tests or a fresh start. The copy starts PAUSED \
                        unless status_option says otherwise, so it spends nothing until you activate it. \
                        rename_suffix is appended to the copied campaign's name (Meta's default suffix is \
                        " - Copy"). Meta copies at most 3 ad sets and ads in one deep copy; for bigger campaigns \
                        copy with deep_copy=false and then duplicate_adset each ad set.
                        Use validate_only=true for a dry run. Returns {"copied_campaign_id","ad_object_ids":\
                        [{"ad_object_type","source_id","copied_id"}],"source_id","status_option","deep_copy"}.""")
                .input(duplicateSchema(CAMPAIGN, Schema.object()
                        .string("campaign_id", "Id of the campaign to copy.").required()
                        .bool("deep_copy", "Also copy the campaign's ad sets and ads. Default true.")
                        .defaultValue(true)))
                .handler(call -> duplicate(call, CAMPAIGN))
                .build();
    }

    public static ToolDefinition duplicateAdset() {
        return ToolDefinition.builder(AD_SET.tool(), Toolset.OPERATIONS)
                .title("Duplicate an ad set")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Copy an ad set with Meta's native copy (POST /{adset_id}/copies), by default with its ads \
                        (deep_copy=true), into the same campaign or into target_campaign_id. The copy starts \
                        PAUSED unless status_option says otherwise. rename_suffix is appended to the copy's name. \
                        Meta copies at most 3 ads in one deep copy.
                        Use validate_only=true for a dry run. Returns {"copied_adset_id","ad_object_ids":[…],\
                        "source_id","status_option","deep_copy"}.""")
                .input(duplicateSchema(AD_SET, Schema.object()
                        .string("adset_id", "Id of the ad set to copy.").required()
                        .bool("deep_copy", "Also copy the ad set's ads. Default true.").defaultValue(true)
                        .string("target_campaign_id", "Put the copy into this campaign (same ad account). "
                                + "Default: the source's campaign.")))
                .handler(call -> duplicate(call, AD_SET))
                .build();
    }

    public static ToolDefinition duplicateAd() {
        return ToolDefinition.builder(AD.tool(), Toolset.OPERATIONS)
                .title("Duplicate an ad")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Copy an ad with Meta's native copy (POST /{ad_id}/copies) into the same ad set or into \
                        target_adset_id; the copy uses the same creative. It starts PAUSED unless status_option \
                        says otherwise; a copy goes through ad review again before it delivers. rename_suffix is \
                        appended to the copy's name.
                        Use validate_only=true for a dry run. Returns {"copied_ad_id","ad_object_ids":[…],\
                        "source_id","status_option"}.""")
                .input(duplicateSchema(AD, Schema.object()
                        .string("ad_id", "Id of the ad to copy.").required()
                        .string("target_adset_id", "Put the copy into this ad set (same ad account). Default: the "
                                + "source's ad set.")))
                .handler(call -> duplicate(call, AD))
                .build();
    }

    /** The arguments every duplicate tool takes after its own, plus the reference server's names as aliases. */
    private static Schema duplicateSchema(Kind kind, Schema schema) {
        schema.string("status_option", "Status of the copies: PAUSED (default), ACTIVE, or INHERITED_FROM_SOURCE.")
                .oneOf(STATUS_OPTIONS).defaultValue("PAUSED")
                .string("rename_suffix", "Text appended to the copy's name after a space, e.g. '- Test B' "
                        + "(no space before a suffix starting with '_' or '.'). Default: Meta's ' - Copy'.")
                .string("name_suffix", "Alias of rename_suffix (reference server name).")
                .string("new_status", "Alias of status_option (reference server name): PAUSED or ACTIVE.");
        if (kind.childrenAlias() != null) {
            schema.bool(kind.childrenAlias(), "Alias of deep_copy (reference server name).");
        }
        return Common.validateOnly(schema);
    }

    private static CallToolResult duplicate(ToolCall call, Kind kind) {
        Args args = call.args();
        String sourceId = args.objectId(kind.idArgument(), kind.what());
        String status = aliased(args, "status_option", "new_status", STATUS_OPTIONS).orElse("PAUSED");
        Optional<String> suffix = suffix(args);
        boolean deepCopy = false;
        if (kind.childrenAlias() != null) {
            Optional<Boolean> deep = args.bool("deep_copy");
            Optional<Boolean> alias = args.bool(kind.childrenAlias());
            if (deep.isPresent() && alias.isPresent() && !deep.get().equals(alias.get())) {
                throw ToolException.invalid("deep_copy=" + deep.get() + " contradicts " + kind.childrenAlias() + "="
                        + alias.get() + "; pass only deep_copy.");
            }
            deepCopy = deep.or(() -> alias).orElse(true);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (kind.childrenAlias() != null) {
            params.put("deep_copy", Boolean.toString(deepCopy));
        }
        params.put("status_option", status);
        suffix.ifPresent(value -> {
            ObjectNode rename = Json.object();
            rename.put("rename_suffix", value);
            params.put("rename_options", Json.write(rename));
        });
        if (kind.targetAlias() != null) {
            args.optionalObjectId(kind.targetAlias(), kind.targetWhat())
                    .ifPresent(target -> params.put(kind.targetParam(), target));
        }
        boolean validateOnly = Common.applyValidateOnly(args, params);
        ObjectNode result = Common.copyOf(call.graph().post(sourceId + "/copies", params));
        result.put("source_id", sourceId);
        result.put("status_option", status);
        if (kind.childrenAlias() != null) {
            result.put("deep_copy", deepCopy);
        }
        if (validateOnly) {
            Common.dryRun(result, "Dry run: Meta accepted the copy; nothing was created.");
        } else if (status.equals("PAUSED")) {
            result.put("note", "The copies are PAUSED: activate them with the update tools when ready.");
        } else {
            result.put("note", "The copies were made " + (status.equals("ACTIVE") ? "ACTIVE"
                    : "with the source's status (ACTIVE where the source is)") + ": once Meta has reviewed them they "
                    + "deliver and spend. Pause them with the update tools if that was not intended.");
        }
        return ToolResults.success(result);
    }

    /** The value of {@code name} or of its alias; both given with different values is a mistake. */
    private static Optional<String> aliased(Args args, String name, String alias, List<String> allowed) {
        Optional<String> value = args.enumValue(name, allowed);
        Optional<String> old = args.enumValue(alias, allowed);
        if (value.isPresent() && old.isPresent() && !value.get().equals(old.get())) {
            throw ToolException.invalid(name + "=" + value.get() + " contradicts " + alias + "=" + old.get()
                    + "; pass only " + name + ".");
        }
        return value.or(() -> old);
    }

    /**
     * The suffix as given, like the reference server appends it (" - Copy", " (v2)"). A suffix given without a leading
     * space gets one, as this tool's description promises ("- Test B" → " - Test B"), unless it starts with '_' or
     * '.' ("_v2").
     */
    private static Optional<String> suffix(Args args) {
        Optional<String> suffix = args.rawString("rename_suffix");
        Optional<String> alias = args.rawString("name_suffix");
        if (suffix.isPresent() && alias.isPresent() && !suffix.get().equals(alias.get())) {
            throw ToolException.invalid("rename_suffix and name_suffix differ; pass only rename_suffix.");
        }
        Optional<String> value = suffix.or(() -> alias);
        value.ifPresent(text -> {
            if (text.length() > MAX_SUFFIX_LENGTH) {
                throw Args.invalid("rename_suffix", "must be at most " + MAX_SUFFIX_LENGTH + " characters");
            }
        });
        return value.map(text -> Character.isWhitespace(text.charAt(0)) || text.startsWith("_")
                || text.startsWith(".") ? text : " " + text);
    }

    // ---------------------------------------------------------------- duplicate_creative

    static final String COPIED_CREATIVE_FIELDS = "id,name,account_id,object_story_spec,object_story_id,"
            + "asset_feed_spec,url_tags,degrees_of_freedom_spec";

    public static ToolDefinition duplicateCreative() {
        return ToolDefinition.builder("duplicate_creative", Toolset.OPERATIONS)
                .title("Duplicate a creative")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Copy an ad creative, optionally with new text, button or link, to test a variation: reads \
                        the creative and creates a new one in the same ad account from its content \
                        (POST /act_…/adcreatives, Meta's own API; Meta's /copies edge exists for campaigns, ad \
                        sets and ads only). new_primary_text, new_headline, new_description, new_cta_type and \
                        new_destination_url replace those parts of the copy; everything else (Page, image or \
                        video, url_tags, enhancements) stays. A creative spends nothing by itself: use it with \
                        create_ad or update_ad. A creative that promotes an existing post is copied as it is \
                        (its text cannot be replaced).
                        Use validate_only=true for a dry run. Returns {"success":true,"source_creative_id",\
                        "creative_id","name","changed":[…]}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("creative_id", "Id of the creative to copy (digits).").required()
                        .string("name_suffix", "Appended to the copy's name. Default ' - Copy'.")
                        .defaultValue(" - Copy")
                        .string("new_primary_text", "New primary text (the message above the image).")
                        .string("new_headline", "New headline.")
                        .string("new_description", "New link description.")
                        .string("new_cta_type", "New call-to-action button, e.g. SHOP_NOW, LEARN_MORE.")
                        .string("new_destination_url", "New destination URL (http or https).")))
                .handler(OperationsTools::duplicateCreativeNow)
                .build();
    }

    private static CallToolResult duplicateCreativeNow(ToolCall call) {
        Args args = call.args();
        String sourceId = args.objectId("creative_id", "creative");
        String suffix = args.rawString("name_suffix").orElse(" - Copy");
        if (suffix.length() > MAX_SUFFIX_LENGTH) {
            throw Args.invalid("name_suffix", "must be at most " + MAX_SUFFIX_LENGTH + " characters");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        args.string("new_primary_text").ifPresent(v -> changes.put("message", v));
        args.string("new_headline").ifPresent(v -> changes.put("headline", v));
        args.string("new_description").ifPresent(v -> changes.put("description", v));
        args.string("new_cta_type").map(OperationsTools::callToActionType).ifPresent(v -> changes.put("cta", v));
        args.string("new_destination_url").map(url -> CreativeTools.checkedUrl("new_destination_url", url))
                .ifPresent(v -> changes.put("link", v));

        JsonNode source = call.graph().get(sourceId, Map.of("fields", COPIED_CREATIVE_FIELDS));
        String accountDigits = Json.text(source, "account_id");
        if (accountDigits == null) {
            throw ToolException.invalid("Meta did not say which ad account creative " + sourceId + " belongs to, "
                    + "so it cannot be copied.");
        }
        String name = Optional.ofNullable(Json.text(source, "name")).orElse("Creative " + sourceId) + suffix;
        if (name.length() > Common.MAX_NAME_LENGTH) {
            name = name.substring(0, Common.MAX_NAME_LENGTH);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        JsonNode spec = source.get("object_story_spec");
        JsonNode feed = source.get("asset_feed_spec");
        String storyId = Json.text(source, "object_story_id");
        if ((spec == null || !spec.isObject()) && (feed == null || !feed.isObject())) {
            if (storyId == null) {
                throw ToolException.invalid("Creative " + sourceId + " has no content Meta lets us read "
                        + "(object_story_spec, asset_feed_spec or object_story_id), so it cannot be copied.");
            }
            if (!changes.isEmpty()) {
                throw ToolException.invalid("Creative " + sourceId + " promotes the existing post " + storyId
                        + ", whose text, button and link cannot be replaced; copy it without new_* arguments, or "
                        + "make a new creative with create_ad_creative.");
            }
            params.put("object_story_id", storyId);
        }
        if (spec != null && spec.isObject()) {
            ObjectNode copy = (ObjectNode) spec.deepCopy();
            applyToStory(copy, changes, feed != null && feed.isObject());
            params.put("object_story_spec", Json.write(copy));
        }
        if (feed != null && feed.isObject()) {
            ObjectNode copy = (ObjectNode) feed.deepCopy();
            applyToFeed(copy, changes);
            params.put("asset_feed_spec", Json.write(copy));
        }
        for (String field : List.of("url_tags", "degrees_of_freedom_spec")) {
            JsonNode value = source.get(field);
            if (value != null && !value.isNull()) {
                params.put(field, value.isString() ? value.asString() : Json.write(value));
            }
        }
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post("act_" + accountDigits + "/adcreatives", params);
        ObjectNode result = Json.object();
        result.put("success", true);
        result.put("source_creative_id", sourceId);
        result.put("account_id", "act_" + accountDigits);
        result.put("name", name);
        result.set("changed", Common.strings(List.copyOf(changes.keySet())));
        if (validateOnly) {
            return ToolResults.success(Common.dryRun(result, "Dry run: Meta accepted the copy; nothing was "
                    + "created."));
        }
        result.put("creative_id", Json.text(answer, "id"));
        result.put("note", "Use the copy with create_ad (new ad) or update_ad (swap it into an existing ad).");
        return ToolResults.success(result);
    }

    private static String callToActionType(String raw) {
        String type = raw.toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        if (!CreativeTools.CALL_TO_ACTION_TYPES.contains(type)) {
            throw Args.invalid("new_cta_type", "must be one of Meta's button types, e.g. "
                    + CreativeTools.COMMON_CALLS_TO_ACTION);
        }
        return type;
    }

    /** The new text, button and link in link_data or video_data (with a feed, only the link stays here). */
    private static void applyToStory(ObjectNode spec, Map<String, String> changes, boolean withFeed) {
        JsonNode link = spec.get("link_data");
        JsonNode video = spec.get("video_data");
        if (link instanceof ObjectNode linkData) {
            if (changes.containsKey("link")) {
                linkData.put("link", changes.get("link"));
            }
            if (withFeed) {
                return;
            }
            putIfChanged(linkData, "message", changes.get("message"));
            putIfChanged(linkData, "name", changes.get("headline"));
            putIfChanged(linkData, "description", changes.get("description"));
            applyToAction(linkData, changes, false);
        } else if (video instanceof ObjectNode videoData && !withFeed) {
            putIfChanged(videoData, "message", changes.get("message"));
            putIfChanged(videoData, "title", changes.get("headline"));
            putIfChanged(videoData, "link_description", changes.get("description"));
            applyToAction(videoData, changes, true);
        } else if (!withFeed && (changes.containsKey("message") || changes.containsKey("headline")
                || changes.containsKey("description") || changes.containsKey("cta"))) {
            throw ToolException.invalid("This creative's story has no link or video part whose text, button or "
                    + "link could be replaced; copy it without new_* arguments.");
        }
    }

    private static void applyToAction(ObjectNode data, Map<String, String> changes, boolean linkInAction) {
        if (!changes.containsKey("cta") && !(linkInAction && changes.containsKey("link"))) {
            return;
        }
        JsonNode existing = data.get("call_to_action");
        ObjectNode action = existing instanceof ObjectNode object ? object : data.putObject("call_to_action");
        if (changes.containsKey("cta")) {
            action.put("type", changes.get("cta"));
        }
        if (changes.containsKey("link") && (linkInAction || action.path("value").has("link"))) {
            JsonNode value = action.get("value");
            (value instanceof ObjectNode object ? object : action.putObject("value")).put("link", changes.get("link"));
        }
    }

    /** The new texts, button and link as the only variant of each (the copy tests one variation). */
    private static void applyToFeed(ObjectNode feed, Map<String, String> changes) {
        replaceTexts(feed, "bodies", changes.get("message"));
        replaceTexts(feed, "titles", changes.get("headline"));
        replaceTexts(feed, "descriptions", changes.get("description"));
        if (changes.containsKey("cta")) {
            feed.set("call_to_action_types", Common.strings(List.of(changes.get("cta"))));
        }
        if (changes.containsKey("link")) {
            feed.putArray("link_urls").addObject().put("website_url", changes.get("link"));
        }
    }

    private static void replaceTexts(ObjectNode feed, String field, String text) {
        if (text != null) {
            feed.putArray(field).addObject().put("text", text);
        }
    }

    private static void putIfChanged(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    // ---------------------------------------------------------------- get_activity_log

    public static ToolDefinition getActivityLog() {
        return ToolDefinition.builder("get_activity_log", Toolset.OPERATIONS)
                .title("Get the account activity log")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Read an ad account's activity log, newest first: who created, paused, renamed or changed \
                        the budget or targeting of which campaign, ad set, ad or audience, when, and through which \
                        app. Use it to explain a change in performance ("what changed last week?") or to audit \
                        edits. since/until limit the period: a date (YYYY-MM-DD, in the account's time zone; until \
                        includes the whole day), an ISO-8601 date-time or Unix seconds.
                        Returns {"data":[{"event_time","event_type","translated_event_type","object_id",\
                        "object_name","object_type","actor_name","application_name","extra_data"}],"paging",\
                        "next_cursor"}; extra_data (old and new values) is parsed from Meta's JSON text.""")
                .input(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("since", "Oldest event to include: YYYY-MM-DD, ISO-8601 date-time or Unix seconds.")
                        .string("until", "Newest event to include: YYYY-MM-DD (whole day), ISO-8601 date-time or "
                                + "Unix seconds."), "events", 25))
                .handler(OperationsTools::activityLog)
                .build();
    }

    private static CallToolResult activityLog(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Map<String, String> params = Common.listParams(args, ACTIVITY_FIELDS, 25);
        Optional<String> since = bound(args, "since");
        Optional<String> until = bound(args, "until");
        if (since.isPresent() && until.isPresent() && approximateEpoch(since.get(), false)
                > approximateEpoch(until.get(), true)) {
            throw ToolException.invalid("since (" + since.get() + ") is after until (" + until.get() + "); since is "
                    + "the oldest event to include.");
        }
        since.ifPresent(value -> params.put("since", value));
        until.ifPresent(value -> params.put("until", value));
        return ToolResults.success(Common.listResult(call.graph().page(accountId + "/activities", params),
                OperationsTools::withParsedExtraData));
    }

    /** Meta sends an event's extra_data (old and new values) as JSON text; the model gets it as JSON. */
    private static ObjectNode withParsedExtraData(JsonNode event) {
        ObjectNode copy = Common.copyOf(event);
        JsonNode extra = copy.get("extra_data");
        if (extra != null && extra.isString()) {
            JsonNode parsed = Json.parseOrNull(extra.asString());
            if (parsed != null && parsed.isContainer()) {
                copy.set("extra_data", parsed);
            }
        }
        return copy;
    }

    /** A date stays a date (Meta reads it in the account's time zone); anything else becomes Unix seconds. */
    private static Optional<String> bound(Args args, String name) {
        Optional<String> text = args.string(name);
        if (text.isPresent() && DATE.matcher(text.get()).matches()) {
            try {
                LocalDate.parse(text.get());
            } catch (DateTimeParseException e) {
                throw Args.invalid(name, "is not a real date; use YYYY-MM-DD, e.g. 2026-11-01");
            }
            return text;
        }
        return args.epochSeconds(name).stream().boxed().findFirst().map(Object::toString);
    }

    // Dates are compared at UTC midnight (start of since, end of until); close enough to catch reversed bounds.
    private static long approximateEpoch(String value, boolean endOfDay) {
        if (DATE.matcher(value).matches()) {
            long start = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            return endOfDay ? start + 86_399 : start;
        }
        return Long.parseLong(value);
    }
}
