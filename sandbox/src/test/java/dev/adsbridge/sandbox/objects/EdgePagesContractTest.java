package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge pages as Graph serves them (Graph API "Paging" and "Handling errors"): {@code summary=total_count} like
 * {@code summary=true}; a page that would carry too much data fails with code 1 "Please reduce the amount of data
 * you're asking for, then retry your request" instead of answering.
 */
class EdgePagesContractTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void summary_total_count_counts_the_edge() {
        int viaTrue = sandbox.get(token, BIG + "/campaigns", Map.of("summary", "true")).json().path("summary")
                .path("total_count").asInt();
        assertThat(viaTrue).isPositive();
        for (String summary : new String[] {"total_count", "[\"total_count\"]"}) {
            SandboxHttp.Answer answer = sandbox.get(token, BIG + "/campaigns", Map.of("summary", summary));
            assertThat(answer.json().path("summary").path("total_count").asInt()).as(summary).isEqualTo(viaTrue);
        }
    }

    @Test
    void a_page_with_too_much_data_fails_with_code_1_and_a_smaller_one_answers() {
        String many = "id,name,status,effective_status,objective,daily_budget,lifetime_budget,bid_strategy,"
                + "special_ad_categories,start_time,stop_time,created_time,updated_time,buying_type,"
                + "adsets.limit(200){id,name,status,targeting},ads.limit(200){id,name,status,creative}";
        SandboxHttp.Answer tooMuch = sandbox.get(token, BIG + "/campaigns", Map.of("fields", many,
                "limit", "5000"));
        assertThat(tooMuch.status()).isEqualTo(500);
        assertThat(tooMuch.error().path("code").asInt()).isEqualTo(1);
        assertThat(tooMuch.error().path("message").asString())
                .isEqualTo("Please reduce the amount of data you're asking for, then retry your request");

        SandboxHttp.Answer fine = sandbox.get(token, BIG + "/campaigns", Map.of("fields", many, "limit", "5"));
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(fine.json().path("data").size()).isEqualTo(5);

        // A dashboard read: every campaign with its insights row expanded is fine.
        SandboxHttp.Answer dashboard = sandbox.get(token, BIG + "/campaigns", Map.of("limit", "500", "fields",
                "id,name,status,effective_status,objective,daily_budget,lifetime_budget,"
                        + "insights.date_preset(last_7d){spend,impressions,reach,clicks,actions,action_values,"
                        + "cost_per_action_type,purchase_roas,ctr,cpc,cpm,frequency,results,cost_per_result}"));
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
    }
}
