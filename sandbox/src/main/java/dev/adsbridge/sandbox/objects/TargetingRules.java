package dev.adsbridge.sandbox.objects;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** What an ad set's targeting spec must carry (docs/meta-graph-api.md, ad set create). */
final class TargetingRules {

    private static final List<String> GEO_KEYS = List.of("countries", "regions", "cities", "zips", "geo_markets",
            "custom_locations", "country_groups", "places", "electoral_districts", "neighborhoods");

    private TargetingRules() {
    }

    /** Validates a targeting spec and returns it as a map. */
    static Map<String, Object> validate(JsonNode targeting) {
        if (!targeting.isObject()) {
            throw AdErrors.wrongType("targeting", "a JSON object");
        }
        JsonNode geo = targeting.path("geo_locations");
        boolean hasLocation = geo.isObject() && GEO_KEYS.stream().anyMatch(key -> geo.path(key).size() > 0);
        if (!hasLocation) {
            throw AdErrors.invalid("targeting", null, "Location Required", "Your audience doesn't have a location. Add at least "
                    + "one country, region, city or ZIP code in targeting.geo_locations.");
        }
        for (JsonNode country : geo.path("countries")) {
            if (!country.asString().matches("[A-Z]{2}")) {
                throw AdErrors.invalid("targeting", null, "Invalid Location", "\"" + country.asString() + "\" isn't a valid "
                        + "country code. Use two-letter ISO codes such as US or DE.");
            }
        }
        JsonNode advantage = targeting.path("targeting_automation").path("advantage_audience");
        if (advantage.isMissingNode() || advantage.isNull()) {
            throw AdErrors.invalid("targeting", AdErrors.ADVANTAGE_AUDIENCE_REQUIRED, "Advantage Audience Flag Required",
                    "To create your ad set, you need to enable or disable the Advantage audience feature. Set "
                            + "targeting_automation.advantage_audience to 1 or 0 in the targeting spec.");
        }
        String flag = advantage.asString();
        if (!flag.equals("0") && !flag.equals("1")) {
            throw AdErrors.wrongType("targeting[targeting_automation][advantage_audience]", "0 or 1");
        }
        int ageMin = age(targeting, "age_min", 18);
        int ageMax = age(targeting, "age_max", 65);
        if (ageMin > ageMax) {
            throw AdErrors.invalid("targeting", null, "Invalid Age Range", "The minimum age (" + ageMin + ") can't be higher than "
                    + "the maximum age (" + ageMax + ").");
        }
        if (flag.equals("1") && targeting.has("age_max") && ageMax < 65) {
            throw AdErrors.invalid("targeting", AdErrors.ADVANTAGE_AUDIENCE_AGE_MAX, "Age Maximum Not Available",
                    "With Advantage+ audience on, the age maximum can only be a suggestion: remove age_max or set it "
                            + "to 65, or turn Advantage+ audience off (advantage_audience: 0).");
        }
        for (JsonNode gender : targeting.path("genders")) {
            if (!gender.asString().equals("1") && !gender.asString().equals("2")) {
                throw AdErrors.wrongType("targeting[genders]", "a list of 1 (men) and 2 (women)");
            }
        }
        checkInterests(targeting.path("interests"));
        for (JsonNode group : targeting.path("flexible_spec")) {
            checkInterests(group.path("interests"));
        }
        return Params.toMap(targeting);
    }

    private static int age(JsonNode targeting, String field, int fallback) {
        JsonNode value = targeting.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        int age;
        try {
            age = Integer.parseInt(value.asString());
        } catch (NumberFormatException e) {
            throw AdErrors.wrongType("targeting[" + field + "]", "an integer between 13 and 65");
        }
        if (age < 13 || age > 65) {
            throw AdErrors.invalid("targeting", null, "Invalid Age Range", "Ages in targeting must be between 13 and 65; "
                    + field + " is " + age + ".");
        }
        return age;
    }

    private static void checkInterests(JsonNode interests) {
        for (JsonNode interest : interests) {
            if (!interest.has("id")) {
                throw AdErrors.invalid("targeting", null, "Invalid Interest", "Each interest in targeting needs its id (find ids "
                        + "with GET /search?type=adinterest&q=…).");
            }
        }
    }
}
