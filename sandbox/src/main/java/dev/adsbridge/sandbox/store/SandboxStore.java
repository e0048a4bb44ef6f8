package dev.adsbridge.sandbox.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All sandbox state: users, nodes, tokens. Thread-safe. Marketing objects are indexed per ad account and type in
 * creation order so edges list them without scanning every node.
 */
public final class SandboxStore {

    private static final char[] TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Map<String, FbUser> users = new ConcurrentHashMap<>();
    private final List<String> userOrder = new CopyOnWriteArrayList<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, Map<NodeType, List<Node>>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong objectIds = new AtomicLong(120210000000000000L);
    private final AtomicLong sequence = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    /** Bumped by every change the store itself sees (node changes are counted by each node's version). */
    private final AtomicLong mutations = new AtomicLong();
    private volatile long seededUpTo = -1;
    private volatile long seededAt = -1;

    // ---- users ----

    public void addUser(FbUser user) {
        mutations.incrementAndGet();
        if (users.putIfAbsent(user.id(), user) == null) {
            userOrder.add(user.id());
        } else {
            users.put(user.id(), user);
        }
    }

    public Optional<FbUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    /** Users in seeding order; the first is the demo user. */
    public List<FbUser> users() {
        return userOrder.stream().map(users::get).toList();
    }

    public boolean canAccessAccount(String userId, String accountId) {
        FbUser user = users.get(userId);
        return user != null && user.adAccountIds().contains(accountId);
    }

    // ---- nodes ----

    /** A fresh numeric object id, as Meta issues them (18 digits). */
    public String newObjectId() {
        return Long.toString(objectIds.incrementAndGet());
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Creates and indexes a node. {@code accountId} is {@code act_…} or null. */
    public Node create(String id, NodeType type, String accountId, Map<String, Object> fields) {
        Node node = new Node(id, type, accountId, nextSequence(), fields);
        put(node);
        return node;
    }

    public void put(Node node) {
        mutations.incrementAndGet();
        nodes.put(node.id(), node);
        if (node.accountId() != null && node.type() != NodeType.AD_ACCOUNT) {
            byAccount.computeIfAbsent(node.accountId(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(node.type(), k -> new CopyOnWriteArrayList<>())
                    .add(node);
        }
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Removes a node from the id lookup and its account index (Meta keeps deleted objects; the sandbox uses status). */
    public void remove(Node node) {
        mutations.incrementAndGet();
        nodes.remove(node.id());
        if (node.accountId() != null) {
            Map<NodeType, List<Node>> index = byAccount.get(node.accountId());
            if (index != null && index.get(node.type()) != null) {
                index.get(node.type()).remove(node);
            }
        }
    }

    /** Every node of a type in an account, oldest first (callers reverse for Meta's newest-first edges). */
    public List<Node> nodesOf(String accountId, NodeType type) {
        Map<NodeType, List<Node>> index = byAccount.get(accountId);
        if (index == null) {
            return List.of();
        }
        List<Node> list = index.get(type);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Every node of a type in an account, newest first, as Graph edges list them. */
    public List<Node> newestFirst(String accountId, NodeType type) {
        List<Node> list = new ArrayList<>(nodesOf(accountId, type));
        list.sort(Comparator.comparingLong(Node::sequence).reversed());
        return list;
    }

    public Collection<Node> allNodes() {
        return nodes.values();
    }

    // ---- tokens ----

    /** A new random token value shaped like Meta's ("EAA…", ~200 characters). */
    public String newTokenValue() {
        StringBuilder token = new StringBuilder("EAA");
        for (int i = 0; i < 190; i++) {
            token.append(TOKEN_ALPHABET[random.nextInt(TOKEN_ALPHABET.length)]);
        }
        return token.toString();
    }

    public void putToken(AccessGrant grant) {
        mutations.incrementAndGet();
        tokens.put(grant.token(), grant);
    }

    public Optional<AccessGrant> token(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(tokens.get(value));
    }

    public Collection<AccessGrant> tokens() {
        return tokens.values();
    }

    /** Revokes every token of a user for an app (DELETE /me/permissions, data deletion). */
    public void revokeUserTokens(String userId, String appId, int subcode) {
        mutations.incrementAndGet();
        tokens.replaceAll((value, grant) -> userId.equals(grant.userId()) && appId.equals(grant.appId())
                && grant.revokedSubcode() == null ? grant.revoked(subcode) : grant);
    }

    // ---- keeping the world (dev mode) ----

    /**
     * A number that changes whenever anything in the store changed: store-level changes plus every node's own
     * version. Cheap enough to poll every few seconds.
     */
    public long changeCount() {
        long sum = mutations.get();
        for (Node node : nodes.values()) {
            sum += node.version();
        }
        return sum;
    }

    /** The id and sequence counters, so that a restored world goes on issuing fresh ids. */
    public long lastObjectId() {
        return objectIds.get();
    }

    public long lastSequence() {
        return sequence.get();
    }

    public void restoreCounters(long lastObjectId, long lastSequence) {
        objectIds.accumulateAndGet(lastObjectId, Math::max);
        sequence.accumulateAndGet(lastSequence, Math::max);
    }

    /**
     * Where the seeded world ends: the last sequence the seeder used and the epoch second its histories end at.
     * Insights tell seeded objects (with generated histories) from ones created since; a restored world keeps the
     * mark it was seeded with. -1 when not set.
     */
    public void seedMark(long upToSequence, long atEpochSecond) {
        this.seededUpTo = upToSequence;
        this.seededAt = atEpochSecond;
    }

    public long seededUpTo() {
        return seededUpTo;
    }

    public long seededAt() {
        return seededAt;
    }
}
