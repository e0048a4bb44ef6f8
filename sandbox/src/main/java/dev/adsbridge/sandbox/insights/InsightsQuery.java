package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.http.ListParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An insights request, parsed and validated with Meta's errors: what {@code GET …/insights} and
 * {@code POST …/insights} accept. Dates are resolved against the ad account's "today".
 *
 * @param ranges       the requested ranges (one for date_preset / time_range, several for time_ranges); empty
 *                     when the range is {@code data_maximum}, which depends on the objects queried
 * @param summaryFields fields of the summary row ({@code summary=true} / {@code default_summary=true}: all
 *                     requested fields), or null for no summary
 */
record InsightsQuery(List<String> fields, Level level, String datePreset, List<DayRange> ranges,
                     boolean explicitRanges, TimeIncrement increment, List<Breakdown> breakdowns,
                     List<String> actionBreakdowns, List<String> attributionWindows, List<InsightsFilter> filters,
                     List<SortKey> sort, List<String> summaryFields, LocalDate reachCutoff) {

    /** Breakdown rows that start more than 13 months back carry no reach (nor frequency, cpp), as on Meta. */
    static final int REACH_WITH_BREAKDOWNS_MONTHS = 13;

    /** Whether a row starting on {@code since} may show reach and the fields computed from it. */
    boolean showsReach(LocalDate since) {
        if (breakdowns.stream().anyMatch(Breakdown::hourly)) {
            return false;
        }
        return breakdowns.isEmpty() || !since.isBefore(reachCutoff);
    }

    /** The fields rows carry when {@code fields} is absent (plus date_start and date_stop, always present). */
    static final List<String> DEFAULT_FIELDS = List.of("impressions", "spend");

    static final List<String> ACTION_BREAKDOWNS = List.of("action_canvas_component_name", "action_carousel_card_id",
            "action_carousel_card_name", "action_destination", "action_device", "action_reaction", "action_target_id",
            "action_type", "action_video_sound", "action_video_type", "conversion_destination", "matched_persona_id",
            "matched_persona_name", "signal_source_bucket", "standard_event_content_type");

    static final List<String> ATTRIBUTION_WINDOWS = List.of("1d_click", "7d_click", "28d_click", "1d_view", "1d_ev",
            "default", "dda", "skan_click", "skan_view");

    /** View-through windows Meta stopped reporting on 2026-01-12. */
    static final Set<String> REMOVED_WINDOWS = Set.of("7d_view", "28d_view", "7d_view_all_conversions",
            "28d_view_all_conversions", "7d_view_first_conversion", "28d_view_first_conversion");

    /** The breakdowns the sandbox computes. */
    static final List<String> MODELLED = java.util.Arrays.stream(Breakdown.values()).map(b -> b.graphName).toList();

    record SortKey(String field, boolean descending) {
    }

    boolean hasBreakdowns() {
        return !breakdowns.isEmpty();
    }

    /** The breakdowns that divide delivery down an audience tree (all but frequency_value). */
    List<Breakdown> deliveryBreakdowns() {
        return breakdowns.stream().filter(Breakdown::splitsDelivery).toList();
    }

    /** Rows by how often their people saw the ads (breakdowns=frequency_value). */
    boolean byFrequency() {
        return breakdowns.contains(Breakdown.FREQUENCY_VALUE);
    }

    boolean splitsActions(ActionBreakdown breakdown) {
        return actionBreakdowns.contains(breakdown.graphName);
    }

    /** Action lists split by the device of the action: rows keep per-device parts. */
    boolean actionsByDevice() {
        return splitsActions(ActionBreakdown.DEVICE);
    }

    /** Action lists split by something of each ad (its Page, its carousel cards): rows keep per-ad parts. */
    boolean actionsByAd() {
        return splitsActions(ActionBreakdown.TARGET_ID) || splitsActions(ActionBreakdown.DESTINATION)
                || splitsActions(ActionBreakdown.CAROUSEL_CARD_ID) || splitsActions(ActionBreakdown.CAROUSEL_CARD_NAME);
    }

    /** The action breakdowns the query asks for that split entries (all but action_type). */
    List<ActionBreakdown> entrySplits() {
        List<ActionBreakdown> out = new ArrayList<>();
        for (String name : actionBreakdowns) {
            ActionBreakdown.byName(name).filter(b -> b != ActionBreakdown.TYPE).ifPresent(out::add);
        }
        return out;
    }

    boolean isDataMaximum() {
        return ranges.isEmpty();
    }

    /** The slices rows are computed for, given the resolved ranges. */
    List<DayRange> slices(List<DayRange> resolvedRanges) {
        if (explicitRanges && resolvedRanges.size() > 1) {
            return resolvedRanges;
        }
        List<DayRange> slices = new ArrayList<>();
        for (DayRange range : resolvedRanges) {
            slices.addAll(increment.slices(range));
        }
        return slices;
    }

    /**
     * @param ownLevel level of the object the edge hangs from (the default level)
     * @param today    today in the ad account's time zone
     */
    static InsightsQuery parse(Map<String, String> params, Level ownLevel, LocalDate today) {
        List<String> fields = parseFields(params.get("fields"));
        Level level = ownLevel;
        String levelParam = trimmed(params.get("level"));
        if (levelParam != null) {
            level = Level.byName(levelParam).orElseThrow(() -> GraphErrors.invalidParameter(
                    "level must be one of the following values: ad, adset, campaign, account"));
        }

        String preset = trimmed(params.get("date_preset"));
        if (preset != null) {
            DatePresets.validate(preset);
        }
        List<DayRange> ranges = new ArrayList<>();
        boolean explicit = false;
        String timeRanges = trimmed(params.get("time_ranges"));
        DayRange timeRange = parseTimeRange(params);
        if (timeRanges != null) {
            JsonNode list = json("time_ranges", timeRanges);
            if (!list.isArray() || list.isEmpty()) {
                throw GraphErrors.invalidParameter("Param time_ranges must be a non-empty array of "
                        + "{\"since\",\"until\"} objects");
            }
            int i = 0;
            for (JsonNode item : list) {
                ranges.add(range("time_ranges[" + i + "]", item.path("since").asString(""),
                        item.path("until").asString("")));
                i++;
            }
            explicit = true;
        } else if (timeRange != null) {
            ranges.add(timeRange);
            explicit = true;
        } else {
            String effective = preset == null ? DatePresets.DEFAULT : preset;
            if (!"data_maximum".equals(effective)) {
                ranges.add(DatePresets.resolve(effective, today, null));
            }
            preset = effective;
        }
        if (explicit) {
            for (DayRange range : ranges) {
                checkRetention(range, today);
            }
        }

        TimeIncrement increment = TimeIncrement.parse(trimmed(params.get("time_increment")));
        List<String> actionBreakdowns = list("action_breakdowns", params.get("action_breakdowns"));
        for (int i = 0; i < actionBreakdowns.size(); i++) {
            if (!ACTION_BREAKDOWNS.contains(actionBreakdowns.get(i))) {
                throw GraphErrors.invalidParameter("action_breakdowns[" + i + "] must be one of the following "
                        + "values: " + String.join(", ", ACTION_BREAKDOWNS));
            }
        }
        if (actionBreakdowns.isEmpty()) {
            actionBreakdowns = List.of("action_type");
        }
        List<Breakdown> breakdowns = parseBreakdowns(list("breakdowns", params.get("breakdowns")), actionBreakdowns);

        List<String> windows = list("action_attribution_windows", params.get("action_attribution_windows"));
        for (int i = 0; i < windows.size(); i++) {
            String window = windows.get(i);
            if (REMOVED_WINDOWS.contains(window)) {
                throw GraphErrors.invalidParameter("action_attribution_windows[" + i + "]: the " + window
                        + " attribution window was removed on 2026-01-12 and is no longer available in the Ads "
                        + "Insights API. Use one of: " + String.join(", ", ATTRIBUTION_WINDOWS));
            }
            if (!ATTRIBUTION_WINDOWS.contains(window)) {
                throw GraphErrors.invalidParameter("action_attribution_windows[" + i + "] must be one of the "
                        + "following values: " + String.join(", ", ATTRIBUTION_WINDOWS));
            }
        }

        List<InsightsFilter> filters = List.of();
        String filtering = trimmed(params.get("filtering"));
        if (filtering != null) {
            filters = InsightsFilter.parse(json("filtering", filtering));
        }

        List<SortKey> sort = new ArrayList<>();
        for (String entry : list("sort", params.get("sort"))) {
            int cut = entry.lastIndexOf('_');
            String direction = cut < 0 ? "" : entry.substring(cut + 1);
            String field = cut < 0 ? entry : entry.substring(0, cut);
            if (!("ascending".equals(direction) || "descending".equals(direction))
                    || !InsightsFields.NUMERIC.contains(field)) {
                throw GraphErrors.invalidParameter("sort must name a numeric insights field followed by "
                        + "_ascending or _descending, e.g. spend_descending (got " + entry + ")");
            }
            sort.add(new SortKey(field, "descending".equals(direction)));
        }

        List<String> summaryFields = null;
        String summary = trimmed(params.get("summary"));
        if (summary != null && !"false".equalsIgnoreCase(summary)) {
            summaryFields = "true".equalsIgnoreCase(summary) ? fields : parseFields(
                    summary.startsWith("[") ? String.join(",", list("summary", summary)) : summary);
        }
        if (summaryFields == null && "true".equalsIgnoreCase(trimmed(params.get("default_summary")))) {
            summaryFields = fields;
        }
        return new InsightsQuery(fields, level, preset, List.copyOf(ranges), explicit, increment, breakdowns,
                actionBreakdowns, windows, filters, List.copyOf(sort), summaryFields,
                today.minusMonths(REACH_WITH_BREAKDOWNS_MONTHS));
    }

    private static List<String> parseFields(String raw) {
        List<FieldSpec> specs = FieldSpec.parse(raw);
        if (specs.isEmpty()) {
            return DEFAULT_FIELDS;
        }
        Set<String> names = new LinkedHashSet<>();
        for (FieldSpec spec : specs) {
            if (!InsightsFields.KNOWN.contains(spec.name())) {
                throw GraphErrors.nonexistingField(spec.name(), "AdsInsights");
            }
            names.add(spec.name());
        }
        return List.copyOf(names);
    }

    private static List<Breakdown> parseBreakdowns(List<String> names, List<String> actionBreakdowns) {
        List<Breakdown> breakdowns = new ArrayList<>();
        List<String> unmodelled = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!Breakdown.META_NAMES.contains(name)) {
                throw GraphErrors.invalidParameter("breakdowns[" + i + "] must be one of the following values: "
                        + String.join(", ", Breakdown.META_NAMES));
            }
            Breakdown breakdown = Breakdown.byName(name).orElse(null);
            if (breakdown == null) {
                unmodelled.add(name);
            } else if (!breakdowns.contains(breakdown)) {
                breakdowns.add(breakdown);
            }
        }
        if (!validCombination(breakdowns) || !validWithActions(breakdowns, actionBreakdowns)) {
            List<String> columns = new ArrayList<>(actionBreakdowns);
            columns.addAll(names);
            throw GraphErrors.invalidParameter("Current combination of data breakdown columns ("
                    + String.join(",", columns) + ") is invalid ");
        }
        // Breakdowns Meta offers that the sandbox does not compute (product_id, the asset breakdowns, …): say so,
        // rather than claim Meta would refuse them.
        if (!unmodelled.isEmpty()) {
            throw GraphErrors.invalidParameter("The sandbox does not model the breakdown" + (unmodelled.size() == 1
                    ? " " : "s ") + String.join(", ", unmodelled) + " (it computes " + String.join(", ", MODELLED)
                    + ")").blame("breakdowns");
        }
        return List.copyOf(breakdowns);
    }

    /**
     * Whether breakdowns combine (Insights API Breakdowns, "Combining breakdowns"): within one group only (age with
     * gender, country with region and dma, the placement ones together), platform_position only with
     * publisher_platform, one hourly breakdown at a time, frequency_value alone (it is used with reach only).
     */
    private static boolean validCombination(List<Breakdown> breakdowns) {
        if (breakdowns.isEmpty()) {
            return true;
        }
        if (breakdowns.contains(Breakdown.FREQUENCY_VALUE)) {
            return breakdowns.size() == 1;
        }
        Breakdown.Group group = breakdowns.get(0).group;
        for (Breakdown b : breakdowns) {
            if (b.group != group) {
                return false;
            }
        }
        return !(breakdowns.contains(Breakdown.PLATFORM_POSITION) && !breakdowns.contains(Breakdown.PUBLISHER_PLATFORM))
                && !(breakdowns.contains(Breakdown.HOURLY_ADVERTISER) && breakdowns.contains(Breakdown.HOURLY_AUDIENCE));
    }

    /** The breakdown sets Meta lists with an asterisk: they join action_target_id and action_destination. */
    private static final List<Set<Breakdown>> JOIN_TARGETS = List.of(Set.of(), Set.of(Breakdown.AGE),
            Set.of(Breakdown.GENDER), Set.of(Breakdown.AGE, Breakdown.GENDER), Set.of(Breakdown.COUNTRY),
            Set.of(Breakdown.REGION), Set.of(Breakdown.PUBLISHER_PLATFORM),
            Set.of(Breakdown.PUBLISHER_PLATFORM, Breakdown.IMPRESSION_DEVICE),
            Set.of(Breakdown.PUBLISHER_PLATFORM, Breakdown.PLATFORM_POSITION),
            Set.of(Breakdown.PUBLISHER_PLATFORM, Breakdown.PLATFORM_POSITION, Breakdown.IMPRESSION_DEVICE),
            Set.of(Breakdown.HOURLY_ADVERTISER), Set.of(Breakdown.HOURLY_AUDIENCE));

    /** The breakdowns Meta lists with the carousel card: alone, impression_device, country, age, gender. */
    private static final List<Set<Breakdown>> CAROUSEL_WITH = List.of(Set.of(), Set.of(Breakdown.IMPRESSION_DEVICE),
            Set.of(Breakdown.COUNTRY), Set.of(Breakdown.AGE), Set.of(Breakdown.GENDER),
            Set.of(Breakdown.AGE, Breakdown.GENDER));

    private static final Set<Breakdown> PLACEMENT = Set.of(Breakdown.PUBLISHER_PLATFORM, Breakdown.PLATFORM_POSITION,
            Breakdown.IMPRESSION_DEVICE);

    /**
     * Whether the action breakdowns combine with each other and with the breakdowns, by Meta's list of permutations
     * (see {@link ActionBreakdown}). action_type alone (the default) goes with every breakdown the sandbox computes;
     * an action breakdown Meta's list never names (action_canvas_component_name, conversion_destination,
     * matched_persona_*, signal_source_bucket, standard_event_content_type) forms no valid permutation.
     */
    private static boolean validWithActions(List<Breakdown> breakdowns, List<String> actionBreakdowns) {
        Set<ActionBreakdown.Kind> kinds = new LinkedHashSet<>();
        boolean targets = false;
        for (String name : actionBreakdowns) {
            ActionBreakdown action = ActionBreakdown.byName(name).orElse(null);
            if (action == null) {
                return false;
            }
            if (action.kind != ActionBreakdown.Kind.JOIN) {
                kinds.add(action.kind);
            } else if (action != ActionBreakdown.TYPE) {
                targets = true;
            }
        }
        Set<Breakdown> with = Set.copyOf(breakdowns);
        if (kinds.isEmpty()) {
            return !targets || JOIN_TARGETS.contains(with);
        }
        if (kinds.size() > 1) {
            return false;
        }
        return switch (kinds.iterator().next()) {
            case DEVICE -> PLACEMENT.containsAll(with);
            case CAROUSEL -> !targets && CAROUSEL_WITH.contains(with);
            case REACTION, VIDEO_TYPE, VIDEO_SOUND -> !targets && with.isEmpty();
            case JOIN -> true;
        };
    }

    private static DayRange parseTimeRange(Map<String, String> params) {
        String raw = trimmed(params.get("time_range"));
        String since = trimmed(params.get("time_range[since]"));
        String until = trimmed(params.get("time_range[until]"));
        if (raw != null) {
            JsonNode node = json("time_range", raw);
            since = node.path("since").asString("");
            until = node.path("until").asString("");
        } else if (since == null && until == null) {
            return null;
        }
        return range("time_range", since == null ? "" : since, until == null ? "" : until);
    }

    private static DayRange range(String name, String since, String until) {
        LocalDate from = date(name, "since", since);
        LocalDate to = date(name, "until", until);
        if (from.isAfter(to)) {
            throw GraphErrors.invalidParameter("Param " + name + " is invalid: since (" + since
                    + ") must not be after until (" + until + ")");
        }
        return new DayRange(from, to);
    }

    private static LocalDate date(String name, String part, String value) {
        if (value.isEmpty()) {
            throw GraphErrors.invalidParameter("Param " + name + " must contain both since and until dates");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw GraphErrors.invalidParameter("Param " + name + "[" + part + "] must be a date in the format "
                    + "YYYY-MM-DD");
        }
    }

    /** Insights keep 37 months: an older start is Meta's error 3018. */
    private static void checkRetention(DayRange range, LocalDate today) {
        if (range.since().isBefore(DatePresets.retentionStart(today))) {
            throw new GraphException(400, 3018, null, GraphErrors.OAUTH, "(#3018) The start date of the time "
                    + "range cannot be beyond 37 months from the current date", null, null, false);
        }
    }

    /** A list parameter as Meta takes them: a JSON array or comma-separated names. */
    private static List<String> list(String name, String raw) {
        return ListParams.parse(name, raw);
    }

    private static JsonNode json(String name, String raw) {
        try {
            return Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw GraphErrors.invalidParameter("Param " + name + " must be a valid JSON value");
        }
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        return t.isEmpty() ? null : t;
    }
}
