package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small helpers the marketing-object contract tests share: form maps, valid create bodies, id lists. */
final class Objects {

    static final String BIG = "act_1000000001";
    static final String EUR = "act_1000000002";
    static final String JPY = "act_1000000003";
    static final String DISABLED = "act_1000000004";
    static final String SHARED = "act_1000000005";
    static final String KRW = "act_1000000006";
    static final String DANA_PAGE = "200000000000001";
    static final String MARCO = "100000000000002";
    static final String PRIYA = "100000000000003";

    private Objects() {
    }

    /** key, value, key, value… → an ordered map. */
    static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    /** A campaign create body that passes validation (ad-set budgets), with overrides. */
    static Map<String, String> campaign(String name, String... overrides) {
        Map<String, String> form = form("name", name, "objective", "OUTCOME_TRAFFIC", "status", "PAUSED",
                "special_ad_categories", "[]", "is_adset_budget_sharing_enabled", "false");
        form.putAll(form(overrides));
        return form;
    }

    static final String TARGETING = "{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":25,\"age_max\":54,"
            + "\"targeting_automation\":{\"advantage_audience\":0}}";

    /** An ad set create body for a campaign without a campaign budget, with overrides. */
    static Map<String, String> adSet(String campaignId, String name, String... overrides) {
        Map<String, String> form = form("name", name, "campaign_id", campaignId, "billing_event", "IMPRESSIONS",
                "optimization_goal", "LINK_CLICKS", "daily_budget", "2500", "targeting", TARGETING,
                "status", "PAUSED");
        form.putAll(form(overrides));
        return form;
    }

    static String createdId(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String id = answer.json().path("id").asString();
        assertThat(id).matches("\\d{15,20}");
        return id;
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.path("data")) {
            ids.add(item.path("id").asString());
        }
        return ids;
    }

    static List<String> values(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : page.path("data")) {
            values.add(item.path(field).asString());
        }
        return values;
    }

    /** Asserts a Graph error's code, subcode (null = none) and that it is a 4xx/5xx answer. */
    static JsonNode assertError(SandboxHttp.Answer answer, int code, Integer subcode) {
        assertThat(answer.status()).as(answer.body()).isGreaterThanOrEqualTo(400);
        JsonNode error = answer.error();
        assertThat(error.path("code").asInt()).as(answer.body()).isEqualTo(code);
        if (subcode == null) {
            assertThat(error.has("error_subcode")).as(answer.body()).isFalse();
        } else {
            assertThat(error.path("error_subcode").asInt()).as(answer.body()).isEqualTo(subcode);
        }
        assertThat(error.path("fbtrace_id").asString()).isNotEmpty();
        return error;
    }
}
