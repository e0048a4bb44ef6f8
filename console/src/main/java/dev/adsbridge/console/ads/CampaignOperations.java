package dev.adsbridge.console.ads;

import dev.adsbridge.console.audit.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Operations on several campaigns or on a copy of one: pause/activate a list with one confirmation (each change
 * audited on its own), and duplicating a campaign with Meta's native copy (created PAUSED unless confirmed ACTIVE).
 */
@Service
public class CampaignOperations {

    /** The most campaigns one bulk request may change. */
    public static final int MAX_BULK = 50;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Set<String> BULK_STATUSES = Set.of("ACTIVE", "PAUSED");
    private static final Set<String> COPY_STATUSES = Set.of("PAUSED", "ACTIVE");

    private final AdsGateway gateway;
    private final AdsWriting writing;

    CampaignOperations(AdsGateway gateway, AdsWriting writing) {
        this.gateway = gateway;
        this.writing = writing;
    }

    /**
     * Pauses or activates up to {@link #MAX_BULK} campaigns. Every id must be one of the tenant's campaigns (else 404
     * and nothing changes); activating asks for {@code confirm} once for all. Each campaign is then changed through
     * the single-campaign write (its own audit row); one failing does not stop the others. → {data:[{id, ok, status
     * | error}], changed, failed}; {@code validate_only} checks each change with Meta and changes nothing.
     */
    public Map<String, Object> setStatuses(AdsCaller caller, Map<String, Object> body) {
        List<String> ids = ids(body.get("ids"));
        Object requested = body.get("status");
        String status = requested instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        gateway.requireWrite(caller, "campaign.status", "campaign", String.join(",", ids));
        if (!BULK_STATUSES.contains(status)) {
            throw AdsException.validation("status", "Choose ACTIVE or PAUSED.");
        }
        Map<String, String> before = new LinkedHashMap<>();
        for (String id : ids) {
            before.put(id, AdsGateway.text(gateway.locate(caller, ObjectKind.CAMPAIGN, id).details(), "status", null));
        }
        long starting = before.values().stream().filter(s -> !"ACTIVE".equals(s)).count();
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ("ACTIVE".equals(status) && starting > 0 && !validateOnly && !Boolean.TRUE.equals(body.get("confirm"))) {
            throw AdsGateway.confirmation("Activating " + starting + " campaign" + (starting == 1 ? "" : "s")
                    + " starts spending money. Confirm to go ahead.", Map.of("current", Map.of("status", before),
                    "requested", Map.of("status", status, "count", ids.size()),
                    "confirm_with", Map.of("confirm", true)));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        int changed = 0;
        for (String id : ids) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", status);
            for (String passed : List.of("confirm", "confirm_amount", "validate_only")) {
                if (body.containsKey(passed)) {
                    one.put(passed, body.get(passed));
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            try {
                writing.setStatus(caller, ObjectKind.CAMPAIGN, id, one);
                row.put("ok", true);
                row.put("status", status);
                changed++;
            } catch (AdsException e) {
                row.put("ok", false);
                row.put("status", before.get(id));
                row.put("error", Map.of("code", e.code(), "message", String.valueOf(e.getMessage())));
            }
            data.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("changed", changed);
        answer.put("failed", ids.size() - changed);
        if (validateOnly) {
            answer.put("validate_only", true);
        }
        return answer;
    }

    /**
     * Copies a campaign with Meta's /copies (duplicate_campaign), by default with its ad sets and ads. The copy is
     * PAUSED; an ACTIVE copy needs {@code confirm}. Audited as campaign.copy on the new campaign's id.
     */
    public AdsWriting.WriteResult copy(AdsCaller caller, String id, Map<String, Object> body) {
        AdsGateway.Located located = gateway.locateForWrite(caller, ObjectKind.CAMPAIGN, id, "campaign.copy");
        Object requested = body.getOrDefault("status", "PAUSED");
        String status = requested instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        if (!COPY_STATUSES.contains(status)) {
            throw AdsException.validation("status", "Choose PAUSED (recommended) or ACTIVE.");
        }
        Object deep = body.getOrDefault("deep_copy", true);
        if (!(deep instanceof Boolean)) {
            throw AdsException.validation("deep_copy", "true to copy the ad sets and ads too, false for the campaign "
                    + "alone.");
        }
        Object suffix = body.get("rename_suffix");
        if (suffix != null && !(suffix instanceof String text && text.length() <= 100)) {
            throw AdsException.validation("rename_suffix", "Text of at most 100 characters, e.g. \"- Copy\".");
        }
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ("ACTIVE".equals(status) && !validateOnly && !Boolean.TRUE.equals(body.get("confirm"))) {
            throw AdsGateway.confirmation("An active copy starts spending money at once. Confirm to go ahead, or "
                    + "copy it paused.", Map.of("current", Map.of("source_status",
                    String.valueOf(AdsGateway.text(located.details(), "status", null))),
                    "requested", Map.of("status", status), "confirm_with", Map.of("confirm", true)));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("campaign_id", id);
        args.put("deep_copy", deep);
        args.put("status_option", status);
        if (suffix instanceof String text && !text.isBlank()) {
            args.put("rename_suffix", text.strip());
        }
        if (validateOnly) {
            args.put("validate_only", true);
        }
        Map<String, Object> shown = new LinkedHashMap<>(args);
        shown.remove("validate_only");
        JsonNode result;
        try {
            result = gateway.call(caller, located.connectionId(), located.accountId(), "duplicate_campaign", args,
                    true).content();
        } catch (AdsException e) {
            if (!validateOnly) {
                Map<String, Object> failed = new LinkedHashMap<>(shown);
                failed.put("error", e.code());
                gateway.audit(caller, "campaign.copy", "campaign", id, Map.of("source_id", id), failed,
                        AuditEvent.FAILURE);
            }
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (validateOnly) {
            answer.put("validate_only", true);
            answer.put("tool", "duplicate_campaign");
            answer.put("would_send", shown);
            answer.put("meta_validation", "ok");
            return new AdsWriting.WriteResult(false, answer);
        }
        String copied = result.path("copied_campaign_id").asString("");
        answer.put("id", copied);
        answer.put("source_id", id);
        answer.put("status", status);
        answer.put("deep_copy", deep);
        answer.put("ad_object_ids", AdsGateway.JSON.convertValue(result.path("ad_object_ids"), List.class));
        Map<String, Object> after = new LinkedHashMap<>(shown);
        after.remove("campaign_id");
        after.put("source_id", id);
        gateway.audit(caller, "campaign.copy", "campaign", copied, Map.of("source_id", id), after,
                AuditEvent.SUCCESS);
        return new AdsWriting.WriteResult(true, answer);
    }

    private static List<String> ids(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw AdsException.validation("ids", "A list of 1 to " + MAX_BULK + " campaign ids.");
        }
        if (list.size() > MAX_BULK) {
            throw AdsException.validation("ids", "At most " + MAX_BULK + " campaigns at once.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object item : list) {
            String id = item instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(item).strip();
            if (!DIGITS.matcher(id).matches()) {
                throw AdsException.validation("ids", "Campaign ids are digits; \"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                        + "\" is not one.");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }
}
