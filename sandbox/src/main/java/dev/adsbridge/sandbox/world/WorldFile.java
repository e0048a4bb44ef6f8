package dev.adsbridge.sandbox.world;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.control.AdjustableClock;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox's world as one JSON file: users, every node with its fields (images with their bytes, async report runs
 * with the request they answer), tokens, the id counters and seed mark, the app's redirect URIs and declined
 * permissions, rate-limit usage and how far the clock was moved. Dev mode keeps it in the data directory so that a
 * restart finds the connection, the objects and reports a user created, and the time the sandbox was moved to. The
 * file holds sandbox tokens: it stays in the data directory, readable by its owner only where the file system allows.
 *
 * <p>Not kept, on purpose: armed faults (a test tool: a fault armed before a restart is not one a developer expects
 * after it; what a fault did, such as revoking a token, is kept with the token), unused authorization codes (they
 * live minutes and belong to a login that a restart interrupts anyway), and caches computed from the world.
 *
 * <p>Formats: 1 had no clock (it reads as an unmoved clock); 2 adds {@code clock.offset_millis}.
 */
public final class WorldFile {

    static final int FORMAT = 2;
    /** Formats this version still reads: what an older file lacks reads as its default. */
    private static final List<Integer> READABLE = List.of(1, 2);
    private static final String BYTES = "$base64";

    private WorldFile() {
    }

    /** The world as a JSON tree. */
    public static Map<String, Object> snapshot(SandboxContext context) {
        SandboxStore store = context.store();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("seed", context.config().seed());
        out.put("last_object_id", store.lastObjectId());
        out.put("last_sequence", store.lastSequence());
        out.put("seeded_up_to", store.seededUpTo());
        out.put("seeded_at", store.seededAt());
        List<Map<String, Object>> users = new ArrayList<>();
        for (FbUser user : store.users()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", user.id());
            u.put("name", user.name());
            u.put("email", user.email());
            u.put("ad_account_ids", user.adAccountIds());
            u.put("page_ids", user.pageIds());
            users.add(u);
        }
        out.put("users", users);
        List<Node> nodes = new ArrayList<>(store.allNodes());
        nodes.sort(Comparator.comparingLong(Node::sequence));
        List<Map<String, Object>> nodeList = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", node.id());
            n.put("type", node.type().name());
            n.put("account_id", node.accountId());
            n.put("sequence", node.sequence());
            n.put("fields", encode(node.snapshot()));
            nodeList.add(n);
        }
        out.put("nodes", nodeList);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (AccessGrant grant : store.tokens()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("token", grant.token());
            t.put("type", grant.type());
            t.put("user_id", grant.userId());
            t.put("app_id", grant.appId());
            t.put("scopes", new ArrayList<>(grant.scopes()));
            t.put("issued_at", grant.issuedAt());
            t.put("expires_at", grant.expiresAt());
            t.put("data_access_expires_at", grant.dataAccessExpiresAt());
            t.put("long_lived", grant.longLived());
            t.put("revoked_subcode", grant.revokedSubcode());
            tokens.add(t);
        }
        out.put("tokens", tokens);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("redirect_uris", context.app().redirectUris());
        app.put("declined", context.app().declinedByUser());
        out.put("app", app);
        out.put("usage", context.limits().snapshot());
        if (context.config().clock() instanceof AdjustableClock clock) {
            out.put("clock", Map.of("offset_millis", clock.offset().toMillis()));
        }
        return out;
    }

    /** Writes the world atomically (a temporary file moved over the old one). */
    public static void write(SandboxContext context, Path file) {
        Map<String, Object> snapshot = snapshot(context);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Json.MAPPER.writeValue(temp.toFile(), snapshot);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox world to " + file, e);
        }
    }

    /** A world read from a file: the store, and what the context takes once it exists. */
    public record Loaded(SandboxStore store, List<String> redirectUris, Map<String, Set<String>> declined,
                         JsonNode usage, Duration clockOffset) {

        /**
         * Hands the clock's offset, the app settings and usage to a context built around {@link #store()}. The clock
         * goes first: usage windows are counted on it.
         */
        public void applyTo(SandboxContext context) {
            if (context.config().clock() instanceof AdjustableClock clock) {
                clock.restoreOffset(clockOffset);
            }
            redirectUris.stream().filter(uri -> !context.app().isRegisteredRedirectUri(uri))
                    .forEach(context.app()::addRedirectUri);
            declined.forEach((user, permissions) -> permissions.forEach(p -> context.app().recordDeclined(user, p)));
            context.limits().restore(usage);
        }
    }

    /** Reads a world written by {@link #write}; a file of another format is refused with a clear message. */
    public static Loaded read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the sandbox world file " + file + " is not valid JSON; move it away to "
                    + "start from the seeded world", e);
        }
        if (!root.path("format").isInt() || !READABLE.contains(root.path("format").asInt())) {
            throw new IllegalStateException("the sandbox world file " + file + " has format "
                    + root.path("format").asString() + ", which this version does not read (it reads " + READABLE
                    + "); move it away to start from the seeded world");
        }
        long offsetMillis = root.path("clock").path("offset_millis").asLong(0);
        if (offsetMillis < 0) {
            throw new IllegalStateException("the sandbox world file " + file + " has a negative clock offset; the "
                    + "sandbox clock only moves forward");
        }
        SandboxStore store = new SandboxStore();
        for (JsonNode u : root.path("users")) {
            JsonNode email = u.path("email");
            store.addUser(new FbUser(u.path("id").asString(), u.path("name").asString(),
                    email.isString() ? email.asString() : null,
                    strings(u.path("ad_account_ids")), strings(u.path("page_ids"))));
        }
        for (JsonNode n : root.path("nodes")) {
            JsonNode account = n.path("account_id");
            store.put(new Node(n.path("id").asString(), NodeType.valueOf(n.path("type").asString()),
                    account.isNull() || account.isMissingNode() ? null : account.asString(),
                    n.path("sequence").asLong(), decodeFields(n.path("fields"))));
        }
        for (JsonNode t : root.path("tokens")) {
            JsonNode revoked = t.path("revoked_subcode");
            JsonNode user = t.path("user_id");
            store.putToken(new AccessGrant(t.path("token").asString(), t.path("type").asString(),
                    user.isNull() || user.isMissingNode() ? null : user.asString(), t.path("app_id").asString(),
                    new HashSet<>(strings(t.path("scopes"))), t.path("issued_at").asLong(),
                    t.path("expires_at").asLong(), t.path("data_access_expires_at").asLong(),
                    t.path("long_lived").asBoolean(), revoked.isNumber() ? revoked.asInt() : null));
        }
        store.restoreCounters(root.path("last_object_id").asLong(), root.path("last_sequence").asLong());
        store.seedMark(root.path("seeded_up_to").asLong(-1), root.path("seeded_at").asLong(-1));
        Map<String, Set<String>> declined = new LinkedHashMap<>();
        root.path("app").path("declined").properties().forEach(e ->
                declined.put(e.getKey(), new HashSet<>(strings(e.getValue()))));
        return new Loaded(store, strings(root.path("app").path("redirect_uris")), declined, root.path("usage"),
                Duration.ofMillis(offsetMillis));
    }

    /** byte[] (image bytes) as {"$base64": …}; everything else is JSON already. */
    private static Map<String, Object> encode(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> out.put(key, value instanceof byte[] bytes
                ? Map.of(BYTES, Base64.getEncoder().encodeToString(bytes)) : value));
        return out;
    }

    /** The fields as the sandbox keeps them: bytes back to byte[], top-level lists as concurrent lists. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> decodeFields(JsonNode json) {
        Map<String, Object> fields = Json.MAPPER.convertValue(json, LinkedHashMap.class);
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && map.size() == 1 && map.get(BYTES) instanceof String base64) {
                out.put(key, Base64.getDecoder().decode(base64));
            } else if (value instanceof List<?> list) {
                out.put(key, new CopyOnWriteArrayList<>(list));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asString()));
        return out;
    }
}
