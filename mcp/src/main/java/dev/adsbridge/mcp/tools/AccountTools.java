package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.Page;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.GraphSession;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolError;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code accounts}: the ad accounts a token reaches, their details, and the Pages they advertise for. */
public final class AccountTools {

    static final String ACCOUNT_FIELDS = "id,name,account_id,account_status,disable_reason,currency,timezone_name,"
            + "amount_spent,balance,spend_cap,age,business_name,business_country_code";
    static final String INSTAGRAM_FIELDS = "id,username,name,profile_picture_url";
    static final String PAGE_FIELDS = "id,name,category,fan_count,link,username,verification_status,picture,"
            + "instagram_business_account{" + INSTAGRAM_FIELDS + "}";
    static final String PIXEL_FIELDS = "id,name,last_fired_time,is_unavailable,creation_time";

    private static final Pattern USER_ID = Pattern.compile("me|[0-9]{1,30}");
    private static final Pattern FIELD_LIST = Pattern.compile("[a-z0-9_.,{}()\\s]{1,2000}");
    private static final Map<Integer, String> ACCOUNT_STATUS = Map.of(1, "ACTIVE", 2, "DISABLED", 3, "UNSETTLED",
            7, "PENDING_RISK_REVIEW", 8, "PENDING_SETTLEMENT", 9, "IN_GRACE_PERIOD", 100, "PENDING_CLOSURE",
            101, "CLOSED");
    // EU and EEA: ads delivered there fall under the Digital Services Act.
    private static final Set<String> DSA_COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
            "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
            "SE", "IS", "LI", "NO");
    private static final int MAX_ACCOUNTS = 1000;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 500;

    private AccountTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getAdAccounts(), getAccountInfo(), getAccountPages(), searchPagesByName(), getAdPixels(),
                getInstagramAccounts(), getLoginLink());
    }

    // ---------------------------------------------------------------- get_ad_accounts

    public static ToolDefinition getAdAccounts() {
        return ToolDefinition.builder("get_ad_accounts", Toolset.ACCOUNTS)
                .title("List ad accounts")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the Meta ad accounts the user can access. Start here: every other tool needs an \
                        account_id from this list.
                        Returns {"data":[{"id":"act_…","account_id","name","account_status","account_status_name",\
                        "currency","timezone_name","amount_spent","balance","spend_cap",…}],"paging",\
                        "next_cursor"}. Money fields are strings in the currency's minor units (cents; whole units \
                        for JPY/KRW…) as Meta sends them, each with a readable twin such as \
                        amount_spent_formatted "1234.56 USD". account_status 1 = ACTIVE, 2 = DISABLED, \
                        3 = UNSETTLED, 101 = CLOSED.
                        Follows Meta's pages until 'limit' accounts are collected; pass next_cursor as 'after' to \
                        continue.""")
                .input(Schema.object()
                        .string("user_id", "Meta user id, or 'me' for the user the token belongs to. Default 'me'.")
                        .defaultValue("me")
                        .integer("limit", "Most accounts to return (1-" + MAX_ACCOUNTS + "). Default 200.")
                        .defaultValue(200).min(1).max(MAX_ACCOUNTS)
                        .string("after", Common.AFTER))
                .handler(AccountTools::listAdAccounts)
                .build();
    }

    private static CallToolResult listAdAccounts(ToolCall call) {
        Args args = call.args();
        String userId = args.string("user_id", "me").toLowerCase(Locale.ROOT);
        if (!USER_ID.matcher(userId).matches()) {
            throw Args.invalid("user_id", "must be 'me' or a numeric Meta user id");
        }
        int limit = args.integer("limit", 200, 1, MAX_ACCOUNTS);
        Optional<String> after = args.string("after");

        ArrayNode accounts = Json.array();
        Page<JsonNode> page = null;
        int pages = 0;
        do {
            int wanted = Math.min(PAGE_SIZE, limit - accounts.size());
            Optional<String> cursor = page == null ? after : page.nextCursor();
            page = call.graph().page(userId + "/adaccounts", Common.listParams(ACCOUNT_FIELDS, wanted, cursor));
            page.data().forEach(account -> accounts.add(describeAccount(account)));
            pages++;
        } while (accounts.size() < limit && page.hasNext() && pages < MAX_PAGES);
        return ToolResults.success(Common.listResult(accounts, page));
    }

    // ---------------------------------------------------------------- get_login_link

    /** System property with the console's public URL, e.g. {@code https://ads.example.com}. */
    public static final String CONSOLE_URL_PROPERTY = "adsbridge.mcp.console-url";
    /** Environment variable with the console's public URL (the property wins). */
    public static final String CONSOLE_URL_ENV = "ADSBRIDGE_CONSOLE_URL";

    public static ToolDefinition getLoginLink() {
        return ToolDefinition.builder("get_login_link", Toolset.ACCOUNTS)
                .title("Get the link to connect Facebook Ads")
                .hints(Hints.LOCAL)
                .description("""
                        Get the link where a person connects (or reconnects) their Facebook Ads account: the \
                        console's page with "Connect Facebook Ads". Use it when a tool fails with category auth \
                        (expired or missing token). This server holds no tokens itself: the console stores the \
                        connection and calls this server with it. Returns {"login_url","instructions"}; when the \
                        server was not told the console's address, an error says so. access_token is accepted \
                        for compatibility and not needed.""")
                .input(Schema.object()
                        .string("access_token", "Not needed: accepted for compatibility; the link is the same for "
                                + "everyone."))
                .handler(call -> {
                    String base = consoleUrl().orElseThrow(() -> ToolException.invalid("This MCP server does not "
                            + "know where its console is (not set, or not an absolute http(s) URL), so it has no "
                            + "login link. The operator sets the "
                            + "console's public URL with the environment variable " + CONSOLE_URL_ENV
                            + " (or the system property " + CONSOLE_URL_PROPERTY + "); until then, connect "
                            + "Facebook Ads in the application that gave you access to this server."));
                    ObjectNode result = Json.object();
                    result.put("login_url", base + "/");
                    result.put("instructions", "Open the link, sign in, and press \"Connect Facebook Ads\" (or "
                            + "\"Reconnect\" under Settings for an expired connection). Then retry the tool.");
                    return ToolResults.success(result);
                })
                .build();
    }

    /** The configured console URL without a trailing slash, if it is an absolute http(s) URL. */
    static Optional<String> consoleUrl() {
        String configured = System.getProperty(CONSOLE_URL_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CONSOLE_URL_ENV);
        }
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        String url = configured.strip().replaceAll("/+$", "");
        try {
            return Optional.of(CreativeTools.checkedUrl(CONSOLE_URL_ENV, url));
        } catch (ToolException notAUrl) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- get_account_info

    public static ToolDefinition getAccountInfo() {
        return ToolDefinition.builder("get_account_info", Toolset.ACCOUNTS)
                .title("Get ad account details")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get the details of one ad account: name, status, currency, time zone, amount spent, \
                        balance, spend cap, business, and whether EU Digital Services Act rules apply \
                        (dsa_required). Use it to learn an account's currency before creating budgets.
                        Money fields are strings in minor units (cents) with *_formatted twins. When the account \
                        is not accessible, the error lists the accounts the token can reach \
                        (accessible_accounts).""")
                .input(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("fields", "Comma-separated Graph fields to return instead of the default set, "
                                + "e.g. 'name,currency,amount_spent'. Default: a useful set of account fields.")
                        .defaultValue(""))
                .handler(AccountTools::accountInfo)
                .build();
    }

    private static CallToolResult accountInfo(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        String fields = args.string("fields").map(AccountTools::checkedFields).orElse(ACCOUNT_FIELDS);
        JsonNode account = readAccount(call.graph(), accountId, fields);
        ObjectNode result = describeAccount(account);
        String country = Json.text(result, "business_country_code");
        if (country != null) {
            boolean dsa = DSA_COUNTRIES.contains(country.toUpperCase(Locale.ROOT));
            result.put("dsa_required", dsa);
            result.put("dsa_compliance_note", dsa
                    ? "This account's business is in the EU/EEA: ads there need DSA beneficiary and payer details."
                    : "This account is not subject to EU DSA beneficiary/payer requirements by its business country.");
        }
        return ToolResults.success(result);
    }

    private static String checkedFields(String fields) {
        String compact = fields.replace(" ", "");
        if (!FIELD_LIST.matcher(compact).matches() || compact.isEmpty()) {
            throw Args.invalid("fields", "must be a comma-separated list of Graph field names such as "
                    + "'name,currency,amount_spent'");
        }
        return compact;
    }

    /**
     * Reads an ad account; when Meta says it does not exist or is not accessible, the error carries the accounts the
     * token can reach so the caller can pick a right one.
     */
    private static JsonNode readAccount(GraphSession graph, String accountId, String fields) {
        try {
            return graph.get(accountId, Map.of("fields", fields));
        } catch (GraphException e) {
            if (!isNotAccessible(e)) {
                throw e;
            }
            throw new ToolException(withAccessibleAccounts(graph, ToolError.fromGraph(e.error()), accountId));
        }
    }

    private static boolean isNotAccessible(GraphException e) {
        Integer subcode = e.error().subcode();
        return e.category() == ErrorCategory.PERMISSION
                || e.category() == ErrorCategory.INVALID_REQUEST && subcode != null && subcode == 33;
    }

    private static ToolError withAccessibleAccounts(GraphSession graph, ToolError error, String accountId) {
        List<JsonNode> accessible;
        try {
            accessible = graph.fetchAll("me/adaccounts", Map.of("fields", "id,name", "limit", "50"), 50);
        } catch (GraphException | ToolException alsoFailed) {
            return error;
        }
        ArrayNode list = Json.array();
        accessible.stream().limit(10).forEach(account -> list.addObject()
                .put("id", Json.text(account, "id")).put("name", Json.text(account, "name")));
        return error
                .with("accessible_accounts", list)
                .with("total_accessible_accounts", Json.tree(accessible.size()))
                .with("suggestion", Json.tree(accessible.isEmpty()
                        ? "This token reaches no ad accounts; the user must be given access in Business Manager."
                        : "Account " + accountId + " is not accessible with this token; use one of "
                                + "accessible_accounts (get_ad_accounts lists all)."));
    }

    /** Adds readable status and money fields to an account as Meta sent it. */
    private static ObjectNode describeAccount(JsonNode account) {
        ObjectNode copy = Common.copyOf(account);
        JsonNode status = copy.get("account_status");
        if (status != null && status.canConvertToInt()) {
            copy.put("account_status_name", ACCOUNT_STATUS.getOrDefault(status.asInt(), "UNKNOWN"));
        }
        String currency = Json.text(copy, "currency");
        if (currency != null) {
            Money.addFormatted(copy, currency, "amount_spent", "balance", "spend_cap");
        }
        return copy;
    }

    // ---------------------------------------------------------------- pages

    public static ToolDefinition getAccountPages() {
        return ToolDefinition.builder("get_account_pages", Toolset.ACCOUNTS)
                .title("List Pages for an ad account")
                .hints(Hints.READ)
                .scopes("ads_read", "pages_show_list")
                .description("""
                        List the Facebook Pages that can be used with an ad account: the Pages the user manages \
                        (me/accounts) and the Pages the account can promote. A creative needs one of these page \
                        ids (object_story_spec.page_id). Pass account_id 'me' for just the user's own Pages.
                        A Page with an Instagram professional account connected carries it as \
                        instagram_business_account {"id","username","name","profile_picture_url"}; that id is what \
                        create_ad_creative takes as instagram_user_id.
                        Returns {"data":[{"id","name","category","fan_count","link",…,\
                        "instagram_business_account"?,"sources":[…]}],"total_pages_found"}.""")
                .input(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID + " Or 'me' for the user's own Pages.").required())
                .handler(call -> {
                    ArrayNode pages = discoverPages(call);
                    ObjectNode result = Json.object();
                    result.set("data", pages);
                    result.put("total_pages_found", pages.size());
                    return ToolResults.success(result);
                })
                .build();
    }

    public static ToolDefinition searchPagesByName() {
        return ToolDefinition.builder("search_pages_by_name", Toolset.ACCOUNTS)
                .title("Find a Page by name")
                .hints(Hints.READ)
                .scopes("ads_read", "pages_show_list")
                .description("""
                        Find Facebook Pages usable with an ad account whose name contains the search term \
                        (case-insensitive). Use it to turn a brand name into the page_id a creative needs. \
                        Without search_term, lists every such Page.
                        Returns {"data":[{"id","name",…}],"search_term","total_found","total_available"}.""")
                .input(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("search_term", "Text the Page name must contain, e.g. 'coffee'. Optional."))
                .handler(call -> {
                    Optional<String> term = call.args().string("search_term");
                    ArrayNode pages = discoverPages(call);
                    ArrayNode found = Json.array();
                    String needle = term.map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
                    pages.forEach(page -> {
                        String name = Json.text(page, "name");
                        if (name != null && name.toLowerCase(Locale.ROOT).contains(needle)) {
                            found.add(page);
                        }
                    });
                    ObjectNode result = Json.object();
                    result.set("data", found);
                    term.ifPresent(t -> result.put("search_term", t));
                    result.put("total_found", found.size());
                    result.put("total_available", pages.size());
                    return ToolResults.success(result);
                })
                .build();
    }

    // ---------------------------------------------------------------- pixels and Instagram accounts

    public static ToolDefinition getAdPixels() {
        return ToolDefinition.builder("get_ad_pixels", Toolset.ACCOUNTS)
                .title("List Meta pixels of an ad account")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the Meta pixels (website event sources) of an ad account, newest first. An ad set \
                        optimizing for website conversions (optimization_goal OFFSITE_CONVERSIONS or VALUE) needs \
                        one as promoted_object {"pixel_id":"…","custom_event_type":"PURCHASE"}: pick a pixel that \
                        is not unavailable and has fired recently (last_fired_time), or the ad set cannot learn.
                        Returns {"data":[{"id","name","last_fired_time"?,"is_unavailable","creation_time"}],\
                        "paging","next_cursor"}. last_fired_time is left out for a pixel that never received an \
                        event; times are ISO-8601 with offset. 'fields' may add Graph fields such as code \
                        (the pixel's base code) or owner_ad_account.""")
                .input(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("fields", "Comma-separated Graph fields instead of the default set, e.g. "
                                + "'id,name,code'. Default: " + PIXEL_FIELDS + "."), "pixels", 25))
                .handler(call -> {
                    Args args = call.args();
                    String accountId = args.accountId("account_id");
                    String fields = args.string("fields").map(AccountTools::checkedFields).orElse(PIXEL_FIELDS);
                    Map<String, String> params = Common.listParams(args, fields, 25);
                    return ToolResults.success(Common.listResult(call.graph().page(accountId + "/adspixels",
                            params)));
                })
                .build();
    }

    public static ToolDefinition getInstagramAccounts() {
        return ToolDefinition.builder("get_instagram_accounts", Toolset.ACCOUNTS)
                .title("List Instagram accounts for an ad account")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the Instagram accounts an ad account can run ads as: the Instagram professional \
                        accounts connected to the Pages it can promote. Pass an id as create_ad_creative's \
                        instagram_user_id so the ad shows on Instagram under that account; without one, \
                        Instagram placements show the Facebook Page's name. An empty list means no Page of the \
                        account has an Instagram account connected (get_account_pages shows each Page's \
                        instagram_business_account).
                        Returns {"data":[{"id","username","name","profile_picture_url"?}],"paging",\
                        "next_cursor"}.""")
                .input(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "Instagram accounts", 25))
                .handler(call -> {
                    Args args = call.args();
                    String accountId = args.accountId("account_id");
                    Map<String, String> params = Common.listParams(args, INSTAGRAM_FIELDS, 25);
                    return ToolResults.success(Common.listResult(call.graph().page(accountId
                            + "/instagram_accounts", params)));
                })
                .build();
    }

    /** The user's Pages plus the Pages the account can promote, each once, with where it was found. */
    private static ArrayNode discoverPages(ToolCall call) {
        Args args = call.args();
        String raw = args.requireString("account_id", "pass the ad account id, e.g. act_1234567890, or 'me'");
        boolean userOnly = raw.equalsIgnoreCase("me");
        String accountId = userOnly ? null : args.accountId("account_id");
        GraphSession graph = call.graph();
        if (accountId != null) {
            // Surfaces a wrong or inaccessible account id as such, with the accounts that would work.
            readAccount(graph, accountId, "id");
        }
        Map<String, ObjectNode> pages = new LinkedHashMap<>();
        collect(pages, graph.fetchAll("me/accounts", Map.of("fields", PAGE_FIELDS, "limit", "100"), 500),
                "user_pages");
        if (accountId != null) {
            try {
                collect(pages, graph.fetchAll(accountId + "/promote_pages",
                        Map.of("fields", PAGE_FIELDS, "limit", "100"), 500), "promote_pages");
            } catch (GraphException e) {
                // Not every account (or API host) serves promote_pages; the user's own Pages still answer.
                if (e.category() != ErrorCategory.INVALID_REQUEST) {
                    throw e;
                }
            }
        }
        ArrayNode data = Json.array();
        pages.values().forEach(data::add);
        return data;
    }

    private static void collect(Map<String, ObjectNode> pages, List<JsonNode> found, String source) {
        for (JsonNode page : found) {
            String id = Json.text(page, "id");
            if (id == null) {
                continue;
            }
            ObjectNode entry = pages.computeIfAbsent(id, key -> {
                ObjectNode copy = Common.copyOf(page);
                copy.putArray("sources");
                return copy;
            });
            ((ArrayNode) entry.get("sources")).add(source);
        }
    }
}
