package dev.adsbridge.sandbox.seed;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the sandbox deterministically from {@link SandboxConfig#seed()}: the same seed gives the same users, accounts,
 * objects and ids. The roster (ids are stable, tests and docs refer to them):
 * <ul>
 *   <li>{@value #DEMO_USER} Dana Whitfield, the demo user: act_1000000001 (USD, the big one: 120+ campaigns, thousands of
 *       ads), act_1000000002 (EUR), act_1000000003 (JPY, zero-decimal), act_1000000004 (GBP, DISABLED),
 *       act_1000000005 (USD, shared with Marco); pages 200000000000001 and 200000000000002</li>
 *   <li>{@value #SECOND_USER} Marco Rossi: act_1000000005 (shared), act_1000000006 (KRW); page 200000000000003</li>
 *   <li>{@value #NO_ACCOUNTS_USER} Priya Natarajan: no ad accounts, no pages</li>
 *   <li>Instagram accounts {@value #INSTAGRAM_OUTDOOR} (@whitfieldoutdoor, on page 200000000000001) and
 *       {@value #INSTAGRAM_COFFEE} (@whitfield.coffee, on page 200000000000002); page 200000000000003 has none, so
 *       act_1000000006 (which promotes only that page) has no Instagram account</li>
 * </ul>
 */
public final class Seeder {

    public static final String DEMO_USER = "100000000000001";
    public static final String SECOND_USER = "100000000000002";
    public static final String NO_ACCOUNTS_USER = "100000000000003";
    public static final String BIG_ACCOUNT = "act_1000000001";
    public static final String SHARED_ACCOUNT = "act_1000000005";
    public static final String DISABLED_ACCOUNT = "act_1000000004";

    /** Instagram accounts connected to pages 200000000000001 and 200000000000002 (page 200000000000003 has none). */
    public static final String INSTAGRAM_OUTDOOR = "17841400000000001";
    public static final String INSTAGRAM_COFFEE = "17841400000000002";

    private Seeder() {
    }

    public static void seed(SandboxStore store, SandboxConfig config) {
        addUser(store, new FbUser(DEMO_USER, "Dana Whitfield", "dana@example.com",
                List.of(BIG_ACCOUNT, "act_1000000002", "act_1000000003", DISABLED_ACCOUNT, SHARED_ACCOUNT),
                List.of("200000000000001", "200000000000002")));
        addUser(store, new FbUser(SECOND_USER, "Marco Rossi", "marco@example.com",
                List.of(SHARED_ACCOUNT, "act_1000000006"), List.of("200000000000003")));
        addUser(store, new FbUser(NO_ACCOUNTS_USER, "Priya Natarajan", "priya@example.com", List.of(), List.of()));

        addPage(store, "200000000000001", "Whitfield Outdoor", "Outdoor & Sporting Goods", 48210);
        addPage(store, "200000000000002", "Whitfield Coffee Roasters", "Coffee Shop", 9120);
        addPage(store, "200000000000003", "Rossi Design Studio", "Interior Design Studio", 15333);
        // Pages 1 and 2 have an Instagram professional account connected; Rossi Design Studio has none.
        addInstagram(store, INSTAGRAM_OUTDOOR, "200000000000001", "whitfieldoutdoor", "Whitfield Outdoor", 31840);
        addInstagram(store, INSTAGRAM_COFFEE, "200000000000002", "whitfield.coffee", "Whitfield Coffee Roasters", 6210);

        addAccount(store, BIG_ACCOUNT, "Whitfield Outdoor - US", 1, "USD", "America/Los_Angeles", -8, DEMO_USER);
        addAccount(store, "act_1000000002", "Whitfield Outdoor - EU", 1, "EUR", "Europe/Berlin", 1, DEMO_USER);
        addAccount(store, "act_1000000003", "Whitfield Outdoor - Japan", 1, "JPY", "Asia/Tokyo", 9, DEMO_USER);
        addAccount(store, DISABLED_ACCOUNT, "Whitfield Outdoor - UK (old)", 2, "GBP", "Europe/London", 0, DEMO_USER);
        addAccount(store, SHARED_ACCOUNT, "Agency Shared Account", 1, "USD", "America/New_York", -5, DEMO_USER);
        addAccount(store, "act_1000000006", "Rossi Design - Korea", 1, "KRW", "Asia/Seoul", 9, SECOND_USER);

        MarketingSeeder.seed(store, config);
    }

    private static void addUser(SandboxStore store, FbUser user) {
        store.addUser(user);
        String[] names = user.name().split(" ", 2);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", user.name());
        fields.put("first_name", names[0]);
        fields.put("last_name", names.length > 1 ? names[1] : "");
        fields.put("short_name", names[0]);
        fields.put("email", user.email());
        store.create(user.id(), NodeType.USER, null, fields);
    }

    private static void addPage(SandboxStore store, String id, String name, String category, int fans) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("category", category);
        fields.put("fan_count", fans);
        fields.put("link", "https://www.facebook.com/" + id);
        fields.put("is_published", true);
        fields.put("verification_status", "not_verified");
        store.create(id, NodeType.PAGE, null, fields);
    }

    /** Smallest daily budget Meta accepts, in minor units (about one US dollar). */
    private static int minDailyBudget(String currency) {
        return switch (currency) {
            case "JPY" -> 150;
            case "KRW" -> 1400;
            default -> 100;
        };
    }

    private static void addInstagram(SandboxStore store, String id, String pageId, String username, String name,
                                     int followers) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ig_id", Long.parseLong(id.substring(5)));
        fields.put("username", username);
        fields.put("name", name);
        fields.put("followers_count", followers);
        fields.put("follows_count", followers / 40);
        fields.put("media_count", 120 + followers % 300);
        fields.put("biography", name + " on Instagram.");
        fields.put(NodeType.CONNECTED_PAGE, pageId);
        store.create(id, NodeType.IG_USER, null, fields);
        store.node(pageId).orElseThrow().update(page -> page.put("instagram_business_account", Map.of("id", id)));
    }

    private static void addAccount(SandboxStore store, String id, String name, int status, String currency,
                                   String timezone, int offsetHours, String ownerId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("account_id", id.substring(4));
        fields.put("name", name);
        fields.put("account_status", status);
        fields.put("disable_reason", status == 2 ? 3 : 0);
        fields.put("currency", currency);
        fields.put("timezone_name", timezone);
        fields.put("timezone_offset_hours_utc", offsetHours);
        fields.put("amount_spent", "0");
        fields.put("balance", "0");
        fields.put("spend_cap", "0");
        fields.put("min_daily_budget", minDailyBudget(currency));
        fields.put("owner", ownerId);
        fields.put("business", Map.of("id", "300000000000001", "name", "Whitfield Holdings"));
        fields.put("business_name", "Whitfield Holdings");
        fields.put("business_country_code", "US");
        fields.put("is_prepay_account", false);
        // The business address and payment method Meta shows on the account (AdAccount business_* and funding_*).
        fields.put("business_street", "1200 Harbor Way");
        fields.put("business_city", "Portland");
        fields.put("business_state", "OR");
        fields.put("business_zip", "97209");
        fields.put("owner_business", Map.of("id", "300000000000001", "name", "Whitfield Holdings"));
        String fundingId = "6" + id.substring(5);
        fields.put("funding_source", fundingId);
        fields.put("funding_source_details", Map.of("id", fundingId, "display_string", "Visa *4242", "type", 1));
        fields.put("is_personal", 0);
        fields.put("is_notifications_enabled", true);
        fields.put("has_migrated_permissions", true);
        fields.put("is_attribution_spec_system_default", true);
        fields.put("tax_id_status", 0);
        fields.put("tos_accepted", Map.of("web_custom_audience_tos", 1));
        fields.put("user_tos_accepted", Map.of("web_custom_audience_tos", 1));
        fields.put("created_time", "2024-03-04T10:00:00-0800");
        fields.put("age", 900.5);
        store.create(id, NodeType.AD_ACCOUNT, id, fields);
    }
}
