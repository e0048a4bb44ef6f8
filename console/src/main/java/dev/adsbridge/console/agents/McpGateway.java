package dev.adsbridge.console.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsbridge.console.ads.AdsCaller;
import dev.adsbridge.console.ads.AdsException;
import dev.adsbridge.console.ads.AgentTools;
import dev.adsbridge.console.apikeys.ApiRateLimits;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant MCP endpoint's protocol: one JSON-RPC message from an authenticated agent ({@link AgentCredential}) in,
 * one answer out. {@code initialize}, {@code ping} and notifications are answered here; {@code tools/list} is the MCP
 * server's list, narrowed to the read tools for read-only credentials and analysts, without the {@code access_token}
 * argument; {@code tools/call} is checked (tool visible to the credential, no {@code access_token}, every account id
 * and object id in the tenant's chosen accounts and the credential's allow-list, the spend rule for writes, rate
 * limits), then forwarded through the ads module with the tenant's Meta token, and its result scrubbed of anything
 * shaped like a token. Writes are audited with the agent's name and the member.
 */
@Service
class McpGateway {

    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Logger log = LoggerFactory.getLogger(McpGateway.class);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Pattern ACCOUNT = Pattern.compile("(act_)?[0-9]{1,30}");
    /** Arguments that name one object of an ad account. */
    private static final List<String> OBJECT_ARGUMENTS = List.of("campaign_id", "adset_id", "ad_id", "creative_id",
            "target_campaign_id", "target_adset_id", "origin_audience_id", "report_run_id", "object_id");
    /**
     * Tools of the MCP server that mean nothing behind the console: an agent here is already connected through the
     * workspace's Facebook connection, so there is no login link to hand it (the server's own answer is for operators).
     */
    private static final Set<String> NOT_FOR_AGENTS = Set.of("get_login_link");
    /** Arguments the gateway reads and never forwards: the agent's consent to a spend-raising write. */
    private static final Set<String> CONSENT_ARGUMENTS = Set.of("confirm", "confirm_amount");
    /** Write tools that can start or raise spend: they take {@code confirm} / {@code confirm_amount}. */
    static final Set<String> SPEND_TOOLS = Set.of("create_campaign", "create_adset", "create_ad", "update_campaign",
            "update_adset", "update_ad", "duplicate_campaign", "duplicate_adset", "duplicate_ad",
            "create_budget_schedule");

    private final AgentTools tools;
    private final ObjectAccounts objects;
    private final ApiRateLimits rateLimits;
    private final ResultScrubber scrubber = new ResultScrubber(JSON);
    private final Cache<Boolean, JsonNode> toolLists;
    private final Cache<String, String> clientNames = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(12))
            .maximumSize(100_000).build();

    McpGateway(AgentTools tools, ObjectAccounts objects, ApiRateLimits rateLimits,
            AgentGatewayProperties properties) {
        this.tools = tools;
        this.objects = objects;
        this.rateLimits = rateLimits;
        this.toolLists = Caffeine.newBuilder().expireAfterWrite(properties.toolsCacheTtl()).build();
    }

    /** One request's context: who, and what the audit log records about the request. */
    record Call(AgentCredential credential, @Nullable String userAgent, String requestId, @Nullable String clientIp) {
    }

    /** An answer: the HTTP status and the JSON-RPC body (null for 202 Accepted), and a Retry-After when limited. */
    record Answer(int status, @Nullable JsonNode body, @Nullable Long retryAfter) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body, null);
        }
    }

    Answer handle(Call call, JsonNode message) {
        JsonNode id = message.get("id");
        String method = message.path("method").asString("");
        if (!"2.0".equals(message.path("jsonrpc").asString("")) || method.isEmpty()) {
            return error(400, id, -32600, "Invalid request: a JSON-RPC 2.0 message with a method");
        }
        if (id == null || id.isNull()) {
            // A notification (notifications/initialized, cancelled…): nothing to answer.
            return new Answer(202, null, null);
        }
        if (!"ping".equals(method)) {
            Long wait = rateLimits.tryCharge(call.credential().tenant(), "agent:" + call.credential().handle());
            if (wait != null) {
                // HTTP's own answer (429 with Retry-After), which MCP clients and their HTTP stacks understand,
                // with a JSON-RPC error for the request that says the same to the agent.
                ObjectNode limited = rpcError(id, -32000, "Rate limited: too many requests from this agent or "
                        + "workspace in a short time. Try again in " + wait + " s.");
                ((ObjectNode) limited.path("error")).putObject("data").put("category", "rate_limit")
                        .put("retry_after_seconds", wait);
                return new Answer(429, limited, wait);
            }
        }
        ObjectNode params = message.path("params") instanceof ObjectNode p ? p : JSON.createObjectNode();
        return switch (method) {
            case "initialize" -> Answer.ok(result(id, initialize(call, params)));
            case "ping" -> Answer.ok(result(id, JSON.createObjectNode()));
            case "tools/list" -> list(call, id);
            case "tools/call" -> callTool(call, id, message.get("params"));
            default -> error(200, id, -32601, "Method not found: " + method);
        };
    }

    private JsonNode initialize(Call call, ObjectNode params) {
        String asked = params.path("protocolVersion").asString("");
        String name = clean(params.path("clientInfo").path("name").asString(""));
        if (!name.isEmpty()) {
            String version = clean(params.path("clientInfo").path("version").asString(""));
            clientNames.put(call.credential().handle(), version.isEmpty() ? name : name + " " + version);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        ObjectNode server = result.putObject("serverInfo");
        server.put("name", "adsbridge-console");
        server.put("title", "AdsBridge: " + call.credential().name());
        server.put("version", "1.0.0");
        result.put("instructions", "Meta (Facebook) Ads of this workspace's chosen ad accounts. The workspace's "
                + "Facebook connection is used for you: never send an access_token. "
                + (call.credential().canWrite()
                        ? "Objects are created PAUSED; to create something ACTIVE, activate, or raise a budget, bid "
                        + "or schedule, send confirm: true (and confirm_amount when the answer asks for it)."
                        : "This credential only reads."));
        return result;
    }

    private Answer list(Call call, JsonNode id) {
        boolean readOnly = !call.credential().canWrite();
        JsonNode listed;
        try {
            listed = toolList(readOnly);
        } catch (AdsException e) {
            return error(200, id, -32603, e.getMessage());
        }
        return Answer.ok(result(id, listed));
    }

    /** The MCP server's list for this narrowing, without {@code access_token}, with the consent arguments. */
    private JsonNode toolList(boolean readOnly) {
        return toolLists.get(readOnly, ro -> {
            JsonNode raw = tools.listTools(ro);
            ObjectNode copy = JSON.createObjectNode();
            ArrayNode list = copy.putArray("tools");
            for (JsonNode tool : raw.path("tools")) {
                if (NOT_FOR_AGENTS.contains(tool.path("name").asString(""))) {
                    continue;
                }
                ObjectNode t = (ObjectNode) tool.deepCopy();
                if (t.path("inputSchema") instanceof ObjectNode schema) {
                    if (schema.path("properties") instanceof ObjectNode properties) {
                        properties.remove("access_token");
                        if (SPEND_TOOLS.contains(t.path("name").asString(""))) {
                            properties.putObject("confirm").put("type", "boolean").put("description",
                                    "Your consent, after asking the user, to a change that can start or raise spend "
                                            + "(creating something ACTIVE, activating, raising a budget or bid, "
                                            + "extending a schedule). Without it such a change is refused.");
                            properties.putObject("confirm_amount").put("type", "string").put("description",
                                    "The amount to confirm, in currency units (\"750.00\"), when the refusal asks "
                                            + "for it: above the workspace's confirmation limit.");
                        }
                    }
                    if (schema.path("required") instanceof ArrayNode required) {
                        for (int i = required.size() - 1; i >= 0; i--) {
                            if ("access_token".equals(required.get(i).asString(""))) {
                                required.remove(i);
                            }
                        }
                    }
                }
                list.add(t);
            }
            return copy;
        });
    }

    /** Whether a tool is in this credential's list, and whether it writes. */
    private Optional<Boolean> visibleWrite(boolean readOnly, String name) {
        for (JsonNode tool : toolList(readOnly).path("tools")) {
            if (name.equals(tool.path("name").asString(""))) {
                return Optional.of(!tool.path("annotations").path("readOnlyHint").asBoolean(false));
            }
        }
        return Optional.empty();
    }

    private Answer callTool(Call call, JsonNode id, @Nullable JsonNode params) {
        if (!(params instanceof ObjectNode p) || !p.path("name").isString()
                || (p.has("arguments") && !p.get("arguments").isObject() && !p.get("arguments").isNull())) {
            return error(400, id, -32602, "Invalid params: tools/call needs a tool name and an arguments object");
        }
        AgentCredential credential = call.credential();
        String tool = p.path("name").asString();
        @SuppressWarnings("unchecked")
        Map<String, Object> args = p.path("arguments").isObject()
                ? new LinkedHashMap<>(JSON.convertValue(p.get("arguments"), Map.class)) : new LinkedHashMap<>();
        AdsCaller caller = new AdsCaller(credential.tenant(), actor(call), credential.canWrite() ? null
                : credential.role().canWrite() ? AdsCaller.WriteDenial.READ_ONLY_KEY
                : AdsCaller.WriteDenial.READ_ONLY_ROLE, call.requestId(), call.clientIp());
        boolean readOnly = !credential.canWrite();
        Optional<Boolean> writes;
        try {
            writes = visibleWrite(readOnly, tool);
            if (writes.isEmpty() && readOnly && visibleWrite(false, tool).orElse(false)) {
                audit(call, caller, tool, args, null, AuditEvent.DENIED, "read-only credential");
                return Answer.ok(result(id, refusal("permission", "ReadOnly", "This agent can only read: "
                        + (credential.role().canWrite() ? "its credential has the ads:read scope only."
                        : "the member it acts for is an analyst.") + " '" + tool + "' changes ads.", null)));
            }
        } catch (AdsException e) {
            return Answer.ok(result(id, failure(e)));
        }
        if (writes.isEmpty()) {
            return Answer.ok(result(id, refusal("invalid_request", "ToolNotAvailable", "Unknown tool '" + tool
                    + "'. Call tools/list for the tools this agent may use.", null)));
        }
        boolean write = writes.get();
        if (args.containsKey("access_token")) {
            if (write) {
                audit(call, caller, tool, args, null, AuditEvent.DENIED, "access_token argument");
            }
            return Answer.ok(result(id, refusal("permission", "TokenNotAccepted", "Do not send access_token: the "
                    + "workspace's Facebook connection is used for you, and tokens are never accepted from agents.",
                    null)));
        }
        String account;
        try {
            account = reachableAccount(call, caller, tool, args);
        } catch (Denied denied) {
            if (write) {
                audit(call, caller, tool, args, null, AuditEvent.DENIED, denied.getMessage());
            }
            return Answer.ok(result(id, refusal("permission", "PermissionDenied", denied.getMessage(), null)));
        } catch (AdsException e) {
            return Answer.ok(result(id, failure(e)));
        }
        Map<String, Object> forwarded = new LinkedHashMap<>(args);
        CONSENT_ARGUMENTS.forEach(forwarded::remove);
        JsonNode result;
        try {
            if (write && account != null) {
                tools.reviewSpend(caller, tool, account, args);
            } else if (write && SPEND_TOOLS.contains(tool)) {
                throw new Denied("This change names no ad account this agent may reach.");
            }
            result = tools.call(caller, account, tool, forwarded, write);
        } catch (Denied denied) {
            audit(call, caller, tool, args, null, AuditEvent.DENIED, denied.getMessage());
            return Answer.ok(result(id, refusal("permission", "PermissionDenied", denied.getMessage(), null)));
        } catch (AdsException e) {
            if (write) {
                audit(call, caller, tool, args, null, e.problem() == AdsException.Problem.CONFIRMATION_REQUIRED
                        || e.problem() == AdsException.Problem.REFUSED_BY_GUARD ? AuditEvent.DENIED
                        : AuditEvent.FAILURE, e.code());
            }
            return Answer.ok(result(id, failure(e)));
        }
        boolean isError = result.path("isError").asBoolean(false);
        JsonNode structured = structured(result);
        if (!isError && account != null) {
            objects.learn(credential.tenant(), tool, account, structured);
        }
        if (!isError && "get_ad_accounts".equals(tool)) {
            result = onlyReachable(credential, result);
        }
        if (write) {
            audit(call, caller, tool, args, structured, isError ? AuditEvent.FAILURE : AuditEvent.SUCCESS,
                    isError ? structured.path("error").path("message").asString("") : null);
        }
        return Answer.ok(result(id, scrubber.scrub(result)));
    }

    /**
     * The one chosen account the call reaches (null when it names none: searches, targeting, the account list);
     * every account id and object id in the arguments must be in the tenant's chosen accounts and the credential's
     * allow-list. Object ids are checked from what the tenant already read ({@link ObjectAccounts}), else by one
     * look-up each.
     */
    private @Nullable String reachableAccount(Call call, AdsCaller caller, String tool, Map<String, Object> args) {
        AgentCredential credential = call.credential();
        List<String> chosen = tools.chosenAccounts(credential.tenant());
        Set<String> accounts = new LinkedHashSet<>();
        Object accountArg = args.get("account_id");
        if (accountArg != null) {
            accounts.add(account(accountArg));
        }
        List<String> ids = new ArrayList<>();
        for (String name : OBJECT_ARGUMENTS) {
            Object value = args.get(name);
            if (value == null || (value instanceof String s && s.isBlank())) {
                continue;
            }
            if (!(value instanceof String s)) {
                throw new Denied("'" + name + "' must be an id (digits).");
            }
            if (s.startsWith("act_")) {
                accounts.add(account(s));
            } else {
                ids.add(s.strip());
            }
        }
        if (args.get("ids") instanceof List<?> list) {
            for (Object value : list) {
                String s = String.valueOf(value).strip();
                if (s.startsWith("act_")) {
                    accounts.add(account(s));
                } else {
                    ids.add(s);
                }
            }
        } else if (args.get("ids") instanceof String text) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    ids.add(s.strip());
                }
            }
        }
        // Ids inside structured arguments: a campaign's per-ad-set budgets name ad sets.
        for (Object entry : entries(args.get("adset_budgets"))) {
            if (entry instanceof Map<?, ?> budget && budget.get("adset_id") != null) {
                ids.add(String.valueOf(budget.get("adset_id")).strip());
            }
        }
        for (String account : accounts) {
            requireReachable(credential, chosen, account);
        }
        for (String objectId : ids) {
            if (!DIGITS.matcher(objectId).matches()) {
                throw new Denied("'" + objectId + "' is not an object id (digits).");
            }
            String account = objects.get(credential.tenant(), objectId).orElse(null);
            if (account == null) {
                account = tools.accountOf(caller, objectId).orElseThrow(() -> new Denied("Object " + objectId
                        + " is not in an ad account this agent may reach. Agents reach only the ad accounts the "
                        + "workspace chose in AdsBridge" + (credential.adAccounts() == null ? "."
                        : " and its credential allows.")));
                objects.put(credential.tenant(), objectId, account);
            }
            requireReachable(credential, chosen, account);
            accounts.add(account);
        }
        if (accounts.isEmpty() && !chosen.stream().anyMatch(credential::allowsAccount)) {
            throw new Denied("This agent may reach no ad account: choose one in AdsBridge (and allow it for this "
                    + "credential).");
        }
        String account = accounts.isEmpty() ? null : accounts.iterator().next();
        for (String videoId : videoIds(args)) {
            requireVideoOf(call, caller, tool, args, videoId, account);
        }
        for (String pixelId : pixelIds(args)) {
            requirePixelOf(call, caller, pixelId, account);
        }
        return account;
    }

    /**
     * The pixels a call names: an ad set's {@code promoted_object.pixel_id}, an ad's {@code tracking_specs[].fb_pixel}
     * and the {@code event_sources} of type pixel in an audience's {@code rule} (inclusions and exclusions).
     */
    private static Set<String> pixelIds(Map<String, Object> args) {
        Set<String> ids = new LinkedHashSet<>();
        addId(ids, object(args.get("promoted_object")).get("pixel_id"));
        for (Object spec : entries(args.get("tracking_specs"))) {
            if (spec instanceof Map<?, ?> map) {
                Object pixels = map.get("fb_pixel");
                if (pixels instanceof List<?> || pixels instanceof String text && text.strip().startsWith("[")) {
                    entries(pixels).forEach(pixel -> addId(ids, pixel));
                } else {
                    addId(ids, pixels);
                }
            }
        }
        Map<?, ?> rule = object(args.get("rule"));
        for (String part : List.of("inclusions", "exclusions")) {
            Object rules = rule.get(part) instanceof Map<?, ?> group ? group.get("rules") : null;
            for (Object entry : entries(rules)) {
                Object sources = entry instanceof Map<?, ?> map ? map.get("event_sources") : null;
                for (Object source : entries(sources)) {
                    if (source instanceof Map<?, ?> event && "pixel".equals(event.get("type"))) {
                        addId(ids, event.get("id"));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * A pixel is shared with ad accounts rather than inside one, so it must be among the pixels of the account the
     * call reaches ({@code get_ad_pixels}, up to 500): a token that sees many clients' pixels (an agency's) must not
     * let an agent optimise or build audiences on another client's data. Found pixels are remembered like objects.
     */
    private void requirePixelOf(Call call, AdsCaller caller, String pixelId, @Nullable String account) {
        if (!DIGITS.matcher(pixelId).matches()) {
            throw new Denied("'" + pixelId + "' is not a pixel id (digits).");
        }
        if (account == null) {
            throw new Denied("Name the account_id whose pixel " + pixelId + " this is: agents use only the pixels of "
                    + "the ad accounts the workspace chose.");
        }
        TenantId tenant = call.credential().tenant();
        if (account.equals(objects.get(tenant, pixelId).orElse(null))) {
            return;
        }
        String after = null;
        for (int page = 0; page < 5; page++) {
            Map<String, Object> listing = new LinkedHashMap<>(Map.of("account_id", account, "limit", 100,
                    "fields", "id"));
            if (after != null) {
                listing.put("after", after);
            }
            JsonNode found = tools.call(caller, account, "get_ad_pixels", listing, false);
            if (found.path("isError").asBoolean(false)) {
                throw new Denied("The pixels of " + account + " could not be read to check pixel " + pixelId + ": "
                        + structured(found).path("error").path("message").asString("no answer"));
            }
            JsonNode pixels = structured(found);
            for (JsonNode pixel : pixels.path("data")) {
                objects.put(tenant, pixel.path("id").asString(""), account);
            }
            if (account.equals(objects.get(tenant, pixelId).orElse(null))) {
                return;
            }
            after = pixels.path("next_cursor").asString("");
            if (after.isEmpty()) {
                break;
            }
        }
        throw new Denied("Pixel " + pixelId + " is not one of the pixels of " + account + " (get_ad_pixels lists "
                + "them). Agents use only the pixels of the ad accounts the workspace chose.");
    }

    /**
     * The videos a call names: {@code video_id}, and inside a creative's {@code videos}, {@code object_story_spec}
     * ({@code video_data}) and {@code asset_feed_spec} ({@code videos}), each given as JSON or as its text.
     */
    private static Set<String> videoIds(Map<String, Object> args) {
        Set<String> ids = new LinkedHashSet<>();
        addId(ids, args.get("video_id"));
        for (Object entry : entries(args.get("videos"))) {
            addId(ids, entry instanceof Map<?, ?> video ? video.get("video_id") : null);
        }
        if (object(args.get("object_story_spec")).get("video_data") instanceof Map<?, ?> videoData) {
            addId(ids, videoData.get("video_id"));
        }
        for (Object entry : entries(object(args.get("asset_feed_spec")).get("videos"))) {
            addId(ids, entry instanceof Map<?, ?> video ? video.get("video_id") : null);
        }
        return ids;
    }

    private static void addId(Set<String> ids, @Nullable Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            ids.add(String.valueOf(value).strip());
        }
    }

    /**
     * A video has no account_id at Meta, so it is checked against the video library of the account the call
     * reaches: get_ad_video is asked for a video of that library only ({@code library_only}); any other tool (a
     * creative with a video) costs one get_ad_video look-up, remembered like other objects.
     */
    private void requireVideoOf(Call call, AdsCaller caller, String tool, Map<String, Object> args, String videoId,
                                @Nullable String account) {
        if (!DIGITS.matcher(videoId).matches()) {
            throw new Denied("'" + videoId + "' is not a video id (digits).");
        }
        if (account == null) {
            throw new Denied("Name the account_id whose video library holds video " + videoId + " (or the ad_id "
                    + "that uses it): agents reach only the videos of the ad accounts the workspace chose.");
        }
        if ("get_ad_video".equals(tool)) {
            args.put("account_id", account);
            args.put("library_only", true);
            return;
        }
        TenantId tenant = call.credential().tenant();
        if (account.equals(objects.get(tenant, videoId).orElse(null))) {
            return;
        }
        JsonNode found = tools.call(caller, account, "get_ad_video", Map.of("video_id", videoId, "account_id",
                account, "library_only", true), false);
        if (found.path("isError").asBoolean(false)) {
            throw new Denied("Video " + videoId + " was not found in the video library of " + account + ": "
                    + structured(found).path("error").path("message").asString("no answer") + " Agents use only "
                    + "the videos of the ad accounts the workspace chose.");
        }
        objects.put(tenant, videoId, account);
    }

    /** An object argument given as an object or as its JSON text; empty for anything else (the tool refuses it). */
    private static Map<?, ?> object(@Nullable Object value) {
        return value instanceof Map<?, ?> map ? map : fromText(value, "{", Map.class, Map.of());
    }

    /** A list argument given as a list or as its JSON text; empty for anything else (the tool refuses it). */
    private static List<?> entries(@Nullable Object value) {
        return value instanceof List<?> list ? list : fromText(value, "[", List.class, List.of());
    }

    private static <T> T fromText(@Nullable Object value, String opener, Class<T> type, T empty) {
        if (value instanceof String text && text.strip().startsWith(opener)) {
            try {
                return JSON.readValue(text, type);
            } catch (RuntimeException notJson) {
                return empty;
            }
        }
        return empty;
    }

    private static String account(Object value) {
        String s = String.valueOf(value).strip();
        if (!ACCOUNT.matcher(s).matches()) {
            throw new Denied("'" + s + "' is not an ad account id (act_ and digits).");
        }
        return s.startsWith("act_") ? s : "act_" + s;
    }

    private static void requireReachable(AgentCredential credential, List<String> chosen, String account) {
        if (!chosen.contains(account)) {
            throw new Denied("Ad account " + account + " is not one this workspace chose in AdsBridge, so agents "
                    + "cannot reach it (nor anything in it).");
        }
        if (!credential.allowsAccount(account)) {
            throw new Denied("Ad account " + account + " is not among the ad accounts this agent's credential "
                    + "allows.");
        }
    }

    /** get_ad_accounts: only the accounts the agent may reach. */
    private JsonNode onlyReachable(AgentCredential credential, JsonNode result) {
        List<String> chosen = tools.chosenAccounts(credential.tenant());
        ObjectNode copy = (ObjectNode) result.deepCopy();
        ObjectNode structured = copy.path("structuredContent") instanceof ObjectNode s ? s : null;
        if (structured != null && structured.path("data") instanceof ArrayNode data) {
            for (int i = data.size() - 1; i >= 0; i--) {
                String account = data.get(i).path("id").asString("");
                if (!chosen.contains(account) || !credential.allowsAccount(account)) {
                    data.remove(i);
                }
            }
            copy.set("content", JSON.createArrayNode().add(JSON.createObjectNode().put("type", "text")
                    .put("text", JSON.writeValueAsString(structured))));
        }
        return copy;
    }

    private static JsonNode structured(JsonNode result) {
        JsonNode structured = result.path("structuredContent");
        if (structured.isObject()) {
            return structured;
        }
        for (JsonNode item : result.path("content")) {
            if ("text".equals(item.path("type").asString(""))) {
                try {
                    return JSON.readTree(item.path("text").asString(""));
                } catch (RuntimeException e) {
                    return JSON.createObjectNode();
                }
            }
        }
        return JSON.createObjectNode();
    }

    /** The agent's name: what it said in initialize, else its User-Agent, else the credential's name. */
    String clientName(Call call) {
        String named = clientNames.getIfPresent(call.credential().handle());
        if (named != null) {
            return named;
        }
        String agent = clean(call.userAgent() == null ? "" : call.userAgent());
        return agent.isEmpty() ? call.credential().name() : agent;
    }

    /**
     * The audit log's actor: the credential's name (the key's or the OAuth client's, which the workspace saw when it
     * was made), then what the agent calls itself (its own word, so second), then the member it acts for.
     */
    private String actor(Call call) {
        String name = call.credential().name();
        String client = clientName(call);
        String actor = "agent:" + name + (client.equals(name) ? "" : " via " + client) + " ("
                + call.credential().memberEmail() + ")";
        return actor.length() <= 320 ? actor : actor.substring(0, 320);
    }

    private void audit(Call call, AdsCaller caller, String tool, Map<String, Object> args,
            @Nullable JsonNode structured, String outcome, @Nullable String reason) {
        String type = targetType(tool);
        String targetId = "";
        for (String field : List.of(type + "_id", "id")) {
            if (args.get(field) instanceof String s && targetId.isEmpty()) {
                targetId = s;
            }
            if (structured != null && targetId.isEmpty() && structured.path(field).isString()) {
                targetId = structured.path(field).asString();
            }
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("agent", call.credential().name());
        after.put("client", clientName(call));
        after.put("member", call.credential().memberEmail());
        after.put("credential", call.credential().handle());
        after.put("via", "mcp");
        after.put("tool", tool);
        Map<String, Object> shown = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (ResultScrubber.secretField(k)) {
                shown.put(k, ResultScrubber.REMOVED);
            } else if (v instanceof String s && s.length() > 500) {
                shown.put(k, "(" + s.length() + " characters)");
            } else {
                shown.put(k, v);
            }
        });
        after.put("arguments", shown);
        if (reason != null && !reason.isBlank()) {
            after.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        try {
            tools.audit(caller, "agent." + tool, type, targetId, after, outcome);
        } catch (RuntimeException e) {
            log.warn("Could not record an agent's {} in the audit log: {}", tool, e.getClass().getSimpleName());
        }
    }

    private static String targetType(String tool) {
        String object = tool.replaceFirst("^(create|update|duplicate|upload|get|list|search)_", "");
        return switch (object) {
            case "campaign", "budget_schedule" -> "campaign";
            case "adset" -> "adset";
            case "ad" -> "ad";
            case "ad_creative" -> "creative";
            case "ad_image" -> "image";
            case "custom_audience", "lookalike_audience" -> "audience";
            default -> object;
        };
    }

    /** A refusal of ours as a tool result, shaped like the MCP server's own errors. */
    static ObjectNode refusal(String category, String type, String message, @Nullable Long retryAfter) {
        ObjectNode structured = JSON.createObjectNode();
        ObjectNode error = structured.putObject("error");
        error.putNull("code");
        error.put("type", type);
        error.put("message", message);
        error.put("category", category);
        if (retryAfter != null) {
            error.put("retry_after_seconds", retryAfter);
        }
        return toolResult(structured);
    }

    /** An ads-module refusal (confirmation needed, spend guard, no connection…) as a tool result. */
    private static ObjectNode failure(AdsException e) {
        ObjectNode structured = JSON.createObjectNode();
        ObjectNode error = structured.putObject("error");
        error.putNull("code");
        error.put("type", e.code());
        error.put("message", e.getMessage());
        error.put("category", switch (e.problem()) {
            case CONFIRMATION_REQUIRED, REFUSED_BY_GUARD, FORBIDDEN, META_PERMISSION, NOT_FOUND -> "permission";
            case RATE_LIMITED -> "rate_limit";
            case CONNECTION -> "auth";
            case UNAVAILABLE, META_UNAVAILABLE -> "transient";
            default -> "invalid_request";
        });
        if (e.details() != null) {
            error.set("details", JSON.valueToTree(e.details()));
        }
        if (e.retryAfterSeconds() != null) {
            error.put("retry_after_seconds", e.retryAfterSeconds());
        }
        return toolResult(structured);
    }

    private static ObjectNode toolResult(ObjectNode structured) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", JSON.writeValueAsString(structured));
        result.set("structuredContent", structured);
        result.put("isError", true);
        return result;
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.set("result", result);
        return answer;
    }

    static ObjectNode rpcError(@Nullable JsonNode id, int code, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id == null ? JSON.nullNode() : id);
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    static Answer error(int status, @Nullable JsonNode id, int code, String message) {
        return new Answer(status, rpcError(id, code, message), null);
    }

    private static String clean(String value) {
        String s = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return s.length() <= 100 ? s : s.substring(0, 100);
    }

    /** A refusal of this gateway's own: the message is for the agent. */
    static final class Denied extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Denied(String message) {
            super(message, null, false, false);
        }
    }
}
