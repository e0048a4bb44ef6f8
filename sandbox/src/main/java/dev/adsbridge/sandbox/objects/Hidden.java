package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.store.Node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Internal values kept on nodes under keys starting with {@code _}. They are never rendered: {@code Render.select}
 * only emits a node type's known fields. Keeping them on the nodes (instead of beside the store) means whatever
 * seeds or resets the store also resets them.
 */
public final class Hidden {

    /** created_time as epoch seconds (filters and sorting without parsing). */
    public static final String CREATED_EPOCH = "_created_epoch";
    /** On campaigns: ids of their ad sets, oldest first. */
    public static final String ADSETS = "_adset_ids";
    /** On campaigns and ad sets: ids of their ads, oldest first. */
    public static final String ADS = "_ad_ids";
    /** On campaigns, ad sets and ads: a delivery state that overrides ACTIVE (DISAPPROVED, PENDING_REVIEW, WITH_ISSUES, IN_PROCESS). */
    public static final String DELIVERY = "_delivery";
    /** On ad images: the bytes, their content type, and the CDN path the url field is built from. */
    public static final String IMAGE_BYTES = "_bytes";
    public static final String IMAGE_TYPE = "_content_type";
    public static final String IMAGE_PATH = "_path";
    /** On ad accounts: the activity log (maps in the AdActivity shape plus {@link #EVENT_EPOCH}), oldest first. */
    public static final String ACTIVITIES = "_activities";
    public static final String EVENT_EPOCH = "_event_epoch";
    /** On ad accounts: page ids the account may promote. */
    public static final String PROMOTE_PAGES = "_promote_page_ids";
    /** On campaigns and ad sets: ids of their budget schedules (high demand periods). */
    public static final String SCHEDULES = "_budget_schedule_ids";
    /** On budget schedules: the campaign or ad set they belong to. */
    public static final String PARENT = "_parent_id";
    /**
     * On async report runs: what the report was asked for ({@code scope_id}, {@code today}, {@code params}), so its
     * rows can be computed again when the run is no longer in memory (a dev-mode restart, or an old run dropped to
     * save memory).
     */
    public static final String REPORT_REQUEST = "_report_request";

    private Hidden() {
    }

    /** The id list under {@code key} (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<String> ids(Node node, String key) {
        Object value = node.get(key);
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Appends an id to the list under {@code key}. */
    @SuppressWarnings("unchecked")
    public static void append(Node node, String key, String id) {
        node.update(fields -> ((List<String>) fields.computeIfAbsent(key, k -> new CopyOnWriteArrayList<String>()))
                .add(id));
    }

    /** The activity list of an account, created on first use. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> activities(Node account) {
        Object value = account.get(ACTIVITIES);
        if (value instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        List<Map<String, Object>> created = new CopyOnWriteArrayList<>();
        account.update(fields -> fields.putIfAbsent(ACTIVITIES, created));
        return (List<Map<String, Object>>) account.get(ACTIVITIES);
    }
}
