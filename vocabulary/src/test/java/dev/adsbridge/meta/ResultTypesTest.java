package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTypesTest {

    @Test
    void goalsMapToMetasResultIndicators() {
        assertThat(ResultTypes.forGoal("LINK_CLICKS", null).indicator()).isEqualTo("actions:link_click");
        assertThat(ResultTypes.forGoal("link_clicks", null)).isEqualTo(ResultTypes.LINK_CLICKS);
        assertThat(ResultTypes.forGoal("THRUPLAY", null).indicator())
                .isEqualTo("video_thruplay_watched_actions:video_view");
        assertThat(ResultTypes.forGoal("REACH", null).indicator()).isEqualTo("reach");
        assertThat(ResultTypes.forGoal("QUALITY_LEAD", null)).isEqualTo(ResultTypes.LEADS);
        assertThat(ResultTypes.forGoal("APP_INSTALLS", "PURCHASE")).isEqualTo(ResultTypes.APP_INSTALLS);
        assertThat(ResultTypes.forGoal("CONVERSATIONS", null).indicator())
                .isEqualTo("actions:onsite_conversion.messaging_conversation_started_7d");
        assertThat(ResultTypes.forGoal("AD_RECALL_LIFT", null)).isNull();
        assertThat(ResultTypes.forGoal(null, "PURCHASE")).isNull();
    }

    @Test
    void conversionGoalsFollowThePromotedObjectsEvent() {
        assertThat(ResultTypes.forGoal("OFFSITE_CONVERSIONS", "LEAD")).isEqualTo(ResultTypes.WEBSITE_LEADS);
        assertThat(ResultTypes.forGoal("OFFSITE_CONVERSIONS", "complete_registration"))
                .isEqualTo(ResultTypes.REGISTRATIONS);
        assertThat(ResultTypes.forGoal("OFFSITE_CONVERSIONS", "ADD_TO_CART")).isEqualTo(ResultTypes.ADDS_TO_CART);
        assertThat(ResultTypes.forGoal("OFFSITE_CONVERSIONS", "INITIATED_CHECKOUT")).isEqualTo(ResultTypes.CHECKOUTS);
        assertThat(ResultTypes.forGoal("VALUE", "PURCHASE")).isEqualTo(ResultTypes.PURCHASES);
        assertThat(ResultTypes.forGoal("VALUE", null)).as("no event: purchases").isEqualTo(ResultTypes.PURCHASES);
        assertThat(ResultTypes.forGoal("OFFSITE_CONVERSIONS", "SEARCH")).isEqualTo(ResultTypes.PURCHASES);
        assertThat(ResultTypes.forConversionEvent("SEARCH")).isNull();
        assertThat(ResultTypes.forConversionEvent(null)).isNull();
        assertThat(ResultTypes.isConversionGoal("value")).isTrue();
        assertThat(ResultTypes.isConversionGoal("LINK_CLICKS")).isFalse();
    }

    @Test
    void indicatorsHaveMarketerWords() {
        assertThat(ResultTypes.LINK_CLICKS.words(1)).isEqualTo("1 link click");
        assertThat(ResultTypes.LINK_CLICKS.words(1204)).isEqualTo("1,204 link clicks");
        assertThat(ResultTypes.REACH.words(0)).isEqualTo("0 people reached");
        assertThat(ResultTypes.forIndicator("actions:lead")).isSameAs(ResultTypes.LEADS);
        assertThat(ResultTypes.known("actions:offsite_conversion.fb_pixel_view_content")).isNull();
        ResultTypes.Type unknown = ResultTypes.forIndicator("actions:offsite_conversion.fb_pixel_view_content");
        assertThat(unknown.actionType()).isEqualTo("offsite_conversion.fb_pixel_view_content");
        assertThat(unknown.words(2)).isEqualTo("2 view content");
        assertThat(ResultTypes.all()).hasSize(15).first().isEqualTo(ResultTypes.LINK_CLICKS);
    }
}
