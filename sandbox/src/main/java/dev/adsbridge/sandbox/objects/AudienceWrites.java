package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /act_{id}/customaudiences}: customer lists, website / engagement audiences and lookalikes. */
public final class AudienceWrites {

    static final List<String> SUBTYPES = List.of("CUSTOM", "WEBSITE", "APP", "OFFLINE_CONVERSION", "CLAIM",
            "PARTNER", "MANAGED", "VIDEO", "LOOKALIKE", "ENGAGEMENT", "DATA_SET", "BAG_OF_ACCOUNTS",
            "STUDY_RULE_AUDIENCE", "FOX");
    static final List<String> FILE_SOURCES = List.of("USER_PROVIDED_ONLY", "PARTNER_PROVIDED_ONLY",
            "BOTH_USER_AND_PARTNER_PROVIDED");

    private AudienceWrites() {
    }

    /** The fields every audience has; {@code size} drives approximate_count_lower/upper_bound. */
    public static Map<String, Object> base(String name, String subtype, String description, long size) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("subtype", subtype);
        if (description != null) {
            fields.put("description", description);
        }
        long lower = Math.max(1000, size - size / 8);
        fields.put("approximate_count_lower_bound", lower);
        fields.put("approximate_count_upper_bound", Math.max(lower + 100, size + size / 8));
        fields.put("delivery_status", status(200, "This audience is ready for use."));
        fields.put("operation_status", status(200, "Normal"));
        return fields;
    }

    private static Map<String, Object> status(int code, String description) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("code", code);
        status.put("description", description);
        return status;
    }

    static Object create(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.CUSTOM_AUDIENCE);
        SandboxStore store = call.api().context().store();
        Params p = new Params(call);
        long now = call.api().context().nowEpochSeconds();

        String name = p.required("name");
        String subtype = p.oneOf("subtype", SUBTYPES).orElse("CUSTOM");
        Optional<String> description = p.string("description");
        long size = 2_000 + Math.floorMod(name.hashCode(), 400_000);
        Map<String, Object> extra = new LinkedHashMap<>();
        switch (subtype) {
            case "LOOKALIKE" -> {
                String originId = p.required("origin_audience_id");
                Node origin = store.node(originId).filter(n -> n.type() == NodeType.CUSTOM_AUDIENCE)
                        .filter(n -> account.id().equals(n.accountId()))
                        .orElseThrow(() -> AdErrors.invalid("origin_audience_id", null, "Source Audience Not Found", "The source audience "
                                + originId + " doesn't exist in this ad account."));
                Map<String, Object> spec = p.object("lookalike_spec")
                        .orElseThrow(() -> AdErrors.required("lookalike_spec"));
                double ratio = ratio(spec);
                Object country = spec.get("country");
                if (country == null && spec.get("location_spec") == null) {
                    throw AdErrors.invalid("lookalike_spec", null, "Location Required", "lookalike_spec needs a country (e.g. "
                            + "\"US\") or a location_spec.");
                }
                Map<String, Object> lookalike = new LinkedHashMap<>();
                lookalike.put("country", country == null ? null : country.toString());
                lookalike.put("ratio", ratio);
                lookalike.put("type", spec.getOrDefault("type", "custom_ratio"));
                lookalike.put("origin", List.of(Map.of("id", origin.id(), "name", origin.getString("name"),
                        "type", "custom_audience")));
                extra.put("lookalike_spec", lookalike);
                size = (long) (AudienceEstimates.countryUsers(country == null ? "US" : country.toString()) * ratio);
            }
            case "CUSTOM" -> extra.put("customer_file_source", p.oneOf("customer_file_source", FILE_SOURCES)
                    .orElseThrow(() -> AdErrors.required("customer_file_source")));
            case "WEBSITE", "ENGAGEMENT", "APP", "VIDEO" -> {
                p.string("rule").ifPresent(rule -> extra.put("rule", rule));
                p.string("retention_days").ifPresent(days -> {
                    int value;
                    try {
                        value = Integer.parseInt(days);
                    } catch (NumberFormatException e) {
                        throw AdErrors.wrongType("retention_days", "an integer between 1 and 180");
                    }
                    if (value < 1 || value > 180) {
                        throw AdErrors.wrongType("retention_days", "an integer between 1 and 180");
                    }
                    extra.put("retention_days", value);
                });
            }
            default -> {
            }
        }
        if (p.validateOnly()) {
            return Map.of("success", true);
        }
        Map<String, Object> fields = base(name, subtype, description.orElse(null), size);
        fields.putAll(extra);
        Node audience = MarketingObjects.create(store, NodeType.CUSTOM_AUDIENCE, account.id(), fields, now);
        Activities.record(call, account.id(), "create_audience", audience, Map.of("subtype", subtype));
        return NodeViews.created(call, audience);
    }

    private static double ratio(Map<String, Object> spec) {
        Object raw = spec.get("ratio");
        if (raw == null) {
            throw AdErrors.invalid("lookalike_spec", null, "Audience Size Required", "lookalike_spec needs a ratio between 0.01 and "
                    + "0.20 (1% to 20% of the country).");
        }
        double ratio;
        try {
            ratio = Double.parseDouble(raw.toString());
        } catch (NumberFormatException e) {
            throw AdErrors.wrongType("lookalike_spec[ratio]", "a number between 0.01 and 0.20");
        }
        if (ratio < 0.01 || ratio > 0.20) {
            throw AdErrors.invalid("lookalike_spec", null, "Invalid Audience Size", "The lookalike ratio must be between 0.01 and "
                    + "0.20 (1% to 20%); it is " + raw + ".");
        }
        return ratio;
    }
}
