package dev.adsbridge.sandbox.insights;

import dev.adsbridge.meta.ResultTypes;
import dev.adsbridge.sandbox.store.Node;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * What an ad's "Results" are (Ads Manager's Results column, the insights {@code results} field): decided by its ad
 * set's optimization_goal, and for conversion goals by {@code promoted_object.custom_event_type}, as
 * {@link ResultTypes} maps them to Meta's indicators ({@code actions:link_click}, {@code reach}, …). Each type here
 * is one the sandbox delivers, and counts from the same (ad, day) metrics the
 * matching action does, so a row's result equals its matching action whenever all its ads share the type.
 *
 * <p>Goals the sandbox does not simulate (CONVERSATIONS, AD_RECALL_LIFT, PAGE_LIKES, EVENT_RESPONSES, QUALITY_CALL,
 * VISIT_INSTAGRAM_PROFILE, …) have no result type: their ads deliver but add no {@code results} entry.
 */
enum ResultType {
    LINK_CLICK(ResultTypes.LINK_CLICKS),
    LANDING_PAGE_VIEW(ResultTypes.LANDING_PAGE_VIEWS),
    POST_ENGAGEMENT(ResultTypes.POST_ENGAGEMENT),
    THRUPLAY(ResultTypes.THRUPLAYS),
    REACH(ResultTypes.REACH),
    IMPRESSIONS(ResultTypes.IMPRESSIONS),
    LEAD(ResultTypes.LEADS),
    PIXEL_LEAD(ResultTypes.WEBSITE_LEADS),
    PIXEL_PURCHASE(ResultTypes.PURCHASES),
    PIXEL_COMPLETE_REGISTRATION(ResultTypes.REGISTRATIONS),
    PIXEL_ADD_TO_CART(ResultTypes.ADDS_TO_CART),
    PIXEL_INITIATE_CHECKOUT(ResultTypes.CHECKOUTS),
    APP_INSTALL(ResultTypes.APP_INSTALLS);

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

    final ResultTypes.Type type;
    final String indicator;

    ResultType(ResultTypes.Type type) {
        this.type = type;
        this.indicator = type.indicator();
    }

    /** The sandbox's type for Meta's; null for one it does not deliver (Page likes, conversations). */
    private static ResultType of(ResultTypes.Type type) {
        for (ResultType candidate : ALL) {
            if (candidate.type.equals(type)) {
                return candidate;
            }
        }
        return null;
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
        ResultTypes.Type meta = ResultTypes.forGoal(goal, event);
        if (meta == null) {
            return null;
        }
        if (!ResultTypes.isConversionGoal(goal)) {
            ResultType type = of(meta);
            // Leads and installs come only from campaigns whose delivery produces them.
            boolean delivered = type == LEAD ? conversion == Conversion.LEAD
                    : type != APP_INSTALL || conversion == Conversion.APP_INSTALL;
            return delivered ? type : null;
        }
        if (!event.isEmpty() && ResultTypes.forConversionEvent(event) == null) {
            return null;
        }
        if (meta == ResultTypes.ADDS_TO_CART || meta == ResultTypes.CHECKOUTS) {
            return of(meta);
        }
        // Purchases, leads and sign-ups are the campaign's own conversions (value optimisation still counts
        // purchases as results, their value being action_values); without an event the conversion decides.
        ResultType byConversion = switch (conversion) {
            case PURCHASE -> PIXEL_PURCHASE;
            case LEAD -> PIXEL_LEAD;
            case COMPLETE_REGISTRATION -> PIXEL_COMPLETE_REGISTRATION;
            case APP_INSTALL -> APP_INSTALL;
            case NONE -> null;
        };
        // An event the campaign's delivery does not produce (a purchase pixel on a lead campaign): none.
        boolean fits = event.isEmpty() || byConversion != null && byConversion.type == meta;
        return fits ? byConversion : null;
    }

    private static String customEventType(Object promotedObject) {
        if (promotedObject instanceof Map<?, ?> map && map.get("custom_event_type") instanceof String type) {
            return type.toUpperCase(Locale.ROOT);
        }
        return null;
    }
}
