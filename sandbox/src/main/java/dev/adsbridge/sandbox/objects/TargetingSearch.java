package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /search?type=…}: the targeting search of the Marketing API over {@link TargetingCatalog} —
 * adinterest ({@code q}), adinterestsuggestion ({@code interest_list=["…"]}), adinterestvalid ({@code interest_list}
 * names and/or {@code interest_fbid_list} ids),
 * adTargetingCategory ({@code class=behaviors|demographics|…}), adgeolocation ({@code q},
 * {@code location_types=["country","region","city","zip"]}, {@code country_code}) and adlocale ({@code q}).
 */
final class TargetingSearch {

    static final List<String> TYPES = List.of("adinterest", "adinterestsuggestion", "adinterestvalid",
            "adTargetingCategory", "adgeolocation", "adlocale");
    static final List<String> LOCATION_TYPES = List.of("country", "region", "city", "zip", "geo_market",
            "electoral_district", "country_group", "neighborhood", "subcity", "medium_geo_area", "large_geo_area",
            "small_geo_area", "metro_area", "place");

    private TargetingSearch() {
    }

    static Object search(GraphCall call) {
        String type = call.param("type").orElseThrow(() -> AdErrors.required("type"));
        return switch (type) {
            case "adinterest" -> interests(call);
            case "adinterestsuggestion" -> suggestions(call);
            case "adinterestvalid" -> valid(call);
            case "adTargetingCategory", "adtargetingcategory" -> categories(call);
            case "adgeolocation" -> locations(call);
            case "adlocale" -> locales(call);
            default -> throw AdErrors.mustBeOneOf("type", TYPES);
        };
    }

    private static Object interests(GraphCall call) {
        String q = new Params(call).required("q").toLowerCase(Locale.ROOT);
        List<TargetingCatalog.Interest> matches = TargetingCatalog.INTERESTS.stream()
                .filter(i -> i.name().toLowerCase(Locale.ROOT).contains(q)
                        || i.topic().toLowerCase(Locale.ROOT).contains(q))
                .sorted(Comparator.comparing((TargetingCatalog.Interest i) ->
                                !i.name().toLowerCase(Locale.ROOT).startsWith(q))
                        .thenComparing(i -> -i.upper()))
                .toList();
        return Pager.page(call, matches, TargetingSearch::interest);
    }

    private static Object suggestions(GraphCall call) {
        List<String> given = Params.stringList("interest_list", new Params(call).required("interest_list"));
        Set<String> names = Set.copyOf(given.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        Set<String> topics = new java.util.LinkedHashSet<>();
        for (TargetingCatalog.Interest interest : TargetingCatalog.INTERESTS) {
            if (names.contains(interest.name().toLowerCase(Locale.ROOT))) {
                topics.add(interest.topic());
            }
        }
        List<TargetingCatalog.Interest> related = TargetingCatalog.INTERESTS.stream()
                .filter(i -> topics.contains(i.topic()) && !names.contains(i.name().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing((TargetingCatalog.Interest i) -> -i.upper()))
                .toList();
        return Pager.page(call, related, TargetingSearch::interest);
    }

    /** Checks interests by name ({@code interest_list}) and/or by id ({@code interest_fbid_list}), names first. */
    private static Object valid(GraphCall call) {
        Params p = new Params(call);
        Optional<List<String>> names = p.strings("interest_list");
        Optional<List<String>> ids = p.strings("interest_fbid_list");
        if (names.isEmpty() && ids.isEmpty()) {
            throw AdErrors.required("interest_list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names.orElse(List.of())) {
            Optional<TargetingCatalog.Interest> match = TargetingCatalog.INTERESTS.stream()
                    .filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
            Map<String, Object> row = match.map(TargetingSearch::interest).orElseGet(LinkedHashMap::new);
            row.put("name", match.map(TargetingCatalog.Interest::name).orElse(name));
            row.put("valid", match.isPresent());
            out.add(row);
        }
        List<String> idList = ids.orElse(List.of());
        for (int i = 0; i < idList.size(); i++) {
            String id = idList.get(i);
            if (!id.matches("\\d{1,30}")) {
                throw AdErrors.wrongType("interest_fbid_list[" + i + "]", "a valid interest ID");
            }
            Optional<TargetingCatalog.Interest> match = TargetingCatalog.INTERESTS.stream()
                    .filter(interest -> interest.id().equals(id)).findFirst();
            Map<String, Object> row = match.map(TargetingSearch::interest).orElseGet(LinkedHashMap::new);
            row.put("id", id);
            row.put("valid", match.isPresent());
            out.add(row);
        }
        return Pager.page(call, out, row -> row);
    }

    private static Object categories(GraphCall call) {
        Optional<String> wanted = call.param("class");
        List<TargetingCatalog.Category> out = new ArrayList<>();
        if (wanted.isPresent()) {
            if (!TargetingCatalog.CATEGORY_CLASSES.contains(wanted.get())) {
                throw AdErrors.mustBeOneOf("class", TargetingCatalog.CATEGORY_CLASSES);
            }
            out.addAll(TargetingCatalog.categoriesOf(wanted.get()));
        } else {
            for (String type : TargetingCatalog.CATEGORY_CLASSES) {
                if (!type.equals("interests")) {
                    out.addAll(TargetingCatalog.categoriesOf(type));
                }
            }
        }
        return Pager.page(call, out, category -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", category.id());
            row.put("name", category.name());
            row.put("type", category.type());
            row.put("path", category.path());
            if (category.description() != null) {
                row.put("description", category.description());
            }
            row.put("audience_size_lower_bound", category.lower());
            row.put("audience_size_upper_bound", category.upper());
            row.put("real_time_cluster", false);
            return row;
        });
    }

    private static Object locations(GraphCall call) {
        String q = call.param("q").orElse("").trim().toLowerCase(Locale.ROOT);
        List<String> types = call.has("location_types")
                ? Params.stringList("location_types", call.param("location_types").get()) : List.of();
        for (int i = 0; i < types.size(); i++) {
            if (!LOCATION_TYPES.contains(types.get(i))) {
                throw AdErrors.mustBeOneOf("location_types[" + i + "]", LOCATION_TYPES);
            }
        }
        if (q.isEmpty() && types.isEmpty()) {
            throw AdErrors.required("q");
        }
        Optional<String> country = call.param("country_code").map(s -> s.toUpperCase(Locale.ROOT));
        List<TargetingCatalog.Place> matches = TargetingCatalog.PLACES.stream()
                .filter(p -> types.isEmpty() || types.contains(p.type()))
                .filter(p -> country.isEmpty() || country.get().equals(p.countryCode()))
                .filter(p -> q.isEmpty() || p.name().toLowerCase(Locale.ROOT).startsWith(q)
                        || p.name().toLowerCase(Locale.ROOT).contains(" " + q)
                        || p.key().equalsIgnoreCase(q))
                .sorted(Comparator.comparing((TargetingCatalog.Place p) -> -p.users()))
                .toList();
        return Pager.page(call, matches, TargetingSearch::place);
    }

    private static Object locales(GraphCall call) {
        String q = call.param("q").orElse("").toLowerCase(Locale.ROOT);
        List<TargetingCatalog.AdLocale> matches = TargetingCatalog.LOCALES.stream()
                .filter(l -> l.name().toLowerCase(Locale.ROOT).contains(q)).toList();
        return Pager.page(call, matches, l -> Map.of("key", l.key(), "name", l.name()));
    }

    static Map<String, Object> interest(TargetingCatalog.Interest interest) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", interest.id());
        row.put("name", interest.name());
        row.put("audience_size_lower_bound", interest.lower());
        row.put("audience_size_upper_bound", interest.upper());
        row.put("path", interest.path());
        row.put("description", null);
        row.put("topic", interest.topic());
        return row;
    }

    static Map<String, Object> place(TargetingCatalog.Place place) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", place.key());
        row.put("name", place.name());
        row.put("type", place.type());
        row.put("country_code", place.countryCode());
        row.put("country_name", place.countryName());
        if (place.region() != null) {
            row.put("region", place.region());
            row.put("region_id", Long.parseLong(place.regionId()));
        }
        row.put("supports_region", place.type().equals("country"));
        row.put("supports_city", !place.type().equals("zip"));
        return row;
    }
}
