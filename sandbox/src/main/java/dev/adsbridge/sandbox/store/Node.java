package dev.adsbridge.sandbox.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Graph object. Its fields are stored as Meta returns them (numbers as strings where Meta sends strings), so
 * rendering is selection, not translation. Computed fields (effective_status, …) are added at read time by handlers.
 * Fields are guarded by the node's monitor: read with {@link #snapshot()}, write with {@link #update(Consumer)}.
 */
public final class Node {

    private final String id;
    private final NodeType type;
    private final String accountId;
    private final long sequence;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    /** Bumped by every {@link #update}: lets readers tell cheaply whether a node changed (insights result cache). */
    private volatile long version;

    /**
     * @param accountId the owning ad account as {@code act_…}, or null for users and pages
     * @param sequence  creation order; edges list newest first
     */
    public Node(String id, NodeType type, String accountId, long sequence, Map<String, Object> initial) {
        this.id = id;
        this.type = type;
        this.accountId = accountId;
        this.sequence = sequence;
        fields.putAll(initial);
        fields.put("id", id);
    }

    public String id() {
        return id;
    }

    public NodeType type() {
        return type;
    }

    public String accountId() {
        return accountId;
    }

    public long sequence() {
        return sequence;
    }

    /** How many times {@link #update} changed this node. */
    public long version() {
        return version;
    }

    public synchronized Object get(String field) {
        return fields.get(field);
    }

    public synchronized String getString(String field) {
        Object value = fields.get(field);
        return value == null ? null : value.toString();
    }

    public synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(fields);
    }

    public synchronized void update(Consumer<Map<String, Object>> change) {
        change.accept(fields);
        fields.put("id", id);
        version++;
    }

    @Override
    public String toString() {
        return type.graphName() + "(" + id + ")";
    }
}
