package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.GraphSession;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code search} and {@code fetch} in the shape chat clients use for retrieval (ChatGPT connectors and deep research):
 * search answers {@code {"results":[{"id","title","url"}]}}, fetch answers {@code {"id","title","text","url",
 * "metadata"}} for one of those ids. Both read Meta with the caller's own token on every call; nothing is cached, so
 * one caller can never see another's records.
 */
public final class RetrievalTools {

    /** Record ids: {@code account:act_123}, {@code campaign:123}, {@code adset:123}, {@code ad:123}. */
    private static final Pattern RECORD_ID = Pattern.compile("(account|campaign|adset|ad):(act_[0-9]{1,30}|[0-9]{1,30})");
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}_]+");
    /** Ad accounts searched per call, and objects read per edge: bounds the Graph calls of one search. */
    static final int MAX_ACCOUNTS = 5;
    static final int MAX_PER_EDGE = 50;
    static final int MAX_RESULTS = 50;
    private static final int MAX_QUERY_LENGTH = 200;
    private static final String ADS_MANAGER = "https://adsmanager.facebook.com/adsmanager/manage/";

    /** One kind of record: its edge, the fields read, the words it answers to, its Ads Manager tab. */
    private record Kind(String prefix, String edge, String fields, String word, String tab, String detailFields) {
    }

    private static final Kind CAMPAIGN = new Kind("campaign", "campaigns",
            "id,name,objective,effective_status,account_id", "campaign", "campaigns", CampaignTools.DETAIL_FIELDS);
    private static final Kind ADSET = new Kind("adset", "adsets",
            "id,name,optimization_goal,effective_status,campaign_id,account_id", "ad set adset", "adsets",
            AdSetTools.DETAIL_FIELDS);
    private static final Kind AD = new Kind("ad", "ads", "id,name,effective_status,adset_id,campaign_id,account_id",
            "ad", "ads", AdTools.DETAIL_FIELDS);

    private RetrievalTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(search(), fetch());
    }

    // ---------------------------------------------------------------- search

    public static ToolDefinition search() {
        return ToolDefinition.builder("search", Toolset.ACCOUNTS)
                .title("Search ad accounts, campaigns, ad sets and ads")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Search the ad accounts the token can reach and their campaigns, ad sets and ads by words \
                        in their name, id, objective, status or kind ("active campaigns", "summer sale", \
                        "paused ads"), for chat clients that retrieve with search and fetch. Reads the first %d \
                        ad accounts and up to %d campaigns, ad sets and ads of each; best matches first, at most \
                        %d. Returns {"results":[{"id","title","url"}]}: pass an id to fetch for the details; url \
                        opens it in Ads Manager. Use get_campaigns and friends for complete lists."""
                        .formatted(MAX_ACCOUNTS, MAX_PER_EDGE, MAX_RESULTS))
                .input(Schema.object()
                        .string("query", "Words to look for, e.g. 'active campaigns' or 'black friday'.").required())
                .handler(RetrievalTools::runSearch)
                .build();
    }

    private static CallToolResult runSearch(ToolCall call) {
        Args args = call.args();
        String query = args.requireString("query", "pass the words to look for");
        if (query.length() > MAX_QUERY_LENGTH) {
            throw Args.invalid("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> terms = terms(query);
        if (terms.isEmpty()) {
            throw Args.invalid("query", "holds no words to look for");
        }
        GraphSession graph = call.graph();
        List<Hit> hits = new ArrayList<>();
        List<JsonNode> accounts = graph.fetchAll("me/adaccounts", Map.of("fields", "id,name,account_id,"
                + "account_status,currency", "limit", Integer.toString(MAX_PER_EDGE)), MAX_PER_EDGE);
        int order = 0;
        for (JsonNode account : accounts) {
            String accountId = Json.text(account, "id");
            if (accountId == null) {
                continue;
            }
            String name = Json.text(account, "name");
            hits.add(new Hit(score(terms, "account ad account " + name + " " + accountId + " "
                    + Json.text(account, "currency")), order++, "account:" + accountId,
                    "Ad account: " + (name == null ? accountId : name), ADS_MANAGER + "campaigns?act="
                    + accountId.substring(4)));
        }
        for (JsonNode account : accounts.subList(0, Math.min(MAX_ACCOUNTS, accounts.size()))) {
            String accountId = Json.text(account, "id");
            if (accountId == null) {
                continue;
            }
            for (Kind kind : List.of(CAMPAIGN, ADSET, AD)) {
                JsonNode page = graph.get(accountId + "/" + kind.edge(), Map.of("fields", kind.fields(),
                        "limit", Integer.toString(MAX_PER_EDGE)));
                for (JsonNode item : page.path("data")) {
                    String id = Json.text(item, "id");
                    String name = Json.text(item, "name");
                    StringBuilder text = new StringBuilder(kind.word()).append(' ').append(name).append(' ').append(id);
                    for (String field : List.of("objective", "optimization_goal", "effective_status")) {
                        String value = Json.text(item, field);
                        if (value != null) {
                            text.append(' ').append(value.replace('_', ' ')).append(' ').append(value);
                        }
                    }
                    hits.add(new Hit(score(terms, text.toString()), order++, kind.prefix() + ":" + id,
                            capitalized(kind.prefix().equals("adset") ? "ad set" : kind.prefix()) + ": " + name,
                            url(kind, accountId, id)));
                }
            }
        }
        ArrayNode results = Json.array();
        hits.stream().filter(hit -> hit.score() > 0)
                .sorted(Comparator.comparingInt(Hit::score).reversed().thenComparingInt(Hit::order))
                .limit(MAX_RESULTS)
                .forEach(hit -> results.addObject().put("id", hit.id()).put("title", hit.title())
                        .put("url", hit.url()));
        ObjectNode result = Json.object();
        result.set("results", results);
        return ToolResults.success(result);
    }

    private record Hit(int score, int order, String id, String title, String url) {
    }

    /** Lower-case words of the query, plural "s" dropped so that "campaigns" finds campaigns. */
    private static List<String> terms(String query) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher matcher = TERM.matcher(query.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String term = matcher.group();
            terms.add(term.length() > 3 && term.endsWith("s") ? term.substring(0, term.length() - 1) : term);
        }
        return List.copyOf(terms);
    }

    /** How many of the terms occur in the text (case-insensitive). */
    private static int score(List<String> terms, String text) {
        String haystack = text.toLowerCase(Locale.ROOT);
        int score = 0;
        for (String term : terms) {
            if (haystack.contains(term)) {
                score++;
            }
        }
        return score;
    }

    private static String url(Kind kind, String accountId, String id) {
        String digits = accountId.startsWith("act_") ? accountId.substring(4) : accountId;
        return ADS_MANAGER + kind.tab() + "?act=" + digits + "&selected_" + kind.tab().replaceAll("s$", "")
                + "_ids=" + id;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---------------------------------------------------------------- fetch

    public static ToolDefinition fetch() {
        return ToolDefinition.builder("fetch", Toolset.ACCOUNTS)
                .title("Fetch a search result")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Fetch one record found by search, read fresh from Meta with the caller's token: an ad \
                        account, campaign, ad set or ad with its settings and its last 30 days' spend, \
                        impressions, clicks, CTR and CPC. id is a search result's id: 'account:act_123', \
                        'campaign:123', 'adset:123' or 'ad:123'. Returns {"id","title","text","url","metadata"}: \
                        text is the record written out line by line (budgets in minor units, spend in the \
                        account currency), metadata its type, ids and status.""")
                .input(Schema.object()
                        .string("id", "A search result id, e.g. 'campaign:120210000000000001'.").required())
                .handler(RetrievalTools::runFetch)
                .build();
    }

    private static CallToolResult runFetch(ToolCall call) {
        String recordId = call.args().requireString("id", "pass an id that search returned, e.g. "
                + "'campaign:120210000000000001'");
        Matcher matcher = RECORD_ID.matcher(recordId.strip());
        if (!matcher.matches()) {
            throw Args.invalid("id", "must be an id that search returned: 'account:act_<digits>', "
                    + "'campaign:<digits>', 'adset:<digits>' or 'ad:<digits>'; got '" + Args.shorten(recordId) + "'");
        }
        String type = matcher.group(1);
        String objectId = matcher.group(2);
        if (type.equals("account") != objectId.startsWith("act_")) {
            throw Args.invalid("id", "pairs an account with act_<digits> and other records with plain digits");
        }
        GraphSession graph = call.graph();
        Kind kind = switch (type) {
            case "campaign" -> CAMPAIGN;
            case "adset" -> ADSET;
            case "ad" -> AD;
            default -> null;
        };
        JsonNode node = graph.get(objectId, Map.of("fields", kind == null ? AccountTools.ACCOUNT_FIELDS
                : kind.detailFields()));
        JsonNode insights = graph.get(objectId + "/insights", Map.of("date_preset", "last_30d",
                "fields", "spend,impressions,clicks,ctr,cpc,account_currency"));
        String name = Json.text(node, "name");
        String accountDigits = Json.text(node, "account_id");
        String accountId = kind == null ? objectId : "act_" + accountDigits;
        StringBuilder text = new StringBuilder();
        node.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            text.append(entry.getKey()).append(": ").append(value.isValueNode() ? value.asString()
                    : Json.write(value)).append('\n');
        });
        JsonNode row = insights.path("data").path(0);
        if (row.isObject()) {
            text.append("last 30 days: spend ").append(row.path("spend").asString("0")).append(' ')
                    .append(row.path("account_currency").asString("")).append(", impressions ")
                    .append(row.path("impressions").asString("0")).append(", clicks ")
                    .append(row.path("clicks").asString("0")).append(", ctr ").append(row.path("ctr").asString("0"))
                    .append("%, cpc ").append(row.path("cpc").asString("0")).append('\n');
        } else {
            text.append("last 30 days: no delivery\n");
        }
        ObjectNode result = Json.object();
        result.put("id", type + ":" + objectId);
        String label = kind == null ? "Ad account" : capitalized(type.equals("adset") ? "ad set" : type);
        result.put("title", label + ": " + (name == null ? objectId : name));
        result.put("text", text.toString().strip());
        result.put("url", kind == null ? ADS_MANAGER + "campaigns?act=" + objectId.substring(4)
                : url(kind, accountId, objectId));
        ObjectNode metadata = result.putObject("metadata");
        metadata.put("type", type);
        metadata.put(kind == null ? "account_id" : type + "_id", objectId);
        if (kind != null) {
            metadata.put("account_id", accountId);
        }
        for (String field : List.of("campaign_id", "adset_id", "effective_status", "account_status", "currency",
                "objective")) {
            String value = Json.text(node, field);
            if (value != null) {
                metadata.put(field, value);
            }
        }
        return ToolResults.success(result);
    }
}
