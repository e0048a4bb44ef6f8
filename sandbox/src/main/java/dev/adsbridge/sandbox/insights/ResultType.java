package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.Node;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * What an ad's "Results" are (Ads Manager's Results column, the insights {@code results} field): decided by its ad
 * set's optimization_goal, and for conversion goals by {@code promoted_object.custom_event_type}. Each type names
 * Meta's indicator ({@code actions:link_click}, {@code reach}, …) and counts from the same (ad, day) metrics the
 * matching action does, so a row's result equals its matching action whenever all its ads share the type.
 *
 * <p>Goals the sandbox does not simulate (CONVERSATIONS, AD_RECALL_LIFT, PAGE_LIKES, EVENT_RESPONSES, QUALITY_CALL,
 * VISIT_INSTAGRAM_PROFILE, …) have no result type: their ads deliver but add no {@code results} entry.
 */
enum ResultType {
    LINK_CLICK("actions:link_click"),
    LANDING_PAGE_VIEW("actions:landing_page_view"),
    POST_ENGAGEMENT("actions:post_engagement"),
    THRUPLAY("video_thruplay_watched_actions:video_view"),
    REACH("reach"),
    IMPRESSIONS("impressions"),
    LEAD("actions:lead"),
    PIXEL_LEAD("actions:offsite_conversion.fb_pixel_lead"),
    PIXEL_PURCHASE("actions:offsite_conversion.fb_pixel_purchase"),
    PIXEL_COMPLETE_REGISTRATION("actions:offsite_conversion.fb_pixel_complete_registration"),
    PIXEL_ADD_TO_CART("actions:offsite_conversion.fb_pixel_add_to_cart"),
    PIXEL_INITIATE_CHECKOUT("actions:offsite_conversion.fb_pixel_initiate_checkout"),
    APP_INSTALL("actions:mobile_app_install");

    static final ResultType[] ALL = values();

    /** Where an ad's objective conversions (the RESULTS metric) are counted. */
    enum Conversion { NONE, PURCHASE, LEAD, APP_INSTALL, COMPLETE_REGISTRATION }

    /**
     * How one ad's metrics land in a row: its conversions' slot and its result type (null: none).
     */
    record Route(Conversion conversion, ResultType result) {

        /** The route of an ad in a campaign of {@code kind} under {@code adSet} (null: no ad set). */
        static Route of(ObjectiveKind kind, Node adSet) {
            String goal = adSet == null ? null : adSet.getString("optimization_goal");
            String event = adSet == null ? null : customEventType(adSet.get("promoted_object"));
            Conversion conversion = switch (kind) {
                case SALES -> Conversion.PURCHASE;
                case LEADS -> Conversion.LEAD;
                case APP_PROMOTION -> Conversion.APP_INSTALL;
                default -> Conversion.NONE;
            };
            // A lead campaign can convert on sign-ups; purchases (with their value) come from sales campaigns only.
            if (kind == ObjectiveKind.LEADS && "COMPLETE_REGISTRATION".equals(event)) {
                conversion = Conversion.COMPLETE_REGISTRATION;
            }
            return new Route(conversion, resultOf(goal, event, conversion));
        }

        /** This route's result from an (ad, day or cell) metric vector read through {@code metric}. */
        long count(IntToLongFunction metric) {
            return switch (result) {
                case LINK_CLICK -> metric.applyAsLong(Metric.INLINE_LINK_CLICKS.ordinal());
                case LANDING_PAGE_VIEW -> metric.applyAsLong(Metric.LANDING_PAGE_VIEWS.ordinal());
                case POST_ENGAGEMENT -> metric.applyAsLong(Metric.CLICKS.ordinal())
                        + metric.applyAsLong(Metric.VIDEO_VIEWS.ordinal());
                case THRUPLAY -> metric.applyAsLong(Metric.VIDEO_VIEWS.ordinal());
                case REACH -> metric.applyAsLong(Metric.REACH.ordinal());
                case IMPRESSIONS -> metric.applyAsLong(Metric.IMPRESSIONS.ordinal());
                case PIXEL_ADD_TO_CART -> metric.applyAsLong(Metric.ADD_TO_CART.ordinal());
                case PIXEL_INITIATE_CHECKOUT -> metric.applyAsLong(Metric.INITIATE_CHECKOUT.ordinal());
                case LEAD, PIXEL_LEAD, PIXEL_PURCHASE, PIXEL_COMPLETE_REGISTRATION, APP_INSTALL ->
                        metric.applyAsLong(Metric.RESULTS.ordinal());
            };
        }
    }

    final String indicator;

    ResultType(String indicator) {
        this.indicator = indicator;
    }

    /** Totals slot of this type's result count (daily reach sum for REACH). */
    int countSlot() {
        return Totals.RESULTS_BASE + 2 * ordinal();
    }

    /** Totals slot of the spend of the ads with this result type. */
    int spendSlot() {
        return Totals.RESULTS_BASE + 2 * ordinal() + 1;
    }

    private static ResultType resultOf(String goal, String customEvent, Conversion conversion) {
        String event = customEvent == null ? "" : customEvent;
        if (goal == null) {
            return null;
        }
        return switch (goal) {
            case "LINK_CLICKS" -> LINK_CLICK;
            case "LANDING_PAGE_VIEWS" -> LANDING_PAGE_VIEW;
            case "POST_ENGAGEMENT" -> POST_ENGAGEMENT;
            case "THRUPLAY" -> THRUPLAY;
            case "REACH" -> REACH;
            case "IMPRESSIONS" -> IMPRESSIONS;
            case "LEAD_GENERATION", "QUALITY_LEAD" -> conversion == Conversion.LEAD ? LEAD : null;
            case "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS" ->
                    conversion == Conversion.APP_INSTALL ? APP_INSTALL : null;
            // Value optimisation still counts purchases as results (their value is action_values).
            case "OFFSITE_CONVERSIONS", "VALUE" -> switch (event) {
                case "ADD_TO_CART" -> PIXEL_ADD_TO_CART;
                case "INITIATED_CHECKOUT", "INITIATE_CHECKOUT" -> PIXEL_INITIATE_CHECKOUT;
                case "", "PURCHASE", "LEAD", "COMPLETE_REGISTRATION" -> {
                    ResultType byConversion = switch (conversion) {
                        case PURCHASE -> PIXEL_PURCHASE;
                        case LEAD -> PIXEL_LEAD;
                        case COMPLETE_REGISTRATION -> PIXEL_COMPLETE_REGISTRATION;
                        case APP_INSTALL -> APP_INSTALL;
                        case NONE -> null;
                    };
                    // An event the campaign's delivery does not produce (a purchase pixel on a lead campaign): none.
                    boolean fits = event.isEmpty() || byConversion != null && byConversion != APP_INSTALL
                            && byConversion.indicator.endsWith("fb_pixel_" + event.toLowerCase(Locale.ROOT));
                    yield fits ? byConversion : null;
                }
                default -> null;
            };
            default -> null;
        };
    }

    private static String customEventType(Object promotedObject) {
        if (promotedObject instanceof Map<?, ?> map && map.get("custom_event_type") instanceof String type) {
            return type.toUpperCase(Locale.ROOT);
        }
        return null;
    }
}
