package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.Pager;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code GET /ads_archive}: the Ad Library API over a seeded set of public ads (a few hundred, from a dozen pages,
 * some political with spend / impression ranges). Filters: ad_reached_countries (required), search_terms with
 * search_type KEYWORD_UNORDERED | KEYWORD_EXACT_PHRASE, search_page_ids, ad_type, ad_active_status,
 * ad_delivery_date_min/max, publisher_platforms, languages. Default field: id, as Meta's.
 */
final class AdsArchive {

    static final List<String> FIELDS = List.of("id", "ad_creation_time", "ad_creative_bodies",
            "ad_creative_link_captions", "ad_creative_link_descriptions", "ad_creative_link_titles",
            "ad_delivery_start_time", "ad_delivery_stop_time", "ad_snapshot_url", "beneficiary_payers", "bylines",
            "currency", "delivery_by_region", "demographic_distribution", "estimated_audience_size",
            "eu_total_reach", "impressions", "languages", "page_id", "page_name", "publisher_platforms", "spend",
            "target_ages", "target_gender", "target_locations");
    static final List<String> AD_TYPES = List.of("ALL", "EMPLOYMENT_ADS", "FINANCIAL_PRODUCTS_AND_SERVICES_ADS",
            "HOUSING_ADS", "POLITICAL_AND_ISSUE_ADS");
    static final List<String> ACTIVE_STATUSES = List.of("ACTIVE", "INACTIVE", "ALL");
    static final List<String> SEARCH_TYPES = List.of("KEYWORD_UNORDERED", "KEYWORD_EXACT_PHRASE");

    private record Advertiser(String pageId, String name, String adType, String currency, List<String> countries,
                              String language, String[] bodies, String[] titles) {
    }

    /** One public ad: its rendered fields plus what the filters read. */
    private record ArchivedAd(Map<String, Object> fields, String adType, List<String> countries, LocalDate start,
                              LocalDate stop, String pageId, List<String> platforms, String language, String text) {
    }

    private static final List<Advertiser> ADVERTISERS = List.of(
            new Advertiser("200000000000001", "Whitfield Outdoor", "ALL", "USD", List.of("US", "CA"), "en",
                    new String[]{"Gear up for the trail: our {p} is built for every season.",
                            "Winter Sale: {d}% off {p} this week only.", "Tested on the Pacific Crest Trail. "
                            + "Meet the new {p}."},
                    new String[]{"Shop the {p}", "Winter Sale", "New: {p}"}),
            new Advertiser("200000000000002", "Whitfield Coffee Roasters", "ALL", "USD", List.of("US"), "en",
                    new String[]{"Freshly roasted {c}, delivered every two weeks.", "Try our {c} subscription: "
                            + "first bag {d}% off."},
                    new String[]{"Subscribe & save", "Roasted this morning"}),
            new Advertiser("200000000000003", "Rossi Design Studio", "ALL", "EUR", List.of("IT", "DE", "FR"), "it",
                    new String[]{"Interior design that fits how you live. Book a free consultation.",
                            "New collection: {p} for small apartments."},
                    new String[]{"Book a consultation", "New collection"}),
            new Advertiser("204000000000011", "Summit Gear Co.", "ALL", "USD", List.of("US", "GB"), "en",
                    new String[]{"Ultralight {p} for your next summit.", "{d}% off {p} — ends Sunday."},
                    new String[]{"Go lighter", "Weekend deal"}),
            new Advertiser("204000000000012", "Alpine Threads", "ALL", "EUR", List.of("DE", "AT", "CH"), "de",
                    new String[]{"Merino layers made in the Alps. {p} now in stock.", "Warm, light, recycled: the new "
                            + "{p}."},
                    new String[]{"Jetzt entdecken", "Neu im Shop"}),
            new Advertiser("204000000000013", "Lumen Coffee", "ALL", "GBP", List.of("GB", "IE"), "en",
                    new String[]{"Your morning {c}, sorted. Free delivery over £25.", "Single-origin {c} from "
                            + "Ethiopia, roasted in Leeds."},
                    new String[]{"Order now", "Single origin"}),
            new Advertiser("204000000000014", "Blue Ocean Travel", "ALL", "USD", List.of("US", "MX", "CA"), "en",
                    new String[]{"Seven nights in Cancún from $899. {d}% off for early birds.", "Sail the Caribbean "
                            + "this winter."},
                    new String[]{"Book your getaway", "Early bird deal"}),
            new Advertiser("204000000000015", "Citizens for Clean Parks", "POLITICAL_AND_ISSUE_ADS", "USD",
                    List.of("US"), "en",
                    new String[]{"Our parks need protecting. Vote YES on Measure {n} for clean trails and rivers.",
                            "Tell the council: fund park clean-ups. Sign the petition."},
                    new String[]{"Vote YES on Measure {n}", "Sign the petition"}),
            new Advertiser("204000000000016", "Evergreen Energy Coalition", "POLITICAL_AND_ISSUE_ADS", "EUR",
                    List.of("DE", "FR", "NL"), "en",
                    new String[]{"Clean energy creates jobs. Support the community solar bill.", "Wind and solar for "
                            + "every town: have your say before the vote."},
                    new String[]{"Support clean energy", "Have your say"}),
            new Advertiser("204000000000017", "GreenRiver Bank", "FINANCIAL_PRODUCTS_AND_SERVICES_ADS", "USD",
                    List.of("US"), "en",
                    new String[]{"A savings account with {d}% APY and no monthly fees.", "Get pre-qualified for a "
                            + "home loan in minutes."},
                    new String[]{"Open an account", "Check your rate"}),
            new Advertiser("204000000000018", "Harbor City Housing", "HOUSING_ADS", "USD", List.of("US"), "en",
                    new String[]{"New apartments downtown: studios to 3 bedrooms, move in this month.",
                            "Affordable homes near the harbor. Tour today."},
                    new String[]{"Schedule a tour", "Now leasing"}),
            new Advertiser("204000000000019", "Northwind Careers", "EMPLOYMENT_ADS", "USD", List.of("US", "CA"), "en",
                    new String[]{"We're hiring warehouse associates: $22/hr, weekly pay.", "Join our team as a "
                            + "delivery driver. Flexible shifts."},
                    new String[]{"Apply now", "We're hiring"}));

    private static final String[] PRODUCTS = {"rain jacket", "hiking boots", "2-person tent", "down sleeping bag",
            "trekking poles", "trail runners", "daypack", "fleece", "camp stove", "headlamp", "wool socks",
            "insulated bottle", "sofa", "lamp", "shelving"};
    private static final String[] COFFEES = {"espresso blend", "house roast", "cold brew", "decaf", "Colombian "
            + "single origin", "Kenyan AA"};
    private static final List<String> PLATFORMS = List.of("facebook", "instagram", "messenger", "audience_network");

    private final List<ArchivedAd> ads;

    AdsArchive(long seed, LocalDate today) {
        this.ads = generate(seed, today);
    }

    Object search(GraphCall call) {
        List<String> countries = Params.stringList("ad_reached_countries",
                call.param("ad_reached_countries").orElseThrow(() -> AdErrors.required("ad_reached_countries")));
        Params p = new Params(call);
        String adType = p.oneOf("ad_type", AD_TYPES).orElse("ALL");
        String active = p.oneOf("ad_active_status", ACTIVE_STATUSES).orElse("ACTIVE");
        String searchType = p.oneOf("search_type", SEARCH_TYPES).orElse("KEYWORD_UNORDERED");
        String terms = call.param("search_terms").orElse("").trim().toLowerCase(Locale.ROOT);
        List<String> pageIds = call.has("search_page_ids")
                ? Params.stringList("search_page_ids", call.param("search_page_ids").get()) : List.of();
        List<String> platforms = call.has("publisher_platforms")
                ? Params.stringList("publisher_platforms", call.param("publisher_platforms").get()) : List.of();
        List<String> languages = call.has("languages")
                ? Params.stringList("languages", call.param("languages").get()) : List.of();
        LocalDate min = date(call, "ad_delivery_date_min");
        LocalDate max = date(call, "ad_delivery_date_max");
        List<FieldSpec> fields = call.fields();
        for (FieldSpec spec : fields) {
            if (!FIELDS.contains(spec.name())) {
                throw GraphErrors.nonexistingField(spec.name(), "ArchivedAd");
            }
        }
        LocalDate today = LocalDate.now(call.api().context().config().clock().withZone(ZoneOffset.UTC));
        List<ArchivedAd> matches = new ArrayList<>();
        for (ArchivedAd ad : ads) {
            if (!countries.contains("ALL") && ad.countries().stream().noneMatch(countries::contains)) {
                continue;
            }
            if (!adType.equals("ALL") && !adType.equals(ad.adType())) {
                continue;
            }
            boolean isActive = ad.stop() == null || !ad.stop().isBefore(today);
            if (active.equals("ACTIVE") && !isActive || active.equals("INACTIVE") && isActive) {
                continue;
            }
            if (!pageIds.isEmpty() && !pageIds.contains(ad.pageId())) {
                continue;
            }
            if (!platforms.isEmpty() && ad.platforms().stream().noneMatch(platforms::contains)) {
                continue;
            }
            if (!languages.isEmpty() && !languages.contains(ad.language())) {
                continue;
            }
            if (min != null && ad.start().isBefore(min) || max != null && ad.start().isAfter(max)) {
                continue;
            }
            if (!terms.isEmpty() && !matchesTerms(ad.text(), terms, searchType)) {
                continue;
            }
            matches.add(ad);
        }
        return Pager.page(call, matches, ad -> select(ad, fields));
    }

    private static boolean matchesTerms(String text, String terms, String searchType) {
        if (searchType.equals("KEYWORD_EXACT_PHRASE")) {
            return text.contains(terms);
        }
        for (String term : terms.split("\\s+")) {
            if (!text.contains(term)) {
                return false;
            }
        }
        return true;
    }

    private static LocalDate date(GraphCall call, String name) {
        if (!call.has(name)) {
            return null;
        }
        try {
            return LocalDate.parse(call.param(name).get().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw AdErrors.wrongType(name, "a date in the format YYYY-MM-DD");
        }
    }

    private static Map<String, Object> select(ArchivedAd ad, List<FieldSpec> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fields.isEmpty()) {
            out.put("id", ad.fields().get("id"));
            return out;
        }
        for (FieldSpec spec : fields) {
            Object value = ad.fields().get(spec.name());
            if (value != null) {
                out.put(spec.name(), value);
            }
        }
        if (!out.containsKey("id")) {
            out.put("id", ad.fields().get("id"));
        }
        return out;
    }

    private static List<ArchivedAd> generate(long seed, LocalDate today) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_A4C41EL);
        List<ArchivedAd> out = new ArrayList<>();
        long nextId = 880_000_000_000_000L + Math.floorMod(seed, 1_000L) * 1_000;
        for (int i = 0; i < 260; i++) {
            Advertiser advertiser = ADVERTISERS.get(random.nextInt(ADVERTISERS.size()));
            String product = advertiser.name().contains("Coffee") ? COFFEES[random.nextInt(COFFEES.length)]
                    : PRODUCTS[random.nextInt(PRODUCTS.length)];
            int discount = 10 + 5 * random.nextInt(7);
            String body = fill(advertiser.bodies()[random.nextInt(advertiser.bodies().length)], product, discount, i);
            String title = fill(advertiser.titles()[random.nextInt(advertiser.titles().length)], product, discount, i);
            LocalDate start = today.minusDays(2 + random.nextInt(400));
            LocalDate stop = random.nextInt(3) == 0 ? null : start.plusDays(7 + random.nextInt(90));
            List<String> platforms = new ArrayList<>(List.of("facebook"));
            if (random.nextBoolean()) {
                platforms.add("instagram");
            }
            if (random.nextInt(4) == 0) {
                platforms.add(PLATFORMS.get(2 + random.nextInt(2)));
            }
            List<String> countries = advertiser.countries().subList(0, 1 + random.nextInt(advertiser.countries()
                    .size()));
            String id = Long.toString(nextId++);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", id);
            fields.put("ad_creation_time", start.minusDays(1 + random.nextInt(3)).toString());
            fields.put("ad_creative_bodies", List.of(body));
            fields.put("ad_creative_link_captions", List.of(advertiser.name().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z]", "") + ".example"));
            fields.put("ad_creative_link_descriptions", List.of(advertiser.name() + " — official site"));
            fields.put("ad_creative_link_titles", List.of(title));
            fields.put("ad_delivery_start_time", start.toString());
            if (stop != null) {
                fields.put("ad_delivery_stop_time", stop.toString());
            }
            fields.put("ad_snapshot_url", "https://www.facebook.com/ads/library/?id=" + id);
            fields.put("currency", advertiser.currency());
            fields.put("languages", List.of(advertiser.language()));
            fields.put("page_id", advertiser.pageId());
            fields.put("page_name", advertiser.name());
            fields.put("publisher_platforms", platforms);
            fields.put("target_ages", List.of("18", "65+"));
            fields.put("target_gender", "All");
            fields.put("target_locations", countries.stream().map(c -> Map.of("name", c, "excluded", false))
                    .toList());
            long audience = 10_000L * (1 + random.nextInt(500));
            fields.put("estimated_audience_size", Map.of("lower_bound", audience, "upper_bound", audience * 2));
            if (!advertiser.adType().equals("ALL")) {
                int spendBucket = random.nextInt(6);
                long low = new long[]{0, 100, 500, 1_000, 5_000, 10_000}[spendBucket];
                long high = new long[]{99, 499, 999, 4_999, 9_999, 49_999}[spendBucket];
                fields.put("spend", Map.of("lower_bound", Long.toString(low), "upper_bound", Long.toString(high)));
                fields.put("impressions", Map.of("lower_bound", Long.toString(low * 200),
                        "upper_bound", Long.toString(high * 200 + 999)));
                fields.put("bylines", "Paid for by " + advertiser.name());
                fields.put("beneficiary_payers", List.of(Map.of("payer", advertiser.name(),
                        "beneficiary", advertiser.name(), "current", true)));
                fields.put("demographic_distribution", List.of(
                        Map.of("percentage", "0.46", "age", "25-34", "gender", "female"),
                        Map.of("percentage", "0.41", "age", "25-34", "gender", "male"),
                        Map.of("percentage", "0.13", "age", "35-44", "gender", "unknown")));
                fields.put("delivery_by_region", countries.stream().map(c -> Map.of("percentage",
                        String.format(Locale.ROOT, "%.3f", 1.0 / countries.size()), "region", c)).toList());
            }
            if (countries.stream().anyMatch(c -> List.of("DE", "FR", "IT", "NL", "AT", "IE").contains(c))) {
                fields.put("eu_total_reach", audience / 3);
            }
            String text = (body + " " + title + " " + advertiser.name()).toLowerCase(Locale.ROOT);
            out.add(new ArchivedAd(java.util.Collections.unmodifiableMap(fields), advertiser.adType(), countries, start, stop,
                    advertiser.pageId(), List.copyOf(platforms), advertiser.language(), text));
        }
        out.sort((a, b) -> b.start().compareTo(a.start()));
        return List.copyOf(out);
    }

    private static String fill(String template, String product, int discount, int n) {
        return template.replace("{p}", product).replace("{c}", product).replace("{d}", Integer.toString(discount))
                .replace("{n}", Integer.toString(10 + n % 9));
    }
}
