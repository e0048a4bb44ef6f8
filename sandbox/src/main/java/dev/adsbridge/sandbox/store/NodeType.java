package dev.adsbridge.sandbox.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Graph node types the sandbox serves, with Meta's type name (used in error messages), the fields returned when a
 * request names none, and every readable field (anything else is "(#100) Tried accessing nonexisting field").
 * Edges (campaigns, insights, …) are not fields: {@code fields=} may still name them for field expansion.
 * Beyond the fields the sandbox names here, every field of Meta's own list for the type
 * ({@code store/fields/<Type>.txt}) is known: read, it has a value where the world has one and is absent otherwise.
 */
public enum NodeType {
    USER("User", List.of("id", "name"),
            List.of("id", "name", "first_name", "last_name", "email", "picture", "short_name")),
    PAGE("Page", List.of("id", "name"),
            List.of("id", "name", "category", "fan_count", "link", "picture", "username", "verification_status",
                    "is_published", "instagram_business_account")),
    AD_ACCOUNT("AdAccount", List.of("id", "account_id"),
            List.of("id", "account_id", "name", "account_status", "currency", "timezone_name", "timezone_offset_hours_utc",
                    "amount_spent", "balance", "spend_cap", "business", "disable_reason", "created_time", "owner",
                    "age", "min_daily_budget", "funding_source", "is_prepay_account", "capabilities", "user_tasks",
                    "business_name", "business_country_code")),
    CAMPAIGN("Campaign", List.of("id"),
            List.of("id", "account_id", "name", "objective", "status", "configured_status", "effective_status",
                    "special_ad_categories", "special_ad_category", "daily_budget", "lifetime_budget", "budget_remaining",
                    "bid_strategy", "spend_cap", "buying_type", "start_time", "stop_time", "created_time", "updated_time",
                    "promoted_object", "is_adset_budget_sharing_enabled", "can_use_spend_cap", "issues_info",
                    "source_campaign_id", "smart_promotion_type", "pacing_type", "budget_rebalance_flag")),
    AD_SET("AdSet", List.of("id"),
            List.of("id", "account_id", "campaign_id", "name", "status", "configured_status", "effective_status",
                    "daily_budget", "lifetime_budget", "budget_remaining", "bid_amount", "bid_strategy", "bid_constraints",
                    "billing_event", "optimization_goal", "targeting", "promoted_object", "destination_type",
                    "start_time", "end_time", "created_time", "updated_time", "pacing_type", "campaign",
                    "source_adset_id", "is_dynamic_creative", "attribution_spec", "learning_stage_info",
                    "frequency_control_specs", "dsa_beneficiary", "dsa_payor", "bid_adjustments",
                    "multi_advertiser_ads", "regional_regulated_categories", "regional_regulation_identities")),
    AD("Ad", List.of("id"),
            List.of("id", "account_id", "campaign_id", "adset_id", "name", "status", "configured_status",
                    "effective_status", "creative", "tracking_specs", "conversion_specs", "created_time", "updated_time",
                    "bid_amount", "campaign", "adset", "source_ad_id", "preview_shareable_link", "ad_review_feedback",
                    "issues_info", "conversion_domain")),
    AD_CREATIVE("AdCreative", List.of("id"),
            List.of("id", "account_id", "name", "title", "body", "status", "object_story_spec", "object_story_id",
                    "asset_feed_spec", "image_hash", "image_url", "thumbnail_url", "video_id", "call_to_action_type",
                    "link_url", "url_tags", "object_type", "effective_object_story_id", "instagram_actor_id",
                    "instagram_user_id", "degrees_of_freedom_spec", "actor_id", "facebook_branded_content",
                    "instagram_branded_content", "dynamic_creative_spec")),
    /**
     * A video of an ad account's library: {@code /act_…/advideos}, {@code /{video_id}}. Unlike ads and images, Meta's
     * AdVideo has no {@code account_id} field: asking for it is "(#100) Tried accessing nonexisting field".
     */
    AD_VIDEO("AdVideo", List.of("id"),
            List.of("id", "title", "description", "source", "picture", "length", "status",
                    "created_time", "updated_time", "thumbnails", "permalink_url")),
    AD_IMAGE("AdImage", List.of("hash", "url"),
            List.of("id", "account_id", "hash", "name", "url", "url_128", "permalink_url", "width", "height",
                    "original_width", "original_height", "status", "created_time", "updated_time", "creatives")),
    CUSTOM_AUDIENCE("CustomAudience", List.of("id"),
            List.of("id", "account_id", "name", "description", "subtype", "customer_file_source",
                    "approximate_count_lower_bound", "approximate_count_upper_bound", "delivery_status",
                    "operation_status", "lookalike_spec", "retention_days", "time_created", "time_updated",
                    "data_source", "rule")),
    AD_REPORT_RUN("AdReportRun", List.of("id"),
            List.of("id", "account_id", "async_status", "async_percent_completion", "date_start", "date_stop",
                    "time_ref", "time_completed", "emails", "friendly_name", "is_bookmarked",
                    "is_running", "schedule_id")),
    BUDGET_SCHEDULE("HighDemandPeriod", List.of("id"),
            List.of("id", "budget_value", "budget_value_type", "time_start", "time_end", "recurrence_type")),
    /** A Meta pixel (dataset) owned by an ad account: {@code /act_…/adspixels}, {@code /{pixel_id}}. */
    AD_PIXEL("AdsPixel", List.of("id"),
            List.of("id", "name", "code", "last_fired_time", "is_unavailable", "creation_time", "owner_ad_account",
                    "owner_business", "data_use_setting", "first_party_cookie_status", "enable_automatic_matching",
                    "automatic_matching_fields", "is_created_by_business")),
    /**
     * An Instagram professional account connected to a Page (the Page's {@code instagram_business_account}); the id
     * a creative sends as {@code object_story_spec.instagram_user_id}. {@code /act_…/instagram_accounts} lists the
     * ones connected to the Pages the account can promote.
     */
    IG_USER("IGUser", List.of("id"),
            List.of("id", "ig_id", "username", "name", "profile_picture_url", "followers_count", "follows_count",
                    "media_count", "biography", "website"));

    /** On {@link #IG_USER} nodes: the Page the account is connected to (never rendered: not a known field). */
    public static final String CONNECTED_PAGE = "_page_id";

    private final String graphName;
    private final List<String> defaultFields;
    private final Set<String> knownFields;

    NodeType(String graphName, List<String> defaultFields, List<String> knownFields) {
        this.graphName = graphName;
        this.defaultFields = defaultFields;
        this.knownFields = new LinkedHashSet<>(knownFields);
        this.knownFields.addAll(MetaFieldList.of(graphName));
    }

    public String graphName() {
        return graphName;
    }

    public List<String> defaultFields() {
        return defaultFields;
    }

    public boolean hasField(String field) {
        return knownFields.contains(field);
    }

    public Set<String> knownFields() {
        return knownFields;
    }

    /** Objects of these types belong to an ad account and need ads_read / ads_management. */
    public boolean isMarketingObject() {
        return this != USER && this != PAGE && this != IG_USER;
    }
}
