package dev.adsbridge.sandbox.objects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targeting library the search endpoints read: a few hundred interests in topics, behaviours, demographics and
 * the other targeting categories, a small world of countries, regions, cities and ZIP codes, and locales. Ids and
 * audience sizes derive from the names, so every sandbox has the same catalogue.
 */
public final class TargetingCatalog {

    public record Interest(String id, String name, String topic, List<String> path, long lower, long upper) {
    }

    record Category(String id, String name, String type, List<String> path, String description, long lower,
                    long upper) {
    }

    /** A location; {@code users} is the monthly reachable population the estimates start from. */
    record Place(String key, String name, String type, String countryCode, String countryName, String region,
                 String regionId, long users) {
    }

    record AdLocale(int key, String name) {
    }

    static final List<Interest> INTERESTS;
    static final Map<String, List<Category>> CATEGORIES;
    static final List<Place> PLACES;
    static final List<AdLocale> LOCALES;
    static final List<String> CATEGORY_CLASSES = List.of("interests", "behaviors", "demographics", "life_events",
            "industries", "income", "family_statuses", "user_device", "user_os");

    private static final String[][] TOPICS = {
            {"Sports and outdoors", "Hiking", "Camping", "Backpacking", "Rock climbing", "Mountaineering", "Trail running",
                    "Running", "Marathon", "Cycling", "Mountain biking", "Skiing", "Snowboarding", "Kayaking", "Canoeing",
                    "Fishing", "Hunting", "Surfing", "Scuba diving", "Yoga", "Outdoor recreation", "National park",
                    "Bouldering", "Triathlon", "Golf", "Tennis", "Swimming", "Sailing", "Stand up paddle boarding",
                    "Snowshoeing"},
            {"Shopping and fashion", "Outdoor clothing", "Boots", "Sneakers", "Athleisure", "Online shopping",
                    "Discount stores", "Luxury goods", "Sustainable fashion", "Streetwear", "Jackets", "Jeans",
                    "Handbags", "Sunglasses", "Watches", "Jewelry", "Cosmetics", "Fragrances", "Coupons",
                    "Shopping malls", "Vintage clothing", "Children's clothing", "Plus-size clothing", "Swimwear",
                    "Rain gear"},
            {"Food and drink", "Coffee", "Espresso", "Specialty coffee", "Tea", "Craft beer", "Wine", "Cocktails",
                    "Baking", "Cooking", "Vegetarianism", "Veganism", "Organic food", "Barbecue", "Chocolate",
                    "Fast food", "Pizza", "Sushi", "Mexican cuisine", "Italian cuisine", "Healthy eating",
                    "Meal kits", "Farmers' markets", "Street food", "Coffeehouses"},
            {"Travel", "Adventure travel", "Air travel", "Beaches", "Budget travel", "Camper vans", "Cruises",
                    "Ecotourism", "Hotels", "Road trips", "Vacations", "Backpacking travel", "Ski resorts",
                    "Theme parks", "Travel photography", "Luxury travel", "Hostels", "Glamping", "Tourism",
                    "Weekend getaways"},
            {"Technology", "Smartphones", "Laptops", "Tablets", "Wearable technology", "Smartwatches",
                    "GPS navigation", "Drones", "Action cameras", "Digital cameras", "Video games", "Virtual reality",
                    "Computer programming", "Software", "Artificial intelligence", "Home automation", "Headphones",
                    "Consumer electronics", "E-readers", "3D printing"},
            {"Fitness and wellness", "Physical fitness", "Gyms", "Weight training", "Bodybuilding", "CrossFit",
                    "Pilates", "Meditation", "Mindfulness", "Nutrition", "Dieting", "Sleep", "Stretching",
                    "Home workouts", "Spa", "Massage", "Mental health", "Personal trainer", "Aerobics", "Zumba"},
            {"Hobbies and activities", "Photography", "Gardening", "Birdwatching", "Astronomy", "Painting",
                    "Drawing", "Knitting", "Woodworking", "DIY", "Board games", "Chess", "Reading", "Writing",
                    "Crafts", "Pets", "Dogs", "Cats", "Horses", "Collecting", "Model trains", "Fishing tackle",
                    "Home improvement", "Interior design", "Architecture"},
            {"Entertainment", "Movies", "Documentary films", "Action movies", "Comedy", "Television", "Netflix",
                    "Podcasts", "Live music", "Concerts", "Music festivals", "Rock music", "Pop music",
                    "Jazz", "Classical music", "Hip hop music", "Country music", "Theatre", "Stand-up comedy",
                    "Anime", "Comics", "Books", "Science fiction", "Fantasy", "Mystery fiction"},
            {"Business and industry", "Entrepreneurship", "Small business", "Marketing", "Digital marketing",
                    "Advertising", "E-commerce", "Real estate", "Investment", "Personal finance", "Banking",
                    "Insurance", "Construction", "Agriculture", "Retail", "Design", "Sales", "Startups",
                    "Management", "Human resources"},
            {"Family and relationships", "Parenting", "Motherhood", "Fatherhood", "Family", "Weddings",
                    "Dating", "Friendship", "Marriage", "Homeschooling", "Toddlers", "Baby products",
                    "Family vacations", "Grandparents", "Pregnancy"},
            {"Sustainability and nature", "Environmentalism", "Climate change", "Recycling", "Renewable energy",
                    "Electric vehicles", "Wildlife", "Conservation", "Nature", "Forests", "Oceans",
                    "Zero waste", "Composting", "Solar power", "Bicycle commuting"},
            {"Vehicles", "Cars", "SUVs", "Pickup trucks", "Motorcycles", "Off-roading", "Overlanding",
                    "Recreational vehicles", "Car tuning", "Motorsport", "Formula One", "Auto parts",
                    "Electric cars", "Hybrid vehicles", "Classic cars"},
            {"Education", "Online learning", "Universities", "Language learning", "Science", "History",
                    "Mathematics", "Geography", "Museums", "Libraries", "Teaching", "Study abroad",
                    "Continuing education", "STEM", "Philosophy"},
    };

    static {
        List<Interest> interests = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                long size = sizeOf(topic[i], 300_000, 900_000_000);
                interests.add(new Interest(idOf("600", topic[i]), topic[i], topic[0],
                        List.of("Interests", topic[0], topic[i]), round(size), round(size * 118 / 100)));
            }
        }
        INTERESTS = List.copyOf(interests);

        Map<String, List<Category>> categories = new LinkedHashMap<>();
        categories.put("behaviors", categories("behaviors", "Behaviors", new String[][]{
                {"Digital activities", "Small business owners", "Facebook page admins", "Early technology adopters",
                        "Console gamers", "Online spenders", "Technology late adopters"},
                {"Travel", "Frequent travelers", "Frequent international travelers", "Commuters",
                        "Returned from travels 1 week ago", "Returned from travels 2 weeks ago"},
                {"Purchase behavior", "Engaged shoppers"},
                {"Mobile device user", "All mobile devices", "Smartphone owners", "New smartphone and tablet users",
                        "Uses a mobile device (25+ months)"},
                {"Expats", "Lives abroad", "Friends of people who live abroad"},
                {"Anniversary", "Anniversary within 61-90 days"}}));
        categories.put("demographics", categories("demographics", "Demographics", new String[][]{
                {"Education", "High school grad", "Some college", "College grad", "In grad school", "Master's degree",
                        "Doctorate degree"},
                {"Relationship", "Single", "In a relationship", "Married", "Engaged", "Divorced"},
                {"Parents", "Parents (All)", "Parents with toddlers (01-02 years)", "Parents with teenagers "
                        + "(13-17 years)", "Parents with adult children (18-26 years)"},
                {"Work", "Administrative services", "Healthcare and medical services", "IT and technical services",
                        "Management", "Sales", "Veterans"}}));
        categories.put("life_events", categories("life_events", "Life events", new String[][]{
                {"Life events", "Newly engaged (1 year)", "Newlywed (1 year)", "Recently moved", "New job",
                        "Away from family", "Away from hometown", "Upcoming birthday", "Long-distance relationship",
                        "New relationship", "Friends of newly engaged"}}));
        categories.put("industries", categories("industries", "Demographics", new String[][]{
                {"Industries", "Architecture and engineering", "Arts, entertainment, sports and media",
                        "Business and finance", "Computation and mathematics", "Construction and extraction",
                        "Education and libraries", "Food and restaurants", "Healthcare and medical services",
                        "Installation and repair services", "Legal services", "Life, physical and social sciences",
                        "Military", "Production", "Transportation and moving"}}));
        categories.put("income", categories("income", "Demographics", new String[][]{
                {"Household income", "Household income: top 5% of ZIP codes (US)",
                        "Household income: top 10% of ZIP codes (US)", "Household income: top 10%-25% of ZIP codes (US)",
                        "Household income: top 25%-50% of ZIP codes (US)"}}));
        categories.put("family_statuses", categories("family_statuses", "Demographics", new String[][]{
                {"Family status", "Parents (All)", "Parents (up to 12 months)", "Parents with preschoolers "
                        + "(03-05 years)", "Parents with early school-age children (06-08 years)",
                        "Parents with preteens (08-12 years)", "Parents with teenagers (13-17 years)"}}));
        categories.put("user_device", categories("user_device", "Behaviors", new String[][]{
                {"Mobile device user / Device", "iPhone 16", "iPhone 15", "Samsung Galaxy S25",
                        "Google Pixel 9", "iPad", "Samsung Galaxy Tab", "OnePlus"}}));
        categories.put("user_os", categories("user_os", "Behaviors", new String[][]{
                {"Mobile device user / OS", "iOS", "Android", "Windows", "macOS", "iPadOS"}}));
        List<Category> interestCategories = new ArrayList<>();
        for (Interest interest : INTERESTS) {
            interestCategories.add(new Category(interest.id(), interest.name(), "interests", interest.path(), null,
                    interest.lower(), interest.upper()));
        }
        categories.put("interests", List.copyOf(interestCategories));
        CATEGORIES = Map.copyOf(categories);

        PLACES = List.copyOf(places());
        LOCALES = List.of(new AdLocale(6, "English (US)"), new AdLocale(24, "English (UK)"), new AdLocale(5, "German"),
                new AdLocale(9, "French (France)"), new AdLocale(23, "Spanish"), new AdLocale(7, "Spanish (Spain)"),
                new AdLocale(10, "Italian"), new AdLocale(11, "Japanese"), new AdLocale(12, "Korean"),
                new AdLocale(16, "Portuguese (Brazil)"), new AdLocale(31, "Portuguese (Portugal)"),
                new AdLocale(14, "Dutch"), new AdLocale(1003, "English (All)"), new AdLocale(1001, "Spanish (All)"),
                new AdLocale(1002, "French (All)"), new AdLocale(20, "Chinese (Simplified)"), new AdLocale(21,
                        "Chinese (Traditional)"), new AdLocale(17, "Russian"), new AdLocale(15, "Polish"),
                new AdLocale(4, "Danish"), new AdLocale(8, "Finnish"), new AdLocale(25, "Norwegian (bokmal)"),
                new AdLocale(26, "Swedish"), new AdLocale(28, "Turkish"), new AdLocale(46, "Hindi"));
    }

    private TargetingCatalog() {
    }

    /** The catalogue interest with this name (case-insensitive). */
    public static java.util.Optional<Interest> interestNamed(String name) {
        return INTERESTS.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }

    static List<Category> categoriesOf(String type) {
        return CATEGORIES.getOrDefault(type, List.of());
    }

    private static List<Category> categories(String type, String root, String[][] groups) {
        List<Category> out = new ArrayList<>();
        for (String[] group : groups) {
            for (int i = 1; i < group.length; i++) {
                long size = sizeOf(type + group[i], 100_000, 400_000_000);
                out.add(new Category(idOf("6002", type + ":" + group[i]), group[i], type,
                        List.of(root, group[0], group[i]), group[i] + " (" + group[0].toLowerCase() + ")",
                        round(size), round(size * 118 / 100)));
            }
        }
        return List.copyOf(out);
    }

    private static List<Place> places() {
        List<Place> out = new ArrayList<>();
        Object[][] countries = {
                {"US", "United States", 243_000_000L}, {"CA", "Canada", 29_000_000L}, {"MX", "Mexico", 92_000_000L},
                {"BR", "Brazil", 135_000_000L}, {"AR", "Argentina", 31_000_000L}, {"CL", "Chile", 14_000_000L},
                {"CO", "Colombia", 36_000_000L}, {"GB", "United Kingdom", 47_000_000L}, {"IE", "Ireland", 3_600_000L},
                {"DE", "Germany", 41_000_000L}, {"FR", "France", 45_000_000L}, {"ES", "Spain", 31_000_000L},
                {"IT", "Italy", 36_000_000L}, {"PT", "Portugal", 7_000_000L}, {"NL", "Netherlands", 12_000_000L},
                {"BE", "Belgium", 8_000_000L}, {"CH", "Switzerland", 5_000_000L}, {"AT", "Austria", 5_300_000L},
                {"SE", "Sweden", 7_500_000L}, {"NO", "Norway", 4_100_000L}, {"DK", "Denmark", 4_300_000L},
                {"FI", "Finland", 3_500_000L}, {"PL", "Poland", 22_000_000L}, {"CZ", "Czech Republic", 6_500_000L},
                {"GR", "Greece", 7_000_000L}, {"TR", "Turkey", 58_000_000L}, {"JP", "Japan", 62_000_000L},
                {"KR", "South Korea", 30_000_000L}, {"CN", "China", 2_000_000L}, {"TW", "Taiwan", 19_000_000L},
                {"IN", "India", 460_000_000L}, {"ID", "Indonesia", 150_000_000L}, {"PH", "Philippines", 85_000_000L},
                {"TH", "Thailand", 52_000_000L}, {"VN", "Vietnam", 75_000_000L}, {"AU", "Australia", 20_000_000L},
                {"NZ", "New Zealand", 3_900_000L}, {"ZA", "South Africa", 27_000_000L}, {"NG", "Nigeria",
                        45_000_000L}, {"EG", "Egypt", 50_000_000L}, {"AE", "United Arab Emirates", 10_000_000L},
                {"SA", "Saudi Arabia", 25_000_000L}, {"IL", "Israel", 6_500_000L}, {"SG", "Singapore", 4_800_000L}};
        Map<String, String> countryNames = new LinkedHashMap<>();
        for (Object[] c : countries) {
            countryNames.put((String) c[0], (String) c[1]);
            out.add(new Place((String) c[0], (String) c[1], "country", (String) c[0], (String) c[1], null, null,
                    (Long) c[2]));
        }
        Object[][] regions = {
                {"3847", "California", "US", 30_000_000L}, {"3886", "Texas", "US", 21_000_000L},
                {"3867", "New York", "US", 15_000_000L}, {"3852", "Florida", "US", 16_000_000L},
                {"3893", "Washington", "US", 5_800_000L}, {"3880", "Oregon", "US", 3_100_000L},
                {"3848", "Colorado", "US", 4_400_000L}, {"3889", "Utah", "US", 2_400_000L},
                {"3856", "Illinois", "US", 9_300_000L}, {"3875", "Massachusetts", "US", 5_200_000L},
                {"3882", "Pennsylvania", "US", 9_600_000L}, {"3871", "North Carolina", "US", 8_000_000L},
                {"1856", "Ontario", "CA", 11_000_000L}, {"1858", "Quebec", "CA", 6_400_000L},
                {"1851", "British Columbia", "CA", 4_100_000L}, {"1262", "England", "GB", 40_000_000L},
                {"1264", "Scotland", "GB", 4_000_000L}, {"1265", "Wales", "GB", 2_300_000L},
                {"1698", "Bavaria", "DE", 6_300_000L}, {"1702", "Berlin", "DE", 2_900_000L},
                {"1708", "North Rhine-Westphalia", "DE", 8_800_000L}, {"2151", "Île-de-France", "FR", 9_200_000L},
                {"2170", "Tokyo", "JP", 10_500_000L}, {"2161", "Osaka", "JP", 6_000_000L},
                {"2161001", "Hokkaido", "JP", 3_400_000L}, {"2405", "Seoul", "KR", 8_000_000L},
                {"2398", "Busan", "KR", 2_700_000L}, {"258", "New South Wales", "AU", 6_500_000L},
                {"266", "Victoria", "AU", 5_300_000L}};
        Map<String, Object[]> regionById = new LinkedHashMap<>();
        for (Object[] r : regions) {
            regionById.put((String) r[0], r);
            String cc = (String) r[2];
            out.add(new Place((String) r[0], (String) r[1], "region", cc, countryNames.get(cc), (String) r[1],
                    (String) r[0], (Long) r[3]));
        }
        Object[][] cities = {
                {"2420379", "San Francisco", "3847", 1_400_000L}, {"2421836", "Los Angeles", "3847", 9_000_000L},
                {"2430536", "San Diego", "3847", 2_600_000L}, {"2436704", "Sacramento", "3847", 1_700_000L},
                {"2490299", "Austin", "3886", 1_900_000L}, {"2418956", "Houston", "3886", 5_500_000L},
                {"2427000", "Dallas", "3886", 5_800_000L}, {"2490367", "New York", "3867", 12_000_000L},
                {"2442512", "Buffalo", "3867", 800_000L}, {"2430264", "Miami", "3852", 4_500_000L},
                {"2481927", "Seattle", "3893", 3_000_000L}, {"2475688", "Portland", "3880", 1_900_000L},
                {"2391279", "Denver", "3848", 2_300_000L}, {"2378489", "Boulder", "3848", 250_000L},
                {"2487610", "Salt Lake City", "3889", 900_000L}, {"2379574", "Chicago", "3856", 7_000_000L},
                {"2367105", "Boston", "3875", 3_600_000L}, {"2471217", "Philadelphia", "3882", 4_600_000L},
                {"2478307", "Raleigh", "3871", 1_100_000L}, {"296875", "Toronto", "1856", 5_000_000L},
                {"296964", "Montreal", "1858", 3_400_000L}, {"296327", "Vancouver", "1851", 2_100_000L},
                {"2643743", "London", "1262", 8_000_000L}, {"2643123", "Manchester", "1262", 2_300_000L},
                {"2650225", "Edinburgh", "1264", 450_000L}, {"2867714", "Munich", "1698", 1_400_000L},
                {"2950159", "Berlin", "1702", 2_900_000L}, {"2886242", "Cologne", "1708", 950_000L},
                {"2988507", "Paris", "2151", 6_500_000L}, {"1850147", "Tokyo", "2170", 9_800_000L},
                {"1853909", "Osaka", "2161", 2_600_000L}, {"2128295", "Sapporo", "2161001", 1_800_000L},
                {"1835848", "Seoul", "2405", 8_000_000L}, {"1838524", "Busan", "2398", 2_700_000L},
                {"2147714", "Sydney", "258", 4_300_000L}, {"2158177", "Melbourne", "266", 4_200_000L}};
        for (Object[] c : cities) {
            Object[] region = regionById.get((String) c[2]);
            String cc = (String) region[2];
            out.add(new Place((String) c[0], (String) c[1], "city", cc, countryNames.get(cc), (String) region[1],
                    (String) region[0], (Long) c[3]));
        }
        Object[][] zips = {{"94103", "3847"}, {"94110", "3847"}, {"90012", "3847"}, {"78701", "3886"},
                {"10001", "3867"}, {"10011", "3867"}, {"98101", "3893"}, {"97205", "3880"}, {"80302", "3848"},
                {"60601", "3856"}, {"02108", "3875"}, {"84101", "3889"}};
        for (Object[] z : zips) {
            Object[] region = regionById.get((String) z[1]);
            out.add(new Place("US:" + z[0], (String) z[0], "zip", "US", "United States", (String) region[1],
                    (String) region[0], 25_000L + Math.floorMod(((String) z[0]).hashCode(), 40_000)));
        }
        return out;
    }

    /** A stable numeric id: a prefix and digits from the name's hash (13 digits like Meta's targeting ids). */
    private static String idOf(String prefix, String name) {
        long digits = Math.floorMod((long) name.hashCode() * 2_654_435_761L, 10_000_000_000L);
        String tail = String.format("%010d", digits);
        return (prefix + tail).substring(0, 13);
    }

    private static long sizeOf(String name, long min, long max) {
        double u = Math.floorMod(name.hashCode() * 31 + 7, 10_000) / 10_000.0;
        return (long) (min * Math.exp(u * Math.log((double) max / min)));
    }

    /** Two significant digits, as Meta rounds audience sizes. */
    static long round(long value) {
        if (value < 100) {
            return value;
        }
        long scale = (long) Math.pow(10, (long) Math.log10(value) - 1);
        return value / scale * scale;
    }
}
