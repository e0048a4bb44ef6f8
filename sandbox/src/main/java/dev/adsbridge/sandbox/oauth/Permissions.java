package dev.adsbridge.sandbox.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The permissions the login dialog knows, with the words it shows for them. */
public final class Permissions {

    /** Granted with every login, never optional (Meta adds it implicitly). */
    public static final String PUBLIC_PROFILE = "public_profile";

    /**
     * What a Facebook Login for Business {@code config_id} grants: the sandbox maps every configuration to the full
     * set of ads scopes, since it has no configuration editor.
     */
    public static final List<String> BUSINESS_CONFIGURATION_SCOPES = List.of("ads_read", "ads_management",
            "business_management", "pages_show_list", "pages_read_engagement");

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(PUBLIC_PROFILE, "Your name and profile picture");
        DESCRIPTIONS.put("email", "Your email address");
        DESCRIPTIONS.put("ads_read", "Read the performance and settings of ads in your ad accounts");
        DESCRIPTIONS.put("ads_management", "Create, edit and manage ads in your ad accounts");
        DESCRIPTIONS.put("business_management", "Manage your business and its assets");
        DESCRIPTIONS.put("pages_show_list", "Show a list of the Pages you manage");
        DESCRIPTIONS.put("pages_read_engagement", "Read content posted on your Pages");
        DESCRIPTIONS.put("pages_manage_ads", "Manage ads for the Pages you manage");
        DESCRIPTIONS.put("pages_manage_metadata", "Manage accounts, settings and webhooks for your Pages");
        DESCRIPTIONS.put("read_insights", "Read insights for your Pages");
        DESCRIPTIONS.put("instagram_basic", "Access profile and posts from the Instagram accounts connected to your Pages");
        DESCRIPTIONS.put("catalog_management", "Create and manage your product catalogs");
        DESCRIPTIONS.put("leads_retrieval", "Access leads for your Pages");
    }

    private Permissions() {
    }

    public static boolean isKnown(String permission) {
        return DESCRIPTIONS.containsKey(permission);
    }

    public static Optional<String> describe(String permission) {
        return Optional.ofNullable(DESCRIPTIONS.get(permission));
    }

    /** Ad-account scoped permissions: debug_token lists the user's ad accounts as their target_ids. */
    public static boolean targetsAdAccounts(String permission) {
        return permission.startsWith("ads_");
    }

    /** Page scoped permissions: debug_token lists the user's pages as their target_ids. */
    public static boolean targetsPages(String permission) {
        return permission.startsWith("pages_");
    }
}
