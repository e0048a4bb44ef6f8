package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /act_{id}/reachestimate} and {@code GET /act_{id}/delivery_estimate}: audience sizes derived from the
 * targeting spec alone, so the same spec always gives the same numbers and narrower targeting gives fewer people —
 * locations (from the catalogue's populations), then the share of the age range, genders, interests and behaviours
 * (OR inside a flexible_spec group, AND across groups), custom audiences, exclusions, platforms and devices.
 */
final class AudienceEstimates {

    /** Share of the reachable population per age from 13 to 65+ (index = age - 13), from a coarse age pyramid. */
    private static final double[] AGE_SHARE = ageShares();
    private static final double WORLD_USERS = 3_000_000_000.0;

    private AudienceEstimates() {
    }

    static long countryUsers(String countryCode) {
        return TargetingCatalog.PLACES.stream()
                .filter(p -> p.type().equals("country") && p.key().equalsIgnoreCase(countryCode))
                .mapToLong(TargetingCatalog.Place::users).findFirst().orElse(5_000_000L);
    }

    static Object reach(GraphCall call) {
        JsonNode spec = targetingSpec(call);
        long estimate = estimate(call.api().context().store(), spec);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("users_lower_bound", lower(estimate));
        data.put("users_upper_bound", upper(estimate));
        data.put("estimate_ready", true);
        return Map.of("data", data);
    }

    static Object delivery(GraphCall call) {
        JsonNode spec = targetingSpec(call);
        String goal = new Params(call).oneOf("optimization_goal", AdVocabulary.OPTIMIZATION_GOALS)
                .orElseThrow(() -> AdErrors.required("optimization_goal"));
        long estimate = estimate(call.api().context().store(), spec);
        long dau = estimate / 2;
        double actionRate = switch (goal) {
            case "LINK_CLICKS", "LANDING_PAGE_VIEWS" -> 0.012;
            case "OFFSITE_CONVERSIONS", "VALUE" -> 0.0015;
            case "LEAD_GENERATION", "QUALITY_LEAD" -> 0.003;
            case "THRUPLAY" -> 0.08;
            case "POST_ENGAGEMENT" -> 0.02;
            case "APP_INSTALLS" -> 0.002;
            default -> 0.0;
        };
        List<Map<String, Object>> curve = new ArrayList<>();
        long[] spends = {0, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000};
        for (long spend : spends) {
            // Reach saturates towards the daily active audience as spend grows; CPM about $8.
            long impressions = spend * 1000 / 800;
            long reach = (long) (dau * (1 - Math.exp(-impressions / (double) Math.max(1, dau))));
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("spend", spend);
            point.put("reach", reach);
            point.put("impressions", impressions);
            point.put("actions", (long) (impressions * actionRate));
            curve.add(point);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("daily_outcomes_curve", curve);
        row.put("estimate_dau", dau);
        row.put("estimate_mau_lower_bound", lower(estimate));
        row.put("estimate_mau_upper_bound", upper(estimate));
        row.put("estimate_ready", true);
        row.put("targeting_optimization_types", List.of());
        return Map.of("data", List.of(row));
    }

    private static JsonNode targetingSpec(GraphCall call) {
        String raw = new Params(call).required("targeting_spec");
        JsonNode spec;
        try {
            spec = Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw AdErrors.wrongType("targeting_spec", "a valid JSON object");
        }
        if (!spec.isObject()) {
            throw AdErrors.wrongType("targeting_spec", "a valid JSON object");
        }
        JsonNode geo = spec.path("geo_locations");
        if (!geo.isObject() || geo.size() == 0) {
            throw AdErrors.invalid("targeting_spec", null, "Location Required", "The targeting spec needs geo_locations (countries, "
                    + "regions, cities or zips) to estimate an audience.");
        }
        return spec;
    }

    /** People reachable with a targeting spec (deterministic). */
    static long estimate(SandboxStore store, JsonNode spec) {
        double people = locationUsers(spec.path("geo_locations"));
        people *= ageShare(spec.path("age_min").asInt(18), spec.path("age_max").asInt(65));
        JsonNode genders = spec.path("genders");
        if (genders.size() == 1) {
            people *= genders.get(0).asInt() == 1 ? 0.48 : 0.52;
        }
        if (spec.path("interests").size() > 0 || spec.path("behaviors").size() > 0) {
            people *= groupShare(spec);
        }
        for (JsonNode group : spec.path("flexible_spec")) {
            people *= groupShare(group);
        }
        JsonNode audiences = spec.path("custom_audiences");
        if (audiences.size() > 0) {
            long members = 0;
            for (JsonNode audience : audiences) {
                String id = audience.isObject() ? audience.path("id").asString() : audience.asString();
                members += store.node(id).map(AudienceEstimates::audienceSize).orElse(10_000L);
            }
            people = Math.min(people, members * 0.8);
        }
        if (spec.path("exclusions").size() > 0 || spec.path("excluded_custom_audiences").size() > 0) {
            people *= 0.9;
        }
        people *= platformShare(spec.path("publisher_platforms"));
        JsonNode devices = spec.path("device_platforms");
        if (devices.size() == 1) {
            people *= devices.get(0).asString().equals("desktop") ? 0.35 : 0.96;
        }
        JsonNode locales = spec.path("locales");
        if (locales.size() > 0) {
            people *= Math.min(1.0, 0.15 * locales.size());
        }
        return Math.max(0, Math.round(people));
    }

    private static long audienceSize(Node audience) {
        Object upper = audience.get("approximate_count_upper_bound");
        return upper instanceof Number n ? n.longValue() : 10_000L;
    }

    private static double locationUsers(JsonNode geo) {
        double total = 0;
        for (JsonNode country : geo.path("countries")) {
            total += countryUsers(country.asString());
        }
        total += placeUsers(geo.path("regions"), "region", 1_000_000);
        total += placeUsers(geo.path("cities"), "city", 300_000);
        total += placeUsers(geo.path("zips"), "zip", 30_000);
        for (JsonNode location : geo.path("custom_locations")) {
            double radius = location.path("radius").asDouble(10);
            total += Math.min(2_000_000, radius * radius * 900);
        }
        return total;
    }

    private static double placeUsers(JsonNode places, String type, long fallback) {
        double total = 0;
        for (JsonNode place : places) {
            String key = place.isObject() ? place.path("key").asString() : place.asString();
            total += TargetingCatalog.PLACES.stream()
                    .filter(p -> p.type().equals(type) && p.key().equalsIgnoreCase(key))
                    .mapToLong(TargetingCatalog.Place::users).findFirst().orElse(fallback);
        }
        return total;
    }

    /** OR over the interests / behaviours of one group: 1 - Π(1 - share_i), scaled so one interest narrows a lot. */
    private static double groupShare(JsonNode group) {
        double none = 1.0;
        boolean any = false;
        for (String key : List.of("interests", "behaviors", "life_events", "industries", "income",
                "family_statuses", "work_positions", "education_statuses")) {
            for (JsonNode item : group.path(key)) {
                any = true;
                String id = item.isObject() ? item.path("id").asString() : item.asString();
                none *= 1 - itemShare(id);
            }
        }
        return any ? Math.max(0.001, 1 - none) : 1.0;
    }

    private static double itemShare(String id) {
        for (TargetingCatalog.Interest interest : TargetingCatalog.INTERESTS) {
            if (interest.id().equals(id)) {
                return Math.min(0.6, interest.upper() / WORLD_USERS);
            }
        }
        for (List<TargetingCatalog.Category> categories : TargetingCatalog.CATEGORIES.values()) {
            for (TargetingCatalog.Category category : categories) {
                if (category.id().equals(id)) {
                    return Math.min(0.6, category.upper() / WORLD_USERS);
                }
            }
        }
        return 0.02 + Math.floorMod(id.hashCode(), 50) / 1000.0;
    }

    private static double platformShare(JsonNode platforms) {
        if (platforms.size() == 0) {
            return 1.0;
        }
        double none = 1.0;
        for (JsonNode platform : platforms) {
            none *= 1 - switch (platform.asString().toLowerCase(Locale.ROOT)) {
                case "facebook" -> 0.78;
                case "instagram" -> 0.62;
                case "messenger" -> 0.35;
                case "audience_network" -> 0.4;
                case "threads" -> 0.15;
                default -> 0.1;
            };
        }
        return 1 - none;
    }

    private static double ageShare(int min, int max) {
        int from = Math.max(13, Math.min(min, 65));
        int to = Math.max(from, Math.min(max, 65));
        double share = 0;
        for (int age = from; age <= to; age++) {
            share += AGE_SHARE[age - 13];
        }
        return share;
    }

    private static double[] ageShares() {
        // 13-17 5%, 18-24 20%, 25-34 28%, 35-44 20%, 45-54 13%, 55-64 9%, 65+ 5%
        double[] shares = new double[53];
        int[][] buckets = {{13, 17, 5}, {18, 24, 20}, {25, 34, 28}, {35, 44, 20}, {45, 54, 13}, {55, 64, 9}};
        for (int[] bucket : buckets) {
            for (int age = bucket[0]; age <= bucket[1]; age++) {
                shares[age - 13] = bucket[2] / 100.0 / (bucket[1] - bucket[0] + 1);
            }
        }
        shares[52] = 0.05;
        return shares;
    }

    private static long lower(long estimate) {
        return estimate < 1000 ? 0 : TargetingCatalog.round(estimate * 87 / 100);
    }

    private static long upper(long estimate) {
        return estimate < 1000 ? 1000 : TargetingCatalog.round(estimate * 113 / 100);
    }
}
