package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.store.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status changes of campaigns, ad sets and ads, read from the ad account's activity log: the seeder records the
 * status history of seeded campaigns there, and every status change through the API appends an
 * {@code update_*_run_status} entry with the old and new status. The log only grows, so each account's index is
 * extended with the entries added since the last look.
 */
final class StatusHistory {

    /** One status change: when, and whether the object ran (ACTIVE) before and after. */
    record Change(long epoch, boolean activeBefore, boolean activeAfter) {
    }

    private static final class AccountIndex {
        int seen;
        final Map<String, List<Change>> changes = new HashMap<>();
    }

    private final Map<String, AccountIndex> indexes = new ConcurrentHashMap<>();

    /** The logged status changes of an object, oldest first (empty when none). */
    List<Change> changes(Node account, String objectId) {
        if (account == null) {
            return List.of();
        }
        AccountIndex index = indexes.computeIfAbsent(account.id(), k -> new AccountIndex());
        synchronized (index) {
            if (account.get(Hidden.ACTIVITIES) instanceof List<?> log && log.size() > index.seen) {
                for (int i = index.seen; i < log.size(); i++) {
                    if (log.get(i) instanceof Map<?, ?> entry) {
                        read(entry, index.changes);
                    }
                }
                index.seen = log.size();
            }
            List<Change> changes = index.changes.get(objectId);
            return changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** Log size of an account: changes when a new status change may have been logged. */
    int logSize(Node account) {
        return account != null && account.get(Hidden.ACTIVITIES) instanceof List<?> log ? log.size() : 0;
    }

    private static void read(Map<?, ?> entry, Map<String, List<Change>> changes) {
        Object type = entry.get("event_type");
        if (type == null || !type.toString().endsWith("_run_status")) {
            return;
        }
        Object id = entry.get("object_id");
        if (id == null || !(entry.get(Hidden.EVENT_EPOCH) instanceof Number when)) {
            return;
        }
        try {
            JsonNode extra = Json.MAPPER.readTree(String.valueOf(entry.get("extra_data")));
            String before = extra.path("old_value").asString("ACTIVE");
            String after = extra.path("new_value").asString(null);
            if (after == null) {
                return;
            }
            List<Change> list = changes.computeIfAbsent(id.toString(), k -> new ArrayList<>());
            list.add(new Change(when.longValue(), "ACTIVE".equals(before), "ACTIVE".equals(after)));
            list.sort((a, b) -> Long.compare(a.epoch(), b.epoch()));
        } catch (JacksonException e) {
            // An entry without readable extra data says nothing about status.
        }
    }
}
