package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ad account's activity log ({@code GET /act_{id}/activities}): every write through the sandbox appends an
 * entry (create_campaign_group, update_campaign_run_status, update_ad_set_budget, …) with actor, app, object and
 * {@code extra_data} (a JSON string, as Meta sends it). Newest first; {@code since}/{@code until} filter on event_time.
 */
public final class Activities {

    static final String APP_NAME = "AdsBridge Sandbox App";
    static final List<String> FIELDS = List.of("actor_id", "actor_name", "application_id", "application_name",
            "date_time_in_timezone", "event_time", "event_type", "extra_data", "object_id", "object_name",
            "object_type", "translated_event_type");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("MM/dd/yyyy 'at' h:mm a");

    private Activities() {
    }

    /** Appends an activity for a write made by the call's user through the call's app. */
    static void record(GraphCall call, String accountId, String eventType, Node object, Map<String, Object> extra) {
        FbUser user = call.user();
        record(call.api().context().store(), accountId, eventType, object, extra,
                call.api().context().nowEpochSeconds(), user == null ? null : user.id(),
                user == null ? null : user.name(), call.grant() == null ? null : call.grant().appId());
    }

    /** Appends an activity (also used by the seeder for the history of seeded objects). */
    public static void record(SandboxStore store, String accountId, String eventType, Node object,
                              Map<String, Object> extra, long epochSeconds, String actorId, String actorName,
                              String appId) {
        Node account = store.node(accountId).orElse(null);
        if (account == null) {
            return;
        }
        ZoneId zone = Times.zoneOf(store, accountId);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("actor_id", actorId);
        entry.put("actor_name", actorName);
        entry.put("application_id", appId);
        entry.put("application_name", appId == null ? null : APP_NAME);
        entry.put("date_time_in_timezone", LOCAL.format(Instant.ofEpochSecond(epochSeconds).atZone(zone)));
        entry.put("event_time", Times.format(epochSeconds, zone));
        entry.put("event_type", eventType);
        entry.put("extra_data", Json.write(extra == null ? Map.of() : extra));
        entry.put("object_id", object == null ? accountId.substring(4) : object.id());
        entry.put("object_name", object == null ? account.getString("name") : object.getString("name"));
        entry.put("object_type", objectType(object));
        entry.put("translated_event_type", translate(eventType));
        entry.put(Hidden.EVENT_EPOCH, epochSeconds);
        Hidden.activities(account).add(entry);
    }

    /** {@code GET /act_{id}/activities}. */
    static Object list(GraphCall call) {
        Node account = call.node();
        ZoneId zone = Times.zoneOf(call.api().context().store(), account.id());
        long since = call.has("since") ? Times.parse("since", call.param("since").get(), zone) : Long.MIN_VALUE;
        long until = call.has("until") ? Times.parse("until", call.param("until").get(), zone) : Long.MAX_VALUE;
        if (call.has("until") && call.param("until").get().trim().length() == 10) {
            until += 24 * 3600 - 1; // a date means the whole day
        }
        List<FieldSpec> fields = call.fields();
        for (FieldSpec spec : fields) {
            if (!FIELDS.contains(spec.name())) {
                throw GraphErrors.nonexistingField(spec.name(), "AdActivity");
            }
        }
        List<Map<String, Object>> log = Hidden.activities(account);
        List<Map<String, Object>> selected = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0; i--) {
            Map<String, Object> entry = log.get(i);
            long at = epoch(entry);
            if (at >= since && at <= until) {
                selected.add(entry);
            }
        }
        // The seeder records history out of time order; the sort is stable, so same-second entries stay newest first.
        selected.sort(Comparator.comparingLong(Activities::epoch).reversed());
        return Pager.page(call, selected, entry -> select(entry, fields));
    }

    private static long epoch(Map<String, Object> entry) {
        return ((Number) entry.get(Hidden.EVENT_EPOCH)).longValue();
    }

    private static Map<String, Object> select(Map<String, Object> entry, List<FieldSpec> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fields.isEmpty()) {
            FIELDS.forEach(name -> putIfPresent(out, entry, name));
        } else {
            fields.forEach(spec -> putIfPresent(out, entry, spec.name()));
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, Map<String, Object> entry, String name) {
        Object value = entry.get(name);
        if (value != null) {
            out.put(name, value);
        }
    }

    private static String objectType(Node object) {
        if (object == null) {
            return "AD_ACCOUNT";
        }
        return switch (object.type()) {
            case CAMPAIGN -> "CAMPAIGN";
            case AD_SET -> "AD_SET";
            case AD -> "AD";
            case AD_CREATIVE -> "AD_CREATIVE";
            case AD_IMAGE -> "AD_IMAGE";
            case CUSTOM_AUDIENCE -> "AUDIENCE";
            case BUDGET_SCHEDULE -> "BUDGET_SCHEDULE";
            default -> object.type() == NodeType.AD_ACCOUNT ? "AD_ACCOUNT" : object.type().graphName();
        };
    }

    private static String translate(String eventType) {
        return switch (eventType) {
            case "create_campaign_group" -> "Campaign created";
            case "create_ad_set" -> "Ad set created";
            case "create_ad" -> "Ad created";
            case "create_ad_creative" -> "Ad creative created";
            case "create_audience" -> "Audience created";
            case "update_audience" -> "Audience updated";
            case "delete_audience" -> "Audience deleted";
            case "add_images" -> "Images added";
            case "delete_images" -> "Images deleted";
            case "update_campaign_run_status" -> "Campaign status updated";
            case "update_campaign_name" -> "Campaign name updated";
            case "update_campaign_budget" -> "Campaign budget updated";
            case "update_campaign_group_spend_cap" -> "Campaign spending limit updated";
            case "update_campaign_schedule" -> "Campaign schedule updated";
            case "update_campaign_group_budget_scheduling_state" -> "Campaign budget scheduling updated";
            case "update_ad_set_run_status" -> "Ad set status updated";
            case "update_ad_set_name" -> "Ad set name updated";
            case "update_ad_set_budget" -> "Ad set budget updated";
            case "update_ad_set_bidding" -> "Ad set bid updated";
            case "update_ad_set_bid_strategy" -> "Ad set bid strategy updated";
            case "update_ad_set_target_spec" -> "Ad set targeting updated";
            case "update_ad_set_duration" -> "Ad set schedule updated";
            case "update_ad_set_optimization_goal" -> "Ad set performance goal updated";
            case "update_ad_run_status" -> "Ad status updated";
            case "update_ad_friendly_name" -> "Ad name updated";
            case "update_ad_creative" -> "Ad creative updated";
            case "edit_and_update_ad_creative" -> "Ad creative edited";
            default -> eventType.replace('_', ' ');
        };
    }
}
