package dev.adsbridge.sandbox.insights;

import java.util.List;
import java.util.Optional;

/**
 * The breakdowns the sandbox models. Each belongs to a group whose values form one tree (age → gender,
 * country → region → dma, publisher_platform → platform_position → impression_device); breakdowns combine only
 * within a group, as in Meta's list of valid combinations, and every combination is a marginal of the same split, so
 * age rows equal age×gender rows summed over gender.
 */
enum Breakdown {
    AGE("age", Group.DEMOGRAPHIC, 0),
    GENDER("gender", Group.DEMOGRAPHIC, 1),
    COUNTRY("country", Group.GEO, 0),
    REGION("region", Group.GEO, 1),
    DMA("dma", Group.GEO, 2),
    PUBLISHER_PLATFORM("publisher_platform", Group.PLACEMENT, 0),
    PLATFORM_POSITION("platform_position", Group.PLACEMENT, 1),
    IMPRESSION_DEVICE("impression_device", Group.PLACEMENT, 2),
    /** Derived from the impression device: desktop, mobile_app or mobile_web. */
    DEVICE_PLATFORM("device_platform", Group.PLACEMENT, 2),
    /** The hour of delivery in the ad account's time zone: "00:00:00 - 00:59:59" … "23:00:00 - 23:59:59". */
    HOURLY_ADVERTISER("hourly_stats_aggregated_by_advertiser_time_zone", Group.HOURLY, 0),
    /** The hour in the audience's time zone (the sandbox's audiences live in the account's time zone). */
    HOURLY_AUDIENCE("hourly_stats_aggregated_by_audience_time_zone", Group.HOURLY, 0),
    /**
     * How many times the people of a row saw its ads ("1", "2", … "11+"): not a split of delivery but of the row's
     * reach, computed after reach is deduplicated ({@link FrequencyBuckets}); valid only alone.
     */
    FREQUENCY_VALUE("frequency_value", Group.FREQUENCY, 0);

    enum Group { DEMOGRAPHIC, GEO, PLACEMENT, HOURLY, FREQUENCY }

    /** Whether the breakdown divides each (ad, day) down an {@link AudienceTree} (all but frequency_value). */
    boolean splitsDelivery() {
        return group != Group.FREQUENCY;
    }

    /** Meta reports no reach (nor frequency, cpp) by hour. */
    boolean hourly() {
        return group == Group.HOURLY;
    }

    /** Every breakdown name Meta accepts (AdsInsights.Breakdowns), for the "must be one of" error. */
    static final List<String> META_NAMES = List.of("ad_format_asset", "age", "app_id", "body_asset",
            "breakdown_ad_objective", "breakdown_reporting_ad_id", "call_to_action_asset", "coarse_conversion_value",
            "conversion_destination", "country", "description_asset", "device_platform", "dma", "fidelity_type",
            "frequency_value", "gender", "hourly_stats_aggregated_by_advertiser_time_zone",
            "hourly_stats_aggregated_by_audience_time_zone", "hsid", "image_asset", "impression_device",
            "impression_view_time_advertiser_hour_v2", "is_conversion_id_modeled", "is_rendered_as_delayed_skip_ad",
            "landing_destination", "link_url_asset", "marketing_messages_btn_name", "mdsa_landing_destination",
            "media_asset_url", "media_creator", "media_destination_url", "media_format", "media_origin_url",
            "media_text_content", "media_type", "mmm", "place_page_id", "platform_position",
            "postback_sequence_index", "product_id", "publisher_platform", "redownload", "region",
            "signal_source_bucket", "skan_campaign_id", "skan_conversion_id", "skan_version",
            "sot_attribution_model_type", "sot_attribution_window", "sot_channel", "sot_event_type", "sot_source",
            "standard_event_content_type", "title_asset", "user_persona_id", "user_persona_name", "video_asset");

    final String graphName;
    final Group group;
    /** Depth of the tree level holding this breakdown's value. */
    final int level;

    Breakdown(String graphName, Group group, int level) {
        this.graphName = graphName;
        this.group = group;
        this.level = level;
    }

    static Optional<Breakdown> byName(String name) {
        for (Breakdown b : values()) {
            if (b.graphName.equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** device_platform of an impression_device value. */
    static String devicePlatformOf(String impressionDevice) {
        return switch (impressionDevice) {
            case "desktop" -> "desktop";
            case "other" -> "mobile_web";
            default -> "mobile_app";
        };
    }
}
