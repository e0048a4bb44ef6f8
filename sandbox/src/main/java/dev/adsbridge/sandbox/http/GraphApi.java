package dev.adsbridge.sandbox.http;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Graph request pipeline: faults → route → version check → token → appsecret_proof → target node, access and
 * scopes → rate-limit charge → handler. Features register their routes here; the servlet, batch items and field
 * expansion all run through {@link #execute(GraphCall)}.
 *
 * <p>Two kinds of routes: static paths ({@code oauth/access_token}, {@code debug_token}, {@code search}, …) and node
 * routes keyed by (method, node type, edge), where the first path segment is an object id, {@code act_…} or {@code me}.
 */
public final class GraphApi {

    /** Who may call a static route. */
    public enum Auth { NONE, ANY_TOKEN, USER_TOKEN }

    private record StaticRoute(Auth auth, Handler handler) {
    }

    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,20}");
    private static final DateTimeFormatter EXPIRY_FORMAT =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'PDT'").withZone(ZoneOffset.ofHours(-7));

    private final SandboxContext context;
    private final Map<String, StaticRoute> staticRoutes = new ConcurrentHashMap<>();
    private final Map<String, Handler> nodeRoutes = new ConcurrentHashMap<>();

    public GraphApi(SandboxContext context) {
        this.context = context;
    }

    public SandboxContext context() {
        return context;
    }

    /** A fixed path such as {@code oauth/access_token} ({@code ""} is the root: batch and {@code ids=}). */
    public void route(String method, String path, Auth auth, Handler handler) {
        staticRoutes.put(method + " " + path, new StaticRoute(auth, handler));
    }

    /** A node route; {@code edge} null for the node itself. Needs a user token. */
    public void node(String method, NodeType type, String edge, Handler handler) {
        nodeRoutes.put(key(method, type, edge), handler);
    }

    public boolean hasEdge(NodeType type, String edge) {
        return nodeRoutes.containsKey(key("GET", type, edge));
    }

    private static String key(String method, NodeType type, String edge) {
        return method + " " + type + " " + (edge == null ? "" : edge);
    }

    /** Runs one call through the whole pipeline. */
    public Object execute(GraphCall call) {
        call.api(this);
        if (!call.isNested()) {
            context.faults().beforeCall(call);
            context.limits().count(call);
        }
        String path = call.pathString();
        StaticRoute route = staticRoutes.get(call.method() + " " + path);
        if (route != null || call.path().isEmpty()) {
            admitPlatformCall(call);
        }
        if (route != null) {
            if (route.auth() != Auth.NONE) {
                authenticate(call, route.auth() == Auth.USER_TOKEN);
            }
            return route.handler().handle(call);
        }
        if (call.path().isEmpty()) {
            if ("GET".equals(call.method()) && call.has("ids")) {
                authenticate(call, false);
                return multiIdRead(call);
            }
            throw GraphErrors.unknownPath("");
        }
        int major = versionNumber(call);
        authenticate(call, true);
        return executeNodeRoute(call, major);
    }

    /**
     * Graph API calls count toward the app's platform rate limit (code 4 when used up); Marketing API calls are
     * subject to Business Use Case limits instead (Graph API "Rate Limits"), so they are not admitted here.
     */
    private void admitPlatformCall(GraphCall call) {
        if (!call.isNested()) {
            context.limits().admit(call);
        }
    }

    /** Field expansion: {@code adsets.limit(5){name}} on a node → the GET edge's answer with those parameters. */
    public Object expand(GraphCall parent, Node node, FieldSpec spec) {
        Map<String, String> params = new LinkedHashMap<>(spec.modifiers());
        if (!spec.children().isEmpty()) {
            params.put("fields", spec.childrenAsFieldsParam());
        }
        GraphCall child = parent.child("GET", List.of(node.id(), spec.name()), params);
        return executeNodeRoute(child);
    }

    private Object executeNodeRoute(GraphCall call) {
        return executeNodeRoute(call, context.config().minApiVersion());
    }

    private Object executeNodeRoute(GraphCall call, int major) {
        List<String> path = call.path();
        String id = path.get(0);
        Node node = resolveNode(call, id);
        String edge = path.size() > 1 ? path.get(1) : null;
        AdsVersions.check(context.config(), call, node.type(), edge, major);
        if (!AdsVersions.isAdsCall(node.type(), edge)) {
            admitPlatformCall(call);
        }
        Handler handler = nodeRoutes.get(key(call.method(), node.type(), edge));
        if (handler == null) {
            if (edge != null && nodeRoutes.containsKey(key("GET", node.type(), edge))) {
                throw unsupported(call.method(), id);
            }
            if (edge != null) {
                throw GraphErrors.nonexistingField(edge, node.type().graphName());
            }
            throw unsupported(call.method(), id);
        }
        call.node(node);
        call.edge(edge);
        authorize(call, node);
        if (!call.isNested()) {
            context.limits().charge(call);
        }
        return handler.handle(call);
    }

    private Node resolveNode(GraphCall call, String id) {
        if ("me".equals(id)) {
            if (call.user() == null) {
                throw GraphErrors.activeTokenRequired();
            }
            return context.store().node(call.user().id()).orElseThrow(() -> unsupported(call.method(), id));
        }
        boolean wellFormed = id.startsWith("act_") ? NUMERIC_ID.matcher(id.substring(4)).matches()
                : NUMERIC_ID.matcher(id).matches();
        if (!wellFormed) {
            throw GraphErrors.unknownPath(id);
        }
        return context.store().node(id).orElseThrow(() -> unsupported(call.method(), id));
    }

    /** Visibility (other users' objects look nonexistent: 100/33) and scopes (#200). */
    private void authorize(GraphCall call, Node node) {
        FbUser user = call.user();
        NodeType type = node.type();
        if (type == NodeType.USER) {
            if (user == null || !user.id().equals(node.id())) {
                throw unsupported(call.method(), node.id());
            }
            return;
        }
        if (type == NodeType.PAGE) {
            if (user == null || !user.pageIds().contains(node.id())) {
                throw unsupported(call.method(), node.id());
            }
            if (!call.hasScope("pages_show_list") && !call.hasScope("pages_read_engagement")
                    && !call.hasScope("pages_manage_ads")) {
                throw GraphErrors.missingPermission("pages_show_list");
            }
            return;
        }
        if (type == NodeType.IG_USER) {
            // Readable by whoever manages the Page it is connected to.
            if (user == null || !user.pageIds().contains(node.getString(NodeType.CONNECTED_PAGE))) {
                throw unsupported(call.method(), node.id());
            }
            if (!call.hasScope("instagram_basic") && !call.hasScope("pages_show_list")
                    && !call.hasScope("ads_read") && !call.hasScope("ads_management")) {
                throw GraphErrors.missingPermission("instagram_basic");
            }
            return;
        }
        String accountId = type == NodeType.AD_ACCOUNT ? node.id() : node.accountId();
        if (accountId == null || user == null || !context.store().canAccessAccount(user.id(), accountId)) {
            throw unsupported(call.method(), node.id());
        }
        call.accountId(accountId);
        // An async insights report (POST …/insights) reads data; Meta asks only for ads_read.
        boolean readsOnly = call.isRead() || ("POST".equals(call.method()) && "insights".equals(call.edge()));
        if (readsOnly) {
            if (!call.hasScope("ads_read") && !call.hasScope("ads_management")) {
                throw GraphErrors.missingPermission("ads_read");
            }
        } else if (!call.hasScope("ads_management")) {
            throw GraphErrors.missingPermission("ads_management");
        }
    }

    private Object multiIdRead(GraphCall call) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String trimmed : ListParams.parse("ids", call.required("ids"))) {
            Map<String, String> params = new LinkedHashMap<>(call.params());
            params.remove("ids");
            out.put(trimmed, executeNodeRoute(call.child("GET", List.of(trimmed), params)));
        }
        return out;
    }

    /** The major version the call names; one Meta never released (above the newest) is an unknown path. */
    private int versionNumber(GraphCall call) {
        String version = call.version();
        int major;
        try {
            major = Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (RuntimeException e) {
            throw GraphErrors.unknownPath(version);
        }
        if (major > context.config().maxApiVersion()) {
            throw GraphErrors.unknownPath(version);
        }
        return major;
    }

    /** Resolves the token into a grant (and user), with Meta's 190 family of errors and the appsecret_proof rules. */
    public void authenticate(GraphCall call, boolean userTokenRequired) {
        if (call.grant() != null) {
            return;
        }
        String value = call.tokenValue();
        if (value == null || value.isBlank()) {
            throw new GraphException(400, 104, null, GraphErrors.OAUTH,
                    "An access token is required to request this resource.", null, null, false);
        }
        AccessGrant grant = context.store().token(value).orElseGet(() -> appTokenGrant(value));
        if (grant == null) {
            throw GraphErrors.malformedToken();
        }
        long now = context.config().clock().instant().getEpochSecond();
        if (grant.revokedSubcode() != null) {
            throw grant.revokedSubcode() == 458 ? GraphErrors.appNotInstalled(grant.appId())
                    : GraphErrors.passwordChanged();
        }
        if (grant.isExpiredAt(now)) {
            throw GraphErrors.expiredToken(EXPIRY_FORMAT.format(Instant.ofEpochSecond(grant.expiresAt())),
                    Long.toString(now));
        }
        checkAppsecretProof(call, value, grant);
        if (userTokenRequired && grant.isApp()) {
            throw "me".equals(call.path().isEmpty() ? null : call.path().get(0)) ? GraphErrors.activeTokenRequired()
                    : GraphErrors.invalidParameter("An active access token must be used to query information about "
                    + "the current user.");
        }
        call.grant(grant);
        if (grant.userId() != null) {
            call.user(context.store().user(grant.userId()).orElse(null));
        }
    }

    /** "{app_id}|{app_secret}" works as an app token without being issued. */
    private AccessGrant appTokenGrant(String value) {
        String expected = context.config().appId() + "|" + context.config().appSecret();
        if (MessageDigest.isEqual(expected.getBytes(), value.getBytes())) {
            return new AccessGrant(value, "APP", null, context.config().appId(), java.util.Set.of(), 0, 0, 0, true,
                    null);
        }
        return null;
    }

    private void checkAppsecretProof(GraphCall call, String token, AccessGrant grant) {
        String proof = call.params().get("appsecret_proof");
        if (proof == null || proof.isEmpty()) {
            // An app token already proves the secret (it is made of it, or issued for it): "Require App Secret"
            // asks a proof of user tokens only.
            if (context.config().requireAppsecretProof() && !grant.isApp()) {
                throw GraphErrors.appsecretProofRequired();
            }
            return;
        }
        String expected = appsecretProof(context.config().appSecret(), token);
        if (!MessageDigest.isEqual(expected.getBytes(), proof.toLowerCase().getBytes())) {
            throw GraphErrors.invalidAppsecretProof();
        }
    }

    /** hex(HMAC-SHA256(key = app secret, message = token)). */
    public static String appsecretProof(String appSecret, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static GraphException unsupported(String method, String id) {
        return switch (method) {
            case "POST" -> GraphErrors.unsupportedPost(id);
            case "DELETE" -> GraphErrors.unsupportedDelete(id);
            default -> GraphErrors.unsupportedGet(id);
        };
    }
}
