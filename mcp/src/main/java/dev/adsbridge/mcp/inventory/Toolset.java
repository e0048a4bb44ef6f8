package dev.adsbridge.mcp.inventory;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named group of tools that can be switched on or off as a whole ({@code --toolsets accounts,campaigns} on the
 * server, {@code X-MCP-Toolsets} or the path {@code /mcp/x/{toolsets}} per request). Every tool belongs to exactly one
 * toolset. The default toolsets (accounts, campaigns, adsets, ads, insights) keep {@code tools/list} small for an
 * agent's context; the others are opt-in.
 */
public enum Toolset {
    ACCOUNTS("accounts", "Ad accounts the token can reach, their details and pixels; the console's connect link.",
            true),
    CAMPAIGNS("campaigns", "List, read, create and update campaigns.", true),
    ADSETS("adsets", "List, read, create and update ad sets (budget, schedule, targeting, optimization).", true),
    ADS("ads", "List, read, create and update ads.", true),
    CREATIVES("creatives", "Ad creatives and ad images: read, upload, create, update; image crops; the Pages and "
            + "Instagram accounts a creative can speak as.", false),
    INSIGHTS("insights", "Performance metrics (spend, impressions, clicks, conversions…) with breakdowns.", true),
    REPORTS("reports", "Asynchronous insights reports for queries too large for get_insights.", false),
    TARGETING("targeting", "Interest, behavior, demographic and location search; audience size estimates.", false),
    AUDIENCES("audiences", "Custom and lookalike audiences.", false),
    LIBRARY("library", "Search the public Ad Library.", false),
    OPERATIONS("operations", "Duplicate campaigns, ad sets and ads; campaign budget schedules; the ad account's "
            + "activity log.", false),
    RETRIEVAL("retrieval", "search and fetch in the shape chat clients use for retrieval (connectors, deep "
            + "research): connect them to /mcp/x/retrieval or add it to X-MCP-Toolsets.", false);

    private final String wireName;
    private final String description;
    private final boolean enabledByDefault;

    Toolset(String wireName, String description, boolean enabledByDefault) {
        this.wireName = wireName;
        this.description = description;
        this.enabledByDefault = enabledByDefault;
    }

    /** The name used on the command line, in headers and in tool snapshots, e.g. {@code campaigns}. */
    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The toolsets listed when neither the server's configuration nor the request names any. */
    public static Set<Toolset> defaults() {
        EnumSet<Toolset> defaults = EnumSet.noneOf(Toolset.class);
        for (Toolset toolset : values()) {
            if (toolset.enabledByDefault) {
                defaults.add(toolset);
            }
        }
        return defaults;
    }

    public static Optional<Toolset> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst();
    }

    /**
     * Parses a comma-separated list of toolset names; {@code all} means every toolset, {@code default} the defaults.
     * Blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones
     */
    public static Set<Toolset> parse(String names) {
        EnumSet<Toolset> parsed = EnumSet.noneOf(Toolset.class);
        if (names == null) {
            return parsed;
        }
        for (String raw : names.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            switch (name) {
                case "all" -> parsed.addAll(EnumSet.allOf(Toolset.class));
                case "default" -> parsed.addAll(defaults());
                default -> parsed.add(byName(name).orElseThrow(() -> new IllegalArgumentException(
                        "unknown toolset '" + Args.shorten(raw.strip(), 40) + "'; known toolsets: " + knownNames())));
            }
        }
        return parsed;
    }

    /** {@code accounts, campaigns, …} plus the keywords {@code all} and {@code default}. */
    public static String knownNames() {
        return Arrays.stream(values()).map(Toolset::wireName).collect(Collectors.joining(", ")) + " (or all, default)";
    }

    /** Sorted, comma-separated wire names. */
    public static String names(Collection<Toolset> toolsets) {
        return toolsets.stream().sorted().map(Toolset::wireName).collect(Collectors.joining(","));
    }
}
