package dev.adsbridge.sandbox.seed;

import java.util.List;
import java.util.SplittableRandom;

/** Words the seeded marketing objects are named from: campaign themes, funnel stages, audiences, ad formats. */
final class SeedVocabulary {

    static final List<String> OUTDOOR_THEMES = List.of("Winter Sale", "Spring Collection", "Summer Trails",
            "Back to School", "Black Friday", "Cyber Monday", "Holiday Gifts", "New Year Reset", "Trail Running",
            "Camping Essentials", "Hiking Boots", "Rain Gear", "Always-On Brand", "Evergreen Retargeting",
            "App Install Push", "Newsletter Growth", "Store Visits", "Clearance", "Fall Layers", "Ski Season",
            "Climbing Gear", "Father's Day", "Mother's Day", "Prime Day Counter", "Earth Day", "Member Days",
            "Outlet Event", "Kids Adventure", "Trail Mix Launch", "Waterproof Week", "Tent Sale", "Road Trip Ready",
            "Festival Season", "Labor Day", "Memorial Day", "Gift Cards", "Loyalty Relaunch", "Product Launch: "
                    + "Summit Pack", "Product Launch: Storm Shell", "Product Launch: Ridge Boot");
    static final List<String> COFFEE_THEMES = List.of("Coffee Subscription", "Holiday Blend", "Cold Brew Summer",
            "Single Origin Drop", "Espresso Gear");
    static final List<String> STAGES = List.of("Prospecting", "Retargeting", "Lookalike 1%", "Broad",
            "Advantage+ Shopping", "Catalog", "Video Views", "Reach", "Lead Form", "Conversions", "Engagement",
            "Awareness");
    static final List<String> US_MARKETS = List.of("US", "US", "US", "US West", "US East", "California", "Texas",
            "NYC", "Pacific Northwest", "Colorado");
    static final List<String> EU_MARKETS = List.of("DE", "FR", "ES", "IT", "NL", "DACH", "EU5");
    static final List<String> JP_MARKETS = List.of("JP", "Tokyo", "Osaka", "Kanto", "Hokkaido");
    static final List<String> UK_MARKETS = List.of("UK", "London", "Scotland", "Manchester");
    static final List<String> KR_MARKETS = List.of("KR", "Seoul", "Busan");
    static final List<String> AD_FORMATS = List.of("Static", "Carousel", "Video 15s", "Video 6s", "Reel", "UGC",
            "Collection", "Catalog", "Story", "Slideshow");
    static final List<String> AD_CONCEPTS = List.of("Bestsellers", "Trail test", "20% off", "Free shipping",
            "Unboxing", "Founder story", "Review roundup", "Lifestyle", "How it's made", "Weatherproof demo",
            "Gift guide", "New arrivals", "Last chance", "Customer quote", "Behind the scenes", "Size guide",
            "Comparison", "Bundle offer", "Members only", "Limited edition");
    static final List<String> PRODUCTS = List.of("Rain Jacket", "Hiking Boots", "2-Person Tent", "Down Sleeping Bag",
            "Trekking Poles", "Trail Runners", "Daypack 24L", "Fleece Hoodie", "Camp Stove", "Headlamp",
            "Merino Socks", "Insulated Bottle", "Storm Shell", "Summit Pack", "Ridge Boot", "Puffer Vest",
            "Camp Chair", "Hammock", "Water Filter", "Beanie");
    static final List<String> COFFEES = List.of("House Roast", "Espresso Blend", "Cold Brew Pack", "Decaf",
            "Kenya AA", "Colombia Huila");
    static final List<String> ANGLES = List.of("Lifestyle 1:1", "Product 4:5", "Story 9:16", "Offer", "Review",
            "Feature callout", "Seasonal", "Bundle");
    static final List<String> HEADLINES = List.of("Built for every season", "Free shipping over $50",
            "Tested on the trail", "Lighter. Warmer. Drier.", "Your next adventure starts here",
            "New season, new gear", "Members save more", "Ready for the weather");
    static final List<String> CALLS_TO_ACTION = List.of("SHOP_NOW", "SHOP_NOW", "LEARN_MORE", "SIGN_UP",
            "GET_OFFER", "SUBSCRIBE", "ORDER_NOW");
    static final int[] COLOURS = {0x2E7D32, 0x1565C0, 0xC62828, 0xF9A825, 0x6A1B9A, 0x00838F, 0x4E342E,
            0x37474F, 0xEF6C00, 0x558B2F, 0xAD1457, 0x283593, 0x00695C, 0x8D6E63, 0x546E7A, 0xD84315};
    /** Image sizes (1.91:1 link, 1:1 feed, 9:16 story, 4:5 portrait), kept small so seeding stays fast. */
    static final int[][] IMAGE_SIZES = {{240, 126}, {200, 200}, {180, 320}, {200, 250}};

    private SeedVocabulary() {
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
