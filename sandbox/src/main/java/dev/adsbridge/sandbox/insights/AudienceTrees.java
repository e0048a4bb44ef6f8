package dev.adsbridge.sandbox.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds (and caches per ad set) the {@link AudienceTree} of each breakdown group from the ad set's targeting: ages
 * within age_min..age_max, the targeted genders, the targeted countries (or the account's home markets), the
 * targeted publisher platforms. Shares carry a per-ad-set skew from the seed so ad sets differ.
 */
final class AudienceTrees {

    static final String[] AGES = {"13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
    private static final int[][] AGE_BOUNDS = {{13, 17}, {18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 200}};
    private static final double[] AGE_SHARE = {0.02, 0.17, 0.28, 0.21, 0.15, 0.10, 0.07};
    private static final double[] AGE_CTR = {1.30, 1.20, 1.10, 1.00, 0.95, 0.90, 0.85};
    private static final double[] AGE_CPM = {0.80, 0.90, 1.10, 1.15, 1.05, 0.95, 0.85};
    private static final double[] AGE_ENGAGE = {1.40, 1.30, 1.10, 1.00, 0.90, 0.85, 0.80};
    private static final double[] AGE_CONVERT = {0.40, 0.80, 1.10, 1.20, 1.10, 1.00, 0.90};
    private static final double[] AGE_VALUE = {0.60, 0.80, 1.00, 1.10, 1.20, 1.20, 1.10};

    static final String[] GENDERS = {"female", "male", "unknown"};
    private static final double[] GENDER_SHARE = {0.50, 0.47, 0.03};
    private static final double[] GENDER_CTR = {1.05, 0.95, 1.00};
    private static final double[] GENDER_CPM = {1.08, 0.95, 0.90};

    static final String[] PLATFORMS = {"facebook", "instagram", "audience_network", "messenger"};
    private static final double[] PLATFORM_SHARE = {0.50, 0.38, 0.07, 0.05};
    private static final double[] PLATFORM_CPM = {1.00, 1.15, 0.50, 0.80};
    private static final double[] PLATFORM_CTR = {1.00, 0.90, 0.70, 0.90};

    /** platform_position values per publisher platform, with share, CTR, CPM and engagement multipliers. */
    private static final Map<String, Object[][]> POSITIONS = new LinkedHashMap<>();

    static {
        POSITIONS.put("facebook", new Object[][]{
                {"feed", 0.55, 1.20, 1.00, 1.00}, {"facebook_reels", 0.12, 0.80, 0.90, 1.60},
                {"facebook_stories", 0.10, 0.70, 0.90, 1.10}, {"video_feeds", 0.06, 0.80, 0.85, 1.50},
                {"marketplace", 0.07, 1.00, 0.90, 0.60}, {"instream_video", 0.04, 0.60, 0.80, 1.40},
                {"right_hand_column", 0.03, 0.40, 0.40, 0.30}, {"search", 0.03, 1.10, 1.00, 0.50}});
        POSITIONS.put("instagram", new Object[][]{
                {"feed", 0.45, 1.10, 1.05, 1.00}, {"instagram_stories", 0.25, 0.70, 0.90, 1.10},
                {"instagram_reels", 0.22, 0.80, 0.95, 1.60}, {"instagram_explore", 0.05, 0.90, 0.90, 1.00},
                {"instagram_profile_feed", 0.03, 1.00, 1.00, 0.80}});
        POSITIONS.put("audience_network", new Object[][]{
                {"an_classic", 0.70, 0.60, 1.00, 0.80}, {"rewarded_video", 0.30, 0.50, 1.20, 1.50}});
        POSITIONS.put("messenger", new Object[][]{
                {"messenger_inbox", 0.60, 0.90, 1.00, 0.60}, {"messenger_stories", 0.40, 0.70, 0.90, 1.00}});
    }

    static final String[] DEVICES = {"iphone", "android_smartphone", "ipad", "android_tablet", "desktop", "other"};
    private static final double[] DEVICE_SHARE = {0.42, 0.45, 0.05, 0.03, 0.12, 0.03};
    private static final double[] DEVICE_CTR = {1.00, 0.95, 1.05, 1.00, 1.25, 0.80};
    private static final double[] DEVICE_CONVERT = {1.10, 0.85, 1.10, 0.90, 1.40, 0.70};

    private static final Map<String, Double> COUNTRY_SHARE = Map.ofEntries(Map.entry("US", 1.0),
            Map.entry("CA", 0.14), Map.entry("GB", 0.22), Map.entry("DE", 0.26), Map.entry("FR", 0.21),
            Map.entry("IT", 0.16), Map.entry("ES", 0.15), Map.entry("NL", 0.07), Map.entry("AU", 0.09),
            Map.entry("JP", 1.0), Map.entry("KR", 1.0), Map.entry("IE", 0.04), Map.entry("AT", 0.05),
            Map.entry("BE", 0.05), Map.entry("CH", 0.05), Map.entry("MX", 0.3), Map.entry("BR", 0.5));
    private static final Map<String, Double> COUNTRY_CPM = Map.ofEntries(Map.entry("US", 1.25),
            Map.entry("CA", 1.0), Map.entry("GB", 1.0), Map.entry("DE", 0.95), Map.entry("FR", 0.85),
            Map.entry("IT", 0.7), Map.entry("ES", 0.65), Map.entry("NL", 0.9), Map.entry("AU", 1.05),
            Map.entry("JP", 1.1), Map.entry("KR", 0.9), Map.entry("CH", 1.2));

    /** Regions (Meta reports region names) with their share, per country; others report "Unknown". */
    private static final Map<String, Object[][]> REGIONS = Map.of(
            "US", new Object[][]{{"California", 0.16}, {"Texas", 0.11}, {"Florida", 0.09}, {"New York", 0.08},
                    {"Illinois", 0.05}, {"Pennsylvania", 0.05}, {"Ohio", 0.05}, {"Georgia", 0.04},
                    {"Washington", 0.03}, {"Massachusetts", 0.03}, {"Arizona", 0.03}, {"Colorado", 0.02},
                    {"Oregon", 0.015}},
            "CA", new Object[][]{{"Ontario", 0.39}, {"Quebec", 0.22}, {"British Columbia", 0.14}, {"Alberta", 0.12}},
            "GB", new Object[][]{{"England", 0.84}, {"Scotland", 0.08}, {"Wales", 0.05}, {"Northern Ireland", 0.03}},
            "DE", new Object[][]{{"North Rhine-Westphalia", 0.22}, {"Bavaria", 0.16}, {"Baden-Württemberg", 0.13},
                    {"Lower Saxony", 0.10}, {"Hesse", 0.08}, {"Berlin", 0.05}, {"Hamburg", 0.03}},
            "FR", new Object[][]{{"Île-de-France", 0.19}, {"Auvergne-Rhône-Alpes", 0.12}, {"Hauts-de-France", 0.09},
                    {"Nouvelle-Aquitaine", 0.09}, {"Occitanie", 0.09}, {"Provence-Alpes-Côte d'Azur", 0.08}},
            "JP", new Object[][]{{"Tokyo", 0.20}, {"Kanagawa", 0.12}, {"Osaka", 0.11}, {"Aichi", 0.09},
                    {"Saitama", 0.08}, {"Fukuoka", 0.06}, {"Hokkaido", 0.05}},
            "KR", new Object[][]{{"Seoul", 0.25}, {"Gyeonggi-do", 0.30}, {"Busan", 0.08}, {"Incheon", 0.06}},
            "IT", new Object[][]{{"Lombardy", 0.17}, {"Lazio", 0.10}, {"Campania", 0.09}, {"Sicily", 0.08}},
            "ES", new Object[][]{{"Andalusia", 0.18}, {"Catalonia", 0.16}, {"Community of Madrid", 0.14},
                    {"Valencian Community", 0.11}});

    /** US designated market areas per state (dma is a US-only breakdown). */
    private static final Map<String, String[]> DMAS = Map.ofEntries(
            Map.entry("California", new String[]{"Los Angeles", "San Francisco-Oakland-San Jose", "San Diego",
                    "Sacramento-Stockton-Modesto"}),
            Map.entry("Texas", new String[]{"Dallas-Ft. Worth", "Houston", "Austin", "San Antonio"}),
            Map.entry("Florida", new String[]{"Miami-Ft. Lauderdale", "Tampa-St. Petersburg (Sarasota)",
                    "Orlando-Daytona Beach-Melbourne"}),
            Map.entry("New York", new String[]{"New York", "Buffalo", "Albany-Schenectady-Troy"}),
            Map.entry("Illinois", new String[]{"Chicago"}),
            Map.entry("Pennsylvania", new String[]{"Philadelphia", "Pittsburgh"}),
            Map.entry("Ohio", new String[]{"Cleveland-Akron (Canton)", "Columbus, OH", "Cincinnati"}),
            Map.entry("Georgia", new String[]{"Atlanta"}),
            Map.entry("Washington", new String[]{"Seattle-Tacoma", "Spokane"}),
            Map.entry("Massachusetts", new String[]{"Boston (Manchester)"}),
            Map.entry("Arizona", new String[]{"Phoenix (Prescott)", "Tucson (Sierra Vista)"}),
            Map.entry("Colorado", new String[]{"Denver", "Colorado Springs-Pueblo"}),
            Map.entry("Oregon", new String[]{"Portland, OR", "Eugene"}));

    /** Meta region keys the seeder's city targeting refers to (city → its region). */
    private static final Map<String, String> REGION_KEYS = Map.ofEntries(Map.entry("3847", "California"),
            Map.entry("3880", "Oregon"), Map.entry("3893", "Washington"), Map.entry("3867", "New York"),
            Map.entry("3875", "Massachusetts"), Map.entry("3882", "Pennsylvania"), Map.entry("3886", "Texas"),
            Map.entry("3848", "Colorado"), Map.entry("2170", "Tokyo"), Map.entry("2161", "Osaka"),
            Map.entry("2161001", "Hokkaido"), Map.entry("1264", "Scotland"), Map.entry("1262", "England"),
            Map.entry("2405", "Seoul"), Map.entry("2398", "Busan"));

    private static final String UNKNOWN = "Unknown";

    private record Cached(Object targeting, String currency, AudienceTree tree) {
    }

    private final long seed;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AudienceTrees(long seed) {
        this.seed = seed;
    }

    /** The tree of {@code group} for an ad set; rebuilt when the ad set's targeting object changes. */
    AudienceTree treeFor(Breakdown.Group group, String adSetId, Object targeting, String currency) {
        String key = group + ":" + adSetId;
        Cached cached = cache.get(key);
        if (cached != null && cached.targeting == targeting && cached.currency.equals(currency)) {
            return cached.tree;
        }
        Map<?, ?> spec = targeting instanceof Map<?, ?> map ? map : Map.of();
        long salt = SeededHash.combine(seed, SeededHash.of(adSetId + "/" + group));
        AudienceTree tree = switch (group) {
            case DEMOGRAPHIC -> demographic(spec, salt);
            case GEO -> geo(spec, currency, salt);
            case PLACEMENT -> placement(spec, salt);
            case HOURLY -> hourly(salt);
            case FREQUENCY -> throw new IllegalArgumentException("frequency_value splits reach, not delivery");
        };
        cache.put(key, new Cached(targeting, currency, tree));
        return tree;
    }

    private static double skew(long salt, String value) {
        return 0.6 + 0.8 * SeededHash.unit(SeededHash.combine(salt, SeededHash.of(value)));
    }

    private static double[] rates(double ctr, double cpm, double engage, double convert, double value) {
        return new double[]{1.0, ctr, cpm, engage, convert, value};
    }

    /** Meta's hour labels, in order. */
    static final String[] HOURS = new String[24];

    static {
        for (int h = 0; h < 24; h++) {
            HOURS[h] = String.format(java.util.Locale.ROOT, "%02d:00:00 - %02d:59:59", h, h);
        }
    }

    /**
     * Delivery by hour: a day curve low at night, rising through the morning, highest in the evening; clicks a little
     * more likely in the evening, impressions a little cheaper at night.
     */
    private static AudienceTree hourly(long salt) {
        AudienceTree.Builder builder = new AudienceTree.Builder(Breakdown.Group.HOURLY);
        for (int h = 0; h < 24; h++) {
            double curve = 0.25 + 0.75 * Math.pow(Math.sin(Math.PI * Math.max(0, h - 5) / 19.0), 2);
            double evening = h >= 18 && h <= 22 ? 1.15 : 1.0;
            double night = h < 6 ? 0.8 : 1.0;
            builder.add(0, -1, HOURS[h], curve * skew(salt, HOURS[h]), rates(evening, night, 1, evening, 1));
        }
        return builder.build();
    }

    private static AudienceTree demographic(Map<?, ?> targeting, long salt) {
        int ageMin = intValue(targeting.get("age_min"), 18);
        int ageMax = intValue(targeting.get("age_max"), 65);
        List<Integer> genders = intList(targeting.get("genders"));
        AudienceTree.Builder builder = new AudienceTree.Builder(Breakdown.Group.DEMOGRAPHIC);
        for (int a = 0; a < AGES.length; a++) {
            boolean targeted = AGE_BOUNDS[a][1] >= ageMin && AGE_BOUNDS[a][0] <= Math.max(ageMax, ageMin);
            double share = targeted ? AGE_SHARE[a] * skew(salt, AGES[a]) : 0;
            builder.add(0, -1, AGES[a], share, rates(AGE_CTR[a], AGE_CPM[a], AGE_ENGAGE[a], AGE_CONVERT[a],
                    AGE_VALUE[a]));
        }
        if (builder.size(0) == 0) {
            builder.add(0, -1, AGES[2], 1.0, rates(1, 1, 1, 1, 1));
        }
        int ages = builder.size(0);
        for (int parent = 0; parent < ages; parent++) {
            int before = builder.size(1);
            for (int g = 0; g < GENDERS.length; g++) {
                boolean targeted = genders.isEmpty() || (g == 0 && genders.contains(2)) || (g == 1 && genders.contains(1));
                double share = targeted ? GENDER_SHARE[g] * skew(salt + parent, GENDERS[g]) : 0;
                builder.add(1, parent, GENDERS[g], share, rates(GENDER_CTR[g], GENDER_CPM[g], 1, 1, 1));
            }
            if (builder.size(1) == before) {
                builder.add(1, parent, GENDERS[2], 1.0, rates(1, 1, 1, 1, 1));
            }
        }
        return builder.build();
    }

    /**
     * Targeted countries, each with the regions delivery can reach there: every region for a country targeted as a
     * whole, only the named ones for region and city targeting. No geo targeting: the account's home markets.
     */
    private static Map<String, List<String>> geoOf(Map<?, ?> targeting, String currency) {
        Map<String, List<String>> countries = new TreeMap<>();
        Map<?, ?> geo = targeting.get("geo_locations") instanceof Map<?, ?> map ? map : Map.of();
        if (geo.get("countries") instanceof List<?> list) {
            for (Object c : list) {
                if (c != null) {
                    countries.put(c.toString(), null);
                }
            }
        }
        List<String> regions = new ArrayList<>();
        if (geo.get("regions") instanceof List<?> list) {
            for (Object r : list) {
                if (r instanceof Map<?, ?> region) {
                    Object name = region.get("name");
                    Object key = region.get("key");
                    regions.add(name != null ? name.toString() : REGION_KEYS.getOrDefault(String.valueOf(key), UNKNOWN));
                }
            }
        }
        if (geo.get("cities") instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> city) {
                    regions.add(REGION_KEYS.getOrDefault(String.valueOf(city.get("region_id")), UNKNOWN));
                }
            }
        }
        String home = switch (currency) {
            case "EUR" -> "DE";
            case "JPY" -> "JP";
            case "GBP" -> "GB";
            case "KRW" -> "KR";
            default -> "US";
        };
        for (String region : regions) {
            String country = countryOfRegion(region).orElse(home);
            if (countries.containsKey(country) && countries.get(country) == null) {
                continue;
            }
            List<String> named = countries.computeIfAbsent(country, k -> new ArrayList<>());
            if (!named.contains(region)) {
                named.add(region);
            }
        }
        if (countries.isEmpty()) {
            for (String country : switch (currency) {
                case "EUR" -> List.of("DE", "FR", "IT", "ES", "NL");
                case "JPY" -> List.of("JP");
                case "GBP" -> List.of("GB");
                case "KRW" -> List.of("KR");
                default -> List.of("US", "CA");
            }) {
                countries.put(country, null);
            }
        }
        return countries;
    }

    private static Optional<String> countryOfRegion(String region) {
        for (Map.Entry<String, Object[][]> country : REGIONS.entrySet()) {
            for (Object[] r : country.getValue()) {
                if (r[0].equals(region)) {
                    return Optional.of(country.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private AudienceTree geo(Map<?, ?> targeting, String currency, long salt) {
        AudienceTree.Builder builder = new AudienceTree.Builder(Breakdown.Group.GEO);
        Map<String, List<String>> geo = geoOf(targeting, currency);
        List<String> countries = new ArrayList<>(geo.keySet());
        for (String country : countries) {
            double cpm = COUNTRY_CPM.getOrDefault(country, 0.6);
            builder.add(0, -1, country, COUNTRY_SHARE.getOrDefault(country, 0.1) * skew(salt, country),
                    rates(1.0, cpm, 1.0, cpm > 1 ? 1.1 : 0.9, cpm));
        }
        for (int c = 0; c < countries.size(); c++) {
            String country = countries.get(c);
            List<String> targeted = geo.get(country);
            Object[][] known = REGIONS.getOrDefault(country, new Object[0][]);
            List<Object[]> regions = new ArrayList<>();
            for (Object[] region : known) {
                if (targeted == null || targeted.contains((String) region[0])) {
                    regions.add(region);
                }
            }
            if (targeted != null) {
                for (String name : targeted) {
                    if (regions.stream().noneMatch(r -> r[0].equals(name))) {
                        regions.add(new Object[]{name, 0.05});
                    }
                }
            }
            if (regions.isEmpty()) {
                builder.add(1, c, UNKNOWN, 1.0, rates(1, 1, 1, 1, 1));
                continue;
            }
            // Regions sorted by name so rows come out in a stable, readable order.
            regions.sort((x, y) -> ((String) x[0]).compareTo((String) y[0]));
            for (Object[] region : regions) {
                String name = (String) region[0];
                builder.add(1, c, name, (Double) region[1] * skew(salt, country + name),
                        rates(0.9 + 0.2 * skew(salt, name + "ctr") / 1.4, 1.0, 1.0, 1.0, 1.0));
            }
        }
        int regionCount = builder.size(1);
        for (int r = 0; r < regionCount; r++) {
            String region = builder.valueOf(1, r);
            String[] dmas = "US".equals(builder.valueOf(0, builder.parentOf(1, r))) ? DMAS.get(region) : null;
            if (dmas == null) {
                builder.add(2, r, UNKNOWN, 1.0, rates(1, 1, 1, 1, 1));
                continue;
            }
            String[] sorted = dmas.clone();
            Arrays.sort(sorted);
            for (String dma : sorted) {
                builder.add(2, r, dma, skew(salt, dma), rates(1, 0.9 + 0.2 * skew(salt, dma + "cpm") / 1.4, 1, 1, 1));
            }
        }
        return builder.build();
    }

    private AudienceTree placement(Map<?, ?> targeting, long salt) {
        List<String> platforms = new ArrayList<>();
        if (targeting.get("publisher_platforms") instanceof List<?> list) {
            for (String p : PLATFORMS) {
                if (list.contains(p)) {
                    platforms.add(p);
                }
            }
        }
        if (platforms.isEmpty()) {
            platforms.addAll(List.of(PLATFORMS));
        }
        AudienceTree.Builder builder = new AudienceTree.Builder(Breakdown.Group.PLACEMENT);
        for (String platform : platforms) {
            int i = List.of(PLATFORMS).indexOf(platform);
            builder.add(0, -1, platform, PLATFORM_SHARE[i] * skew(salt, platform),
                    rates(PLATFORM_CTR[i], PLATFORM_CPM[i], 1.0, PLATFORM_CTR[i], 1.0));
        }
        List<String> positionPlatform = new ArrayList<>();
        for (int p = 0; p < platforms.size(); p++) {
            for (Object[] position : POSITIONS.get(platforms.get(p))) {
                String name = (String) position[0];
                builder.add(1, p, name, (Double) position[1] * skew(salt, platforms.get(p) + name),
                        rates((Double) position[2], (Double) position[3], (Double) position[4], 1.0, 1.0));
                positionPlatform.add(platforms.get(p));
            }
        }
        for (int pos = 0; pos < builder.size(1); pos++) {
            String platform = positionPlatform.get(pos);
            String position = builder.valueOf(1, pos);
            for (int d = 0; d < DEVICES.length; d++) {
                String device = DEVICES[d];
                double share = DEVICE_SHARE[d] * skew(salt, position + device);
                boolean desktop = "desktop".equals(device);
                if ("right_hand_column".equals(position)) {
                    share = desktop ? 1.0 : 0;
                } else if (desktop && !("facebook".equals(platform) && !position.contains("stories")
                        && !position.contains("reels")) && !"messenger_inbox".equals(position)) {
                    share = 0;
                }
                builder.add(2, pos, device, share, rates(DEVICE_CTR[d], 1.0, 1.0, DEVICE_CONVERT[d], 1.0));
            }
        }
        return builder.build();
    }

    private static int intValue(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static List<Integer> intList(Object value) {
        List<Integer> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                int v = intValue(item, -1);
                if (v >= 0) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
