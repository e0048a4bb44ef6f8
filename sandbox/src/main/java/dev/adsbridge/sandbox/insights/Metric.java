package dev.adsbridge.sandbox.insights;

/**
 * The additive quantities generated per (ad, day), in storage order. Each one after impressions is split across
 * breakdown cells in proportion to a parent metric's share (times a per-cell rate multiplier of {@link #family}), so
 * a cell never gets clicks without impressions or landing-page views without link clicks; {@link #boundedByParent}
 * marks metrics that can never exceed their parent in a cell.
 */
enum Metric {
    IMPRESSIONS(null, Family.NONE, false),
    REACH(IMPRESSIONS, Family.NONE, true),
    CLICKS(IMPRESSIONS, Family.CTR, true),
    INLINE_LINK_CLICKS(CLICKS, Family.NONE, true),
    SPEND(IMPRESSIONS, Family.CPM, false),
    LANDING_PAGE_VIEWS(INLINE_LINK_CLICKS, Family.NONE, true),
    POST_REACTIONS(CLICKS, Family.ENGAGE, true),
    VIDEO_VIEWS(IMPRESSIONS, Family.ENGAGE, true),
    ADD_TO_CART(LANDING_PAGE_VIEWS, Family.CONVERT, true),
    INITIATE_CHECKOUT(ADD_TO_CART, Family.NONE, true),
    /** The campaign objective's conversion: purchases, leads or app installs (zero for the others). */
    RESULTS(INLINE_LINK_CLICKS, Family.CONVERT, true),
    /** Purchase value in the account's minor units (sales only). */
    RESULT_VALUE(RESULTS, Family.VALUE, false);

    /** Rate multipliers a breakdown cell applies to the metrics of one family (CTR of young audiences, …). */
    enum Family { NONE, CTR, CPM, ENGAGE, CONVERT, VALUE }

    static final Metric[] ALL = values();
    static final int COUNT = ALL.length;

    final Metric parent;
    final Family family;
    final boolean boundedByParent;

    Metric(Metric parent, Family family, boolean boundedByParent) {
        this.parent = parent;
        this.family = family;
        this.boundedByParent = boundedByParent;
    }
}
