package dev.adsbridge.sandbox.insights;

import java.util.List;
import java.util.Optional;

/**
 * The action breakdowns the sandbox computes: each one splits the entries of the action lists ({@code actions},
 * {@code cost_per_action_type}, {@code video_play_actions}, …) further, never the rows. Every entry keeps its
 * {@code action_type}; the breakdown adds its own key ({@code {"action_type":"link_click","action_device":"iphone",
 * "value":"12"}}) to the entries it applies to, and the entries of one action type add up to its total.
 *
 * <p>Which breakdowns combine follows Meta's list of permutations (Insights API Breakdowns, "Combining breakdowns"):
 * those marked there with an asterisk can be joined with action_type, action_target_id and action_destination
 * (kind {@link Kind#JOIN}); action_device only with the placement breakdowns; the carousel card only alone or with
 * impression_device, country, age and gender; action_reaction only alone, with action_type.
 */
enum ActionBreakdown {
    TYPE("action_type", Kind.JOIN),
    TARGET_ID("action_target_id", Kind.JOIN),
    DESTINATION("action_destination", Kind.JOIN),
    DEVICE("action_device", Kind.DEVICE),
    CAROUSEL_CARD_ID("action_carousel_card_id", Kind.CAROUSEL),
    CAROUSEL_CARD_NAME("action_carousel_card_name", Kind.CAROUSEL),
    REACTION("action_reaction", Kind.REACTION),
    VIDEO_TYPE("action_video_type", Kind.VIDEO_TYPE),
    VIDEO_SOUND("action_video_sound", Kind.VIDEO_SOUND);

    /** What a breakdown splits by; breakdowns of different kinds other than JOIN never combine. */
    enum Kind { JOIN, DEVICE, CAROUSEL, REACTION, VIDEO_TYPE, VIDEO_SOUND }

    /**
     * Meta's reactions, in the order Meta lists them (like, love, haha, wow, sad, angry).
     */
    static final List<String> REACTIONS = List.of("like", "love", "haha", "wow", "sad", "angry");
    /** Meta's action_video_type values: total, and its two parts. */
    static final List<String> VIDEO_TYPES = List.of("total", "auto_play", "click_to_play");
    static final List<String> VIDEO_SOUNDS = List.of("sound_on", "sound_off");

    final String graphName;
    final Kind kind;

    ActionBreakdown(String graphName, Kind kind) {
        this.graphName = graphName;
        this.kind = kind;
    }

    static Optional<ActionBreakdown> byName(String name) {
        for (ActionBreakdown b : values()) {
            if (b.graphName.equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * Breakdowns whose values Meta only reports for on-Meta actions (Insights API Breakdowns, "Restrictions for
     * off-Meta action metrics", Type 2): off-Meta web conversions come without the breakdown value, mobile app
     * actions not at all.
     */
    boolean onMetaOnly() {
        return kind == Kind.DEVICE || kind == Kind.CAROUSEL || this == TARGET_ID || this == DESTINATION;
    }
}
