package dev.adsbridge.sandbox.insights;

/** What a campaign objective optimises for, which decides the shape of its delivery and its result action. */
enum ObjectiveKind {
    AWARENESS, TRAFFIC, ENGAGEMENT, LEADS, APP_PROMOTION, SALES;

    /** Outcome objectives and their legacy names. */
    static ObjectiveKind of(String objective) {
        if (objective == null) {
            return TRAFFIC;
        }
        return switch (objective) {
            case "OUTCOME_AWARENESS", "REACH", "BRAND_AWARENESS" -> AWARENESS;
            case "OUTCOME_ENGAGEMENT", "POST_ENGAGEMENT", "PAGE_LIKES", "VIDEO_VIEWS", "MESSAGES", "EVENT_RESPONSES" ->
                    ENGAGEMENT;
            case "OUTCOME_LEADS", "LEAD_GENERATION" -> LEADS;
            case "OUTCOME_APP_PROMOTION", "APP_INSTALLS" -> APP_PROMOTION;
            case "OUTCOME_SALES", "CONVERSIONS", "PRODUCT_CATALOG_SALES", "STORE_VISITS" -> SALES;
            default -> TRAFFIC;
        };
    }
}
