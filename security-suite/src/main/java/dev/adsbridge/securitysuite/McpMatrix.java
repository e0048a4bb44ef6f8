package dev.adsbridge.securitysuite;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The console's tenant MCP endpoint ({@code /mcp}) under attack, in the matrix's style: every tool of the gateway's
 * {@code tools/list} × every kind of credential that reaches {@code /mcp} × the other workspaces' ad account and
 * objects → an {@code isError} permission result or a JSON-RPC error, never their data. Then, on a workspace's own
 * ads: read-only credentials, a key's ad-account allow-list and the accounts the workspace did not choose, tokens
 * from the agent, credentials that stop working, and DNS rebinding.
 *
 * <p>The victims are B (Marco, act_1000000006: the attacker's Facebook user cannot reach it on Meta, so Meta would
 * refuse too) and C (Marco, act_1000000005: an account Dana's and Marco's Facebook users both reach, so for A's and
 * B's agents the console's tenant check is the only thing between them and C's ads).
 */
final class McpMatrix {

    static final String PROTOCOL = "2025-06-18";
    /** The account workspace C uses: Marco's, shared with Dana on Meta. */
    static final String SHARED_ACCOUNT = "act_1000000005";
    /** An account Dana's Facebook user reaches that workspace A uses only for the allow-list row. */
    static final String SECOND_ACCOUNT = "act_1000000003";
    /** An account Dana's Facebook user reaches that workspace A never chooses. */
    static final String NEVER_CHOSEN = "act_1000000001";
    /** Arguments naming an object, in the order the variants try them. */
    private static final List<String> ID_ARGUMENTS = List.of("campaign_id", "adset_id", "ad_id", "creative_id",
            "object_id", "target_campaign_id", "target_adset_id");

    /** One credential that reaches {@code /mcp}. */
    record Agent(String label, String key, boolean writes) {
    }

    /**
     * One {@code tools/call}: {@code listing} for tools that name no account or object (the answer must just hold
     * nothing of the victim's); {@code shape} for a malformed argument the MCP server itself refuses, where an
     * {@code invalid_request} refusal counts as held too.
     */
    record Aimed(String tool, Map<String, Object> args, boolean listing, boolean shape) {
        @Override
        public String toString() {
            return tool + " " + Web.JSON.writeValueAsString(args);
        }
    }

    private final Deployment d;
    /** The agents' HTTP client: no cookies, ever (agents have no console session). */
    private final Web agents;
    private final AtomicLong ids = new AtomicLong();
    private int limitedRetries;
    private final Map<String, Integer> refusals = new TreeMap<>();

    McpMatrix(Deployment deployment) {
        this.d = deployment;
        this.agents = new Web(deployment.consoleUrl).timeout(Duration.ofSeconds(60));
    }

    // ------------------------------------------------------------------------------------------------ protocol

    /** A JSON-RPC request to {@code /mcp} with {@code key} as the bearer (null: none); 429s waited out and retried. */
    Web.Answer rpc(String key, String method, Object params, Map<String, String> headers) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "application/json, text/event-stream");
        all.put("MCP-Protocol-Version", PROTOCOL);
        all.putAll(headers);
        String body = Web.JSON.writeValueAsString(message);
        for (int attempt = 0; ; attempt++) {
            Web.Answer answer = agents.withKey(key, "POST", "/mcp", body, all);
            String category = category(answer);
            boolean limited = answer.status() == 429 || category.equals("rate_limit") || category.equals("transient");
            if (!limited || attempt >= 6) {
                return answer;
            }
            limitedRetries++;
            long wait = answer.json().path("result").path("structuredContent").path("error")
                    .path("retry_after_seconds").asLong(0);
            if (answer.header("retry-after") != null) {
                wait = Long.parseLong(answer.header("retry-after").strip());
            }
            Deployment.sleep(Math.min(60, Math.max(1, wait)) * 1000);
        }
    }

    Web.Answer call(String key, String tool, Map<String, Object> args) {
        return rpc(key, "tools/call", Map.of("name", tool, "arguments", args), Map.of());
    }

    List<JsonNode> tools(String key) {
        Web.Answer list = rpc(key, "tools/list", Map.of(), Map.of());
        List<JsonNode> tools = new ArrayList<>();
        list.json().path("result").path("tools").forEach(tools::add);
        if (list.status() != 200 || tools.isEmpty()) {
            throw new IllegalStateException("tools/list → " + list.status() + " " + Report.shorten(list.body()));
        }
        return tools;
    }

    static String category(Web.Answer answer) {
        return answer.json().path("result").path("structuredContent").path("error").path("category").asString("");
    }

    static String type(Web.Answer answer) {
        return answer.json().path("result").path("structuredContent").path("error").path("type").asString("");
    }

    static boolean rpcError(Web.Answer answer) {
        return answer.json().path("error").isObject();
    }

    static boolean isError(Web.Answer answer) {
        return answer.json().path("result").path("isError").asBoolean(false);
    }

    static boolean writes(JsonNode tool) {
        return !tool.path("annotations").path("readOnlyHint").asBoolean(false);
    }

    private void countRefusal(Web.Answer answer) {
        String kind = rpcError(answer) ? "JSON-RPC error " + answer.json().path("error").path("code").asInt()
                : isError(answer) ? category(answer) + "/" + type(answer) : "answered";
        refusals.merge(kind, 1, Integer::sum);
    }

    // ------------------------------------------------------------------------------------------------ markers

    /** What must never appear in another workspace's answers: the victim's ids, e-mail, company, and names on Meta. */
    List<String> markers(Tenant victim) {
        List<String> markers = new ArrayList<>(victim.markers());
        markers.add(name(victim, victim.account));
        markers.add(name(victim, victim.campaignId));
        markers.add(name(victim, victim.adSetId));
        markers.add(name(victim, victim.adId));
        return markers.stream().filter(m -> m != null && m.length() >= 6).distinct().toList();
    }

    private String name(Tenant owner, String id) {
        return d.graph(owner.facebookUser, "/" + id + "?fields=name").path("name").asString("");
    }

    /**
     * The first marker in the answer that the request did not carry itself: an id echoed in a refusal is no leak, nor
     * an account the request named by its digits alone, echoed as {@code act_…}.
     */
    static String leaked(String answer, List<String> markers, String sent) {
        for (String marker : markers) {
            boolean named = sent.contains(marker) || marker.startsWith("act_") && sent.contains(marker.substring(4));
            if (!named && answer.contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ the calls

    private static Map<String, String> idsOf(Tenant t) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("account_id", t.account);
        ids.put("campaign_id", t.campaignId);
        ids.put("adset_id", t.adSetId);
        ids.put("ad_id", t.adId);
        ids.put("creative_id", t.creativeId);
        ids.put("object_id", t.campaignId);
        ids.put("target_campaign_id", t.campaignId);
        ids.put("target_adset_id", t.adSetId);
        return ids;
    }

    private static List<String> properties(JsonNode tool) {
        List<String> names = new ArrayList<>();
        tool.path("inputSchema").path("properties").propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> required(JsonNode tool) {
        List<String> names = new ArrayList<>();
        tool.path("inputSchema").path("required").forEach(n -> names.add(n.asString()));
        return names;
    }

    /**
     * The arguments of a call other than accounts and objects, as a client fills them: plausible enough that the call
     * would succeed on Meta if it got there (a write that gets through changes something the suite can see).
     */
    static Map<String, Object> filler(JsonNode tool) {
        String name = tool.path("name").asString();
        List<String> properties = properties(tool);
        Map<String, Object> args = new LinkedHashMap<>();
        if (properties.contains("name")) {
            args.put("name", "sec-mcp-" + UUID.randomUUID().toString().substring(0, 8));
        }
        if (name.startsWith("create_") && properties.contains("status")) {
            args.put("status", "PAUSED");
        }
        if (name.equals("create_campaign")) {
            args.put("objective", "OUTCOME_TRAFFIC");
            if (properties.contains("special_ad_categories")) {
                args.put("special_ad_categories", List.of());
            }
        }
        if (name.equals("create_adset")) {
            args.put("optimization_goal", "LINK_CLICKS");
            args.put("billing_event", "IMPRESSIONS");
            args.put("daily_budget", "1000");
            args.put("targeting", Map.of("geo_locations", Map.of("countries", List.of("US")),
                    "targeting_automation", Map.of("advantage_audience", 0)));
        }
        for (String property : required(tool)) {
            if (!args.containsKey(property) && !property.equals("account_id") && !ID_ARGUMENTS.contains(property)
                    && !property.equals("ids")) {
                args.put(property, "x");
            }
        }
        if (properties.contains("limit") && !writes(tool)) {
            args.put("limit", 5);
        }
        return args;
    }

    /** Every way the matrix aims {@code tool} at {@code victim}'s ads, from a caller of workspace {@code own}. */
    static List<Aimed> aimed(JsonNode tool, Tenant victim, Tenant own) {
        String name = tool.path("name").asString();
        List<String> properties = properties(tool);
        List<String> required = required(tool);
        Map<String, String> theirs = idsOf(victim);
        Map<String, String> ours = idsOf(own);
        List<String> idArgs = ID_ARGUMENTS.stream().filter(properties::contains).toList();
        boolean account = properties.contains("account_id");
        List<Aimed> calls = new ArrayList<>();
        if (properties.contains("ids")) {
            Map<String, Object> base = new LinkedHashMap<>(filler(tool));
            if (properties.contains("fields")) {
                base.put("fields", "id,name,account_id");
            }
            for (Object ids : List.of(List.of(victim.campaignId, victim.adSetId, victim.adId, victim.creativeId),
                    List.of(own.campaignId, victim.campaignId), own.campaignId + "," + victim.campaignId,
                    List.of(victim.account))) {
                Map<String, Object> args = new LinkedHashMap<>(base);
                args.put("ids", ids);
                calls.add(new Aimed(name, args, false, false));
            }
            Map<String, Object> shape = new LinkedHashMap<>(base);
            shape.put("ids", Map.of("x", victim.campaignId));
            calls.add(new Aimed(name, shape, false, true));
            return calls;
        }
        if (idArgs.isEmpty() && !account) {
            Map<String, Object> base = filler(tool);
            calls.add(new Aimed(name, base, true, false));
            if (properties.contains("fields")) {
                Map<String, Object> args = new LinkedHashMap<>(base);
                args.put("fields", "id,name,account_id");
                calls.add(new Aimed(name, args, true, false));
            }
            if (properties.contains("compact")) {
                Map<String, Object> args = new LinkedHashMap<>(base);
                args.put("compact", true);
                calls.add(new Aimed(name, args, true, false));
            }
            if (properties.contains("user_id")) {
                Map<String, Object> args = new LinkedHashMap<>(base);
                args.put("user_id", victim.facebookUser);
                calls.add(new Aimed(name, args, true, false));
            }
            return calls;
        }
        // Everything the victim's.
        Map<String, Object> all = new LinkedHashMap<>(filler(tool));
        if (account) {
            all.put("account_id", victim.account);
        }
        idArgs.forEach(arg -> all.put(arg, theirs.get(arg)));
        calls.add(new Aimed(name, all, false, false));
        // One of the victim's ids among the caller's own: every id must be checked, not just the first.
        List<String> aimable = new ArrayList<>();
        if (account) {
            aimable.add("account_id");
        }
        aimable.addAll(idArgs);
        for (String arg : aimable) {
            Map<String, Object> mixed = new LinkedHashMap<>(filler(tool));
            if (account) {
                mixed.put("account_id", own.account);
            }
            for (String id : idArgs) {
                if (required.contains(id)) {
                    mixed.put(id, ours.get(id));
                }
            }
            mixed.put(arg, theirs.get(arg));
            if (!mixed.equals(all)) {
                calls.add(new Aimed(name, mixed, false, false));
            }
        }
        if (idArgs.contains("object_id")) {
            for (String id : List.of(victim.account, victim.adSetId, victim.adId, victim.creativeId)) {
                calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("object_id", id)), false, false));
            }
        }
        if (name.equals("get_campaign_details")) {
            // The id padded, with a leading zero, and as a JSON number.
            calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("campaign_id", " " + victim.campaignId + " ")),
                    false, false));
            calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("campaign_id", "0" + victim.campaignId)), false,
                    false));
            calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("campaign_id", Long.parseLong(victim.campaignId))),
                    false, false));
        }
        if (name.equals("get_campaigns")) {
            // The account without act_, and as a JSON number.
            String digits = victim.account.substring("act_".length());
            calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("account_id", digits)), false, false));
            calls.add(new Aimed(name, new LinkedHashMap<>(Map.of("account_id", Long.parseLong(digits))), false,
                    false));
        }
        return calls;
    }

    /** Whether one aimed call held: refused as a permission matter (or a JSON-RPC error), nothing of the victim's. */
    private void judge(Report.Row row, String who, Aimed aimed, Web.Answer answer, List<String> markers) {
        String leak = leaked(answer.body(), markers, aimed.toString());
        boolean held;
        if (aimed.listing()) {
            held = answer.status() == 200 && leak == null;
        } else {
            countRefusal(answer);
            String category = category(answer);
            boolean refused = answer.status() == 200 && (rpcError(answer) || isError(answer) && (category.equals(
                    "permission") || aimed.shape() && category.equals("invalid_request")));
            held = refused && leak == null;
        }
        row.attempt(held, who + ": " + aimed + " → " + answer.status() + (leak == null ? ""
                : " with the other workspace's " + leak) + " " + Report.shorten(answer.body()));
    }

    // ------------------------------------------------------------------------------------------------ the rows

    /**
     * Sets up workspace C (Marco, choosing act_1000000005, which Dana reaches too) and the agent keys, then runs the
     * rows; a set-up that breaks is a failed row, and the rest of the suite goes on.
     */
    void run(Report report, Tenant a, Tenant b) {
        System.out.println("… mcp: setting up workspace C and agent keys");
        Tenant c;
        Map<Tenant, List<Agent>> callers = new LinkedHashMap<>();
        Map<Tenant, String> writers = new LinkedHashMap<>();
        List<JsonNode> tools;
        try {
            c = Tenant.full(d.consoleUrl, d.mail, "Tenant C " + UUID.randomUUID().toString().substring(0, 6),
                    Tenant.MARCO, SHARED_ACCOUNT);
            tools = setUp(a, b, c, callers, writers);
        } catch (RuntimeException e) {
            Attacks.run(report, "mcp", "/mcp: setting up workspace C and agent keys", row -> {
                throw e;
            });
            return;
        }
        Attacks.run(report, "mcp", "/mcp: every tool × 6 agent credentials × other workspaces' account and objects",
                row -> crossTenant(row, tools, callers, writers, a, b, c));
        Attacks.run(report, "mcp", "/mcp: read-only credentials see no write tool, and calling one is refused",
                row -> readOnly(row, tools, callers.get(a), a));
        Attacks.run(report, "mcp", "/mcp: a key's ad-account allow-list; accounts the workspace does not use",
                row -> allowList(row, callers.get(a), writers.get(a), a));
        Attacks.run(report, "mcp", "/mcp: tokens from the agent (access_token argument, token headers, query)",
                row -> tokens(row, writers.get(a), a));
        Attacks.run(report, "mcp", "/mcp: no, wrong, revoked or removed member's credential → 401",
                row -> authentication(row, a));
        Attacks.run(report, "mcp", "/mcp: DNS rebinding (foreign Host, foreign Origin)",
                row -> rebinding(row, writers.get(a)));
    }

    /**
     * The callers of A and B: the owner's agent keys (read_write, read, and read_write limited to the workspace's
     * account), the REST API keys (also accepted at /mcp), and the read_write agent key of an admin since made analyst;
     * a read_write agent key of C for the controls. Answers the gateway's full tool list.
     */
    private List<JsonNode> setUp(Tenant a, Tenant b, Tenant c, Map<Tenant, List<Agent>> callers,
            Map<Tenant, String> writers) {
        for (Tenant t : List.of(a, b)) {
            String writer = t.agentKey(t.owner, "agent writer", "read_write", List.of());
            String reader = t.agentKey(t.owner, "agent reader", "read", List.of());
            String limited = t.agentKey(t.owner, "agent limited", "read_write", List.of(t.account));
            Tenant.Teammate admin = t.teammate("ADMIN");
            String demoted = t.agentKey(admin.web(), "admin's agent", "read_write", List.of());
            t.owner.post("/team/members/" + t.memberId(admin.email()) + "/role", Map.of("role", "ANALYST"));
            writers.put(t, writer);
            callers.put(t, List.of(new Agent("owner's agent key (read_write)", writer, true),
                    new Agent("owner's agent key (read)", reader, false),
                    new Agent("API key (read)", t.readKey, false),
                    new Agent("API key (read_write)", t.writeKey, true),
                    new Agent("agent key of an admin made analyst", demoted, false),
                    new Agent("agent key limited to " + t.account, limited, true)));
        }
        writers.put(c, c.agentKey(c.owner, "agent writer", "read_write", List.of()));
        return tools(writers.get(a));
    }

    /** What Meta holds of a workspace's chain, and its campaign count: compared before and after. */
    private String state(Tenant t) {
        String user = t.facebookUser;
        return d.graph(user, "/" + t.campaignId + "?fields=name,status,daily_budget") + " "
                + d.graph(user, "/" + t.adSetId + "?fields=name,status,daily_budget") + " "
                + d.graph(user, "/" + t.adId + "?fields=name,status,creative") + " "
                + d.graph(user, "/" + t.account + "/campaigns?fields=id&limit=1&summary=true").path("summary")
                        .path("total_count").asInt(-1) + " campaigns, "
                + d.graph(user, "/" + t.account + "/adsets?fields=id&limit=1&summary=true").path("summary")
                        .path("total_count").asInt(-1) + " ad sets, "
                + d.graph(user, "/" + t.account + "/ads?fields=id&limit=1&summary=true").path("summary")
                        .path("total_count").asInt(-1) + " ads";
    }

    private void crossTenant(Report.Row row, List<JsonNode> tools, Map<Tenant, List<Agent>> callers,
            Map<Tenant, String> writers, Tenant a, Tenant b, Tenant c) {
        List<Tenant> all = List.of(a, b, c);
        Map<Tenant, String> before = new LinkedHashMap<>();
        Map<Tenant, List<String>> markers = new LinkedHashMap<>();
        for (Tenant t : all) {
            before.put(t, state(t));
            markers.put(t, markers(t));
        }
        row.note(tools.size() + " tools in the gateway's list (" + tools.stream().filter(McpMatrix::writes).count()
                + " write): " + String.join(", ", tools.stream().map(t -> t.path("name").asString()).toList()));
        // Controls: the callers are live and reach their own ads, and the victims' own answers hold the markers, so
        // a refusal below is the tenant check's and a leak would be seen.
        for (Map.Entry<Tenant, List<Agent>> entry : callers.entrySet()) {
            Tenant own = entry.getKey();
            for (Agent agent : entry.getValue()) {
                Web.Answer init = rpc(agent.key(), "initialize", Map.of("protocolVersion", PROTOCOL, "capabilities",
                        Map.of(), "clientInfo", Map.of("name", "security-suite", "version", "1")), Map.of());
                Web.Answer mine = call(agent.key(), "get_campaign_details", new LinkedHashMap<>(Map.of("campaign_id",
                        own.campaignId)));
                row.attempt(init.status() == 200 && mine.status() == 200 && !isError(mine)
                        && mine.body().contains(own.campaignId), "control: " + own.company + " " + agent.label()
                        + " does not reach its own campaign (initialize → " + init.status()
                        + ", get_campaign_details → " + mine.status() + " " + Report.shorten(mine.body())
                        + "): its refusals below prove nothing");
            }
        }
        for (Tenant victim : all) {
            Web.Answer theirs = call(writers.get(victim), "get_campaign_details",
                    new LinkedHashMap<>(Map.of("campaign_id", victim.campaignId)));
            String seen = leaked(theirs.body(), markers.get(victim), "");
            row.attempt(!isError(theirs) && seen != null, "control: " + victim.company + "'s own agent reading its "
                    + "campaign shows none of the markers the matrix looks for: " + Report.shorten(theirs.body()));
        }
        int calls = 0;
        for (Tenant attacker : List.of(a, b)) {
            for (Tenant victim : all) {
                if (victim == attacker) {
                    continue;
                }
                for (JsonNode tool : tools) {
                    for (Aimed aimed : aimed(tool, victim, attacker)) {
                        for (Agent agent : callers.get(attacker)) {
                            calls++;
                            String who = attacker.company + " " + agent.label() + " → " + victim.company;
                            Web.Answer answer;
                            try {
                                answer = call(agent.key(), aimed.tool(), aimed.args());
                            } catch (RuntimeException e) {
                                row.attempt(false, who + ": " + aimed + " → no answer: " + e.getMessage());
                                continue;
                            }
                            judge(row, who, aimed, answer, markers.get(victim));
                        }
                    }
                }
            }
        }
        // Revoking the other workspace's agent key through Settings → AI agents.
        String victimKeyId = b.agentKeyId("agent writer");
        Web.Answer revoke = a.owner.post("/settings/agents/keys/" + victimKeyId + "/revoke", Map.of());
        Web.Answer still = rpc(writers.get(b), "tools/list", Map.of(), Map.of());
        row.attempt((revoke.status() == 404 || revoke.status() == 403) && still.status() == 200,
                a.company + "'s owner revoking " + b.company + "'s agent key " + victimKeyId + " → "
                        + revoke.status() + "; the key then → " + still.status());
        for (Tenant t : all) {
            String after = state(t);
            row.attempt(before.get(t).equals(after), t.company + " on Meta changed: " + before.get(t) + " → "
                    + after);
        }
        row.note(calls + " aimed calls; answers: " + refusals + (limitedRetries == 0 ? ""
                : "; " + limitedRetries + " rate-limited answers waited out and retried"));
        refusals.clear();
    }

    /** The arguments of a write on the caller's own ads (it would rename or create something if it got through). */
    static Map<String, Object> own(JsonNode tool, Tenant t) {
        Map<String, Object> args = new LinkedHashMap<>(filler(tool));
        Map<String, String> ids = idsOf(t);
        List<String> properties = properties(tool);
        List<String> required = required(tool);
        if (properties.contains("account_id")) {
            args.put("account_id", t.account);
        }
        for (String id : ID_ARGUMENTS) {
            if (required.contains(id) || (properties.contains(id) && tool.path("name").asString()
                    .startsWith("create_"))) {
                args.put(id, ids.get(id));
            }
        }
        return args;
    }

    private void readOnly(Report.Row row, List<JsonNode> tools, List<Agent> callers, Tenant a) {
        String before = state(a);
        long keysBefore = d.count("select count(*) from api_keys");
        List<String> writeTools = tools.stream().filter(McpMatrix::writes).map(t -> t.path("name").asString())
                .toList();
        row.attempt(!writeTools.isEmpty(), "control: the read_write agent key's list has no write tool, so the "
                + "read-only lists below prove nothing");
        for (Agent agent : callers) {
            if (agent.writes()) {
                continue;
            }
            List<JsonNode> listed = tools(agent.key());
            List<String> offered = listed.stream().filter(t -> writes(t)
                    || writeTools.contains(t.path("name").asString())).map(t -> t.path("name").asString()).toList();
            row.attempt(offered.isEmpty(), agent.label() + " is offered write tools: " + offered);
            for (JsonNode tool : tools) {
                if (!writes(tool)) {
                    continue;
                }
                Map<String, Object> args = own(tool, a);
                Web.Answer answer = call(agent.key(), tool.path("name").asString(), args);
                row.attempt(answer.status() == 200 && isError(answer) && category(answer).equals("permission")
                        && type(answer).equals("ReadOnly"), agent.label() + ": " + tool.path("name").asString() + " "
                        + Web.JSON.writeValueAsString(args) + " → " + answer.status() + " "
                        + Report.shorten(answer.body()));
            }
        }
        // Analysts have no keys of their own: the form is refused.
        Web.Answer analystKey = a.analyst.post("/settings/agents/keys", Map.of("name", "analyst's agent", "scope",
                "read_write", "expires_days", "0"));
        row.attempt(analystKey.status() == 403 && !analystKey.body().contains("new-agent-key"),
                "an analyst creating an agent key → " + analystKey.status());
        long keysAfter = d.count("select count(*) from api_keys");
        row.attempt(keysBefore == keysAfter, "API keys: " + keysBefore + " → " + keysAfter);
        String after = state(a);
        row.attempt(before.equals(after), "workspace A on Meta changed: " + before + " → " + after);
    }

    private void allowList(Report.Row row, List<Agent> callers, String writer, Tenant a) {
        Agent limited = callers.stream().filter(c -> c.label().startsWith("agent key limited")).findFirst()
                .orElseThrow();
        a.chooseOnly(List.of(a.account, SECOND_ACCOUNT));
        String campaign;
        String name;
        try {
            Web.Answer theirs = call(writer, "get_campaigns", new LinkedHashMap<>(Map.of("account_id",
                    SECOND_ACCOUNT, "limit", 1)));
            JsonNode first = theirs.json().path("result").path("structuredContent").path("data").path(0);
            campaign = first.path("id").asString("");
            name = first.path("name").asString("");
            row.attempt(!isError(theirs) && !campaign.isEmpty(), "control: the unlimited key does not reach "
                    + SECOND_ACCOUNT + " once the workspace uses it: " + Report.shorten(theirs.body()));
            if (campaign.isEmpty()) {
                return;
            }
            Web.Answer mine = call(limited.key(), "get_campaigns", new LinkedHashMap<>(Map.of("account_id",
                    a.account, "limit", 1)));
            row.attempt(!isError(mine) && mine.status() == 200, "control: the limited key does not reach its own "
                    + "account " + a.account + ": " + Report.shorten(mine.body()));
            refused(row, "the key limited to " + a.account + " (workspace uses both)", limited.key(), a.account,
                    SECOND_ACCOUNT, campaign, name);
        } finally {
            a.chooseOnly(List.of(a.account));
        }
        String before = d.graph(Tenant.DANA, "/" + campaign + "?fields=name,status").toString();
        // The unlimited key read that campaign a moment ago (and the gateway remembers which account it is in).
        refused(row, "the unlimited key after the workspace stopped using " + SECOND_ACCOUNT, writer, a.account,
                SECOND_ACCOUNT, campaign, name);
        Web.Answer never = call(writer, "get_campaigns", new LinkedHashMap<>(Map.of("account_id", NEVER_CHOSEN)));
        row.attempt(isError(never) && category(never).equals("permission"), "the unlimited key reading "
                + NEVER_CHOSEN + " (Dana's, never used by the workspace) → " + Report.shorten(never.body()));
        String after = d.graph(Tenant.DANA, "/" + campaign + "?fields=name,status").toString();
        row.attempt(before.equals(after), "campaign " + campaign + " of " + SECOND_ACCOUNT + " changed: " + before
                + " → " + after);
    }

    /** Reads and a write aimed at {@code account} and its {@code campaign}, and the account list: all refused. */
    private void refused(Report.Row row, String who, String key, String ownAccount, String account, String campaign,
            String name) {
        List<Map<String, Object>> calls = List.of(
                Map.of("get_campaigns", Map.of("account_id", account)),
                Map.of("get_account_info", Map.of("account_id", account)),
                Map.of("get_insights", Map.of("account_id", account)),
                Map.of("get_insights", Map.of("object_id", campaign)),
                Map.of("get_campaign_details", Map.of("campaign_id", campaign)),
                Map.of("get_objects", Map.of("ids", List.of(campaign))),
                Map.of("get_adsets", Map.of("account_id", ownAccount, "campaign_id", campaign)),
                Map.of("update_campaign", Map.of("campaign_id", campaign, "name", "sec-allow-list " + UUID
                        .randomUUID().toString().substring(0, 6))));
        // The account itself is the workspace's own Facebook user's (its picker lists it), and a refusal may name it;
        // what must not come back is its data.
        List<String> markers = List.of(name, campaign);
        for (Map<String, Object> one : calls) {
            Map.Entry<String, Object> entry = one.entrySet().iterator().next();
            @SuppressWarnings("unchecked")
            Map<String, Object> args = new LinkedHashMap<>((Map<String, Object>) entry.getValue());
            Web.Answer answer = call(key, entry.getKey(), args);
            String leak = leaked(answer.body(), markers.stream().filter(m -> m.length() >= 6).toList(),
                    Web.JSON.writeValueAsString(args));
            row.attempt(answer.status() == 200 && isError(answer) && category(answer).equals("permission")
                    && leak == null, who + ": " + entry.getKey() + " " + Web.JSON.writeValueAsString(args) + " → "
                    + answer.status() + (leak == null ? "" : " with " + leak) + " " + Report.shorten(answer.body()));
        }
        Web.Answer accounts = call(key, "get_ad_accounts", new LinkedHashMap<>(Map.of("fields", "id,name")));
        row.attempt(accounts.status() == 200 && !accounts.body().contains(account), who + ": get_ad_accounts "
                + "lists " + account + ": " + Report.shorten(accounts.body()));
    }

    private void tokens(Report.Row row, String writer, Tenant a) {
        String before = state(a);
        // A real token of another Facebook user (Marco): if the gateway let it through, the MCP server would use it.
        String foreign = d.control("POST", "/_sandbox/tokens", "{\"user\":\"" + Tenant.MARCO + "\"}")
                .path("access_token").asString();
        for (Map.Entry<String, Map<String, Object>> call : List.of(
                Map.entry("get_campaigns", Map.<String, Object>of("account_id", "act_1000000006",
                        "access_token", foreign)),
                Map.entry("get_campaigns", Map.<String, Object>of("account_id", a.account, "access_token", foreign)),
                Map.entry("update_campaign", Map.<String, Object>of("campaign_id", a.campaignId, "name",
                        "sec-token-arg", "access_token", foreign)),
                Map.entry("get_campaign_details", Map.<String, Object>of("campaign_id", a.campaignId,
                        "access_token", Map.of("value", foreign))))) {
            Web.Answer answer = call(writer, call.getKey(), new LinkedHashMap<>(call.getValue()));
            row.attempt(answer.status() == 200 && isError(answer) && type(answer).equals("TokenNotAccepted")
                    && !answer.body().contains("Rossi"), call.getKey() + " with an access_token argument → "
                    + answer.status() + " " + Report.shorten(answer.body()));
        }
        for (String header : List.of("X-Meta-Token", "X-Meta-Access-Token", "X-Access-Token", "X-Facebook-Token",
                "X-FB-Token", "X-MCP-Server-Key", "X-Graph-Token")) {
            Web.Answer answer = rpc(writer, "tools/call", Map.of("name", "get_campaigns", "arguments",
                    Map.of("account_id", "act_1000000006")), Map.of(header, foreign));
            row.attempt(answer.status() == 400 && rpcError(answer) && !answer.body().contains("Rossi"),
                    header + " → " + answer.status() + " " + Report.shorten(answer.body()));
        }
        for (String target : List.of("/mcp?access_token=" + foreign, "/mcp/?access_token=" + foreign,
                "/mcp?ACCESS_TOKEN=" + foreign)) {
            Web.Answer answer = agents.withKey(writer, "POST", target, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                    + "\"tools/list\"}", Map.of("Accept", "application/json"));
            row.attempt(answer.status() == 400 && rpcError(answer), target.replace(foreign, "…") + " → "
                    + answer.status() + " " + Report.shorten(answer.body()));
        }
        String after = state(a);
        row.attempt(before.equals(after), "workspace A on Meta changed: " + before + " → " + after);
    }

    private void authentication(Report.Row row, Tenant a) {
        String metadata = d.consoleUrl + "/.well-known/oauth-protected-resource/mcp";
        Web.Answer none = rpc(null, "tools/list", Map.of(), Map.of());
        String challenge = none.header("www-authenticate");
        row.attempt(none.status() == 401 && challenge != null
                && challenge.startsWith("Bearer resource_metadata=\"" + metadata + "\""), "no credential → "
                + none.status() + ", WWW-Authenticate: " + challenge);
        Web.Answer document = new Web(d.consoleUrl).get(metadata);
        row.attempt(document.status() == 200 && document.json().path("resource").asString("").endsWith("/mcp"),
                "the resource metadata " + metadata + " → " + document.status() + " "
                        + Report.shorten(document.body()));
        Web.Answer slash = agents.withKey(null, "POST", "/mcp/", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"tools/list\"}", Map.of("Accept", "application/json"));
        row.attempt(slash.status() == 401, "no credential at /mcp/ → " + slash.status());
        // The owner's console session (cookies) is no credential for agents.
        Web.Answer session = a.owner.withKey(null, "POST", "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"get_campaigns\",\"arguments\":{\"account_id\":\""
                + a.account + "\"}}}", Map.of("Accept", "application/json"));
        row.attempt(session.status() == 401 && !session.body().contains(a.campaignId), "the owner's session "
                + "cookie alone → " + session.status() + " " + Report.shorten(session.body()));
        String dana = d.control("POST", "/_sandbox/tokens", "{\"user\":\"" + Tenant.DANA + "\"}")
                .path("access_token").asString();
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("a mistyped agent key", "abk_" + "x".repeat(43));
        wrong.put("a Meta token of the workspace's own Facebook user", dana);
        for (Map.Entry<String, String> credential : wrong.entrySet()) {
            Web.Answer answer = rpc(credential.getValue(), "tools/list", Map.of(), Map.of());
            row.attempt(answer.status() == 401 && String.valueOf(answer.header("www-authenticate"))
                    .contains("invalid_token"), credential.getKey() + " → " + answer.status() + " "
                    + answer.header("www-authenticate"));
        }
        Web.Answer basic = rpc(null, "tools/list", Map.of(), Map.of("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((a.ownerEmail + ":" + Tenant.PASSWORD).getBytes())));
        row.attempt(basic.status() == 401, "the owner's e-mail and password as Basic → " + basic.status());

        // Revoked on Settings → AI agents: the next call is refused.
        String name = "to revoke " + UUID.randomUUID().toString().substring(0, 6);
        String key = a.agentKey(a.owner, name, "read", List.of());
        int live = rpc(key, "tools/list", Map.of(), Map.of()).status();
        a.owner.post("/settings/agents/keys/" + a.agentKeyId(name) + "/revoke", Map.of());
        Web.Answer revoked = call(key, "get_campaigns", new LinkedHashMap<>(Map.of("account_id", a.account)));
        row.attempt(live == 200 && revoked.status() == 401 && !revoked.body().contains(a.campaignId),
                "an agent key revoked on Settings → AI agents (" + live + " before) → " + revoked.status() + " "
                        + Report.shorten(revoked.body()));
        // An API key revoked through the API.
        JsonNode apiKey = a.createKey("mcp then revoked", "read");
        int apiLive = rpc(apiKey.path("key").asString(), "tools/list", Map.of(), Map.of()).status();
        int deleted = a.owner.api("DELETE", "/api/v1/api-keys/" + apiKey.path("id").asString(), null).status();
        Web.Answer apiRevoked = rpc(apiKey.path("key").asString(), "tools/list", Map.of(), Map.of());
        row.attempt(apiLive == 200 && deleted == 200 && apiRevoked.status() == 401, "an API key revoked with DELETE "
                + "(" + apiLive + " before, DELETE → " + deleted + ") → " + apiRevoked.status());
        // The key of a member who was removed from the workspace.
        Tenant.Teammate admin = a.teammate("ADMIN");
        String adminKey = a.agentKey(admin.web(), "leaving admin's agent", "read_write", List.of());
        int adminLive = rpc(adminKey, "tools/list", Map.of(), Map.of()).status();
        a.owner.post("/team/members/" + a.memberId(admin.email()) + "/remove", Map.of());
        Web.Answer removed = call(adminKey, "get_campaigns", new LinkedHashMap<>(Map.of("account_id", a.account)));
        row.attempt(adminLive == 200 && removed.status() == 401, "the agent key of a removed admin (" + adminLive
                + " before) → " + removed.status() + " " + Report.shorten(removed.body()));
    }

    private void rebinding(Report.Row row, String writer) {
        int port = URI.create(d.consoleUrl).getPort();
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        Map<String, String> base = new LinkedHashMap<>();
        base.put("Authorization", "Bearer " + writer);
        base.put("Content-Type", "application/json");
        base.put("Accept", "application/json, text/event-stream");
        Web.RawAnswer control = Web.rawRequest(port, "POST", "/mcp", base, list, Duration.ofSeconds(30));
        row.attempt(control.status() == 200 && control.body().contains("\"tools\""), "control: the same request "
                + "with the console's own Host and no Origin → " + control);
        for (String host : List.of("rebind.example", "rebind.example:" + port, "127.0.0.1.rebind.example:" + port)) {
            Map<String, String> headers = new LinkedHashMap<>(base);
            headers.put("Host", host);
            Web.RawAnswer answer = Web.rawRequest(port, "POST", "/mcp", headers, list, Duration.ofSeconds(30));
            row.attempt(answer.status() == 421 && !answer.body().contains("\"tools\""), "Host: " + host + " → "
                    + answer);
        }
        for (String origin : List.of("http://rebind.example", "http://rebind.example:" + port,
                "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1), "null")) {
            Map<String, String> headers = new LinkedHashMap<>(base);
            headers.put("Origin", origin);
            Web.RawAnswer answer = Web.rawRequest(port, "POST", "/mcp", headers, list, Duration.ofSeconds(30));
            row.attempt(answer.status() == 403 && !answer.body().contains("\"tools\"")
                    && answer.header("Access-Control-Allow-Origin") == null, "Origin: " + origin + " → " + answer);
        }
        Map<String, String> preflight = new LinkedHashMap<>();
        preflight.put("Origin", "http://rebind.example");
        preflight.put("Access-Control-Request-Method", "POST");
        preflight.put("Access-Control-Request-Headers", "authorization, content-type");
        Web.RawAnswer options = Web.rawRequest(port, "OPTIONS", "/mcp", preflight, null, Duration.ofSeconds(30));
        row.attempt(options.status() == 403 && options.header("Access-Control-Allow-Origin") == null,
                "CORS preflight from http://rebind.example → " + options.status() + ", Access-Control-Allow-Origin: "
                        + options.header("Access-Control-Allow-Origin"));
    }
}
