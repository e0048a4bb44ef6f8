package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.EUR;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class AudiencesContractTest {

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
    void seededAccountsHaveAudiencesIncludingALookalike() {
        JsonNode audiences = sandbox.get(token, BIG + "/customaudiences", form("fields",
                "name,subtype,approximate_count_lower_bound,lookalike_spec", "limit", "50")).json();
        assertThat(values(audiences, "subtype")).contains("WEBSITE", "CUSTOM", "LOOKALIKE");
        JsonNode lookalike = null;
        for (JsonNode audience : audiences.path("data")) {
            if (audience.path("subtype").asString().equals("LOOKALIKE")) {
                lookalike = audience;
            }
        }
        assertThat(lookalike).isNotNull();
        assertThat(lookalike.path("lookalike_spec").path("country").asString()).isEqualTo("US");
        assertThat(lookalike.path("lookalike_spec").path("origin").get(0).path("id").asString()).matches("\\d+");
        assertThat(values(sandbox.get(token, EUR + "/customaudiences", form("fields", "subtype")).json(), "subtype"))
                .contains("LOOKALIKE");
    }

    @Test
    void customerListsAndLookalikesAreCreatedAndValidated() {
        String list = createdId(sandbox.post(token, BIG + "/customaudiences", form("name", "VIP customers",
                "subtype", "CUSTOM", "customer_file_source", "USER_PROVIDED_ONLY", "description", "Top 5%")));
        assertThat(sandbox.get(token, list, form("fields", "name,description,delivery_status")).json()
                .path("delivery_status").path("code").asInt()).isEqualTo(200);
        assertError(sandbox.post(token, BIG + "/customaudiences", form("name", "No source", "subtype", "CUSTOM")),
                100, null);

        SandboxHttp.Answer lookalike = sandbox.post(token, BIG + "/customaudiences", form("name", "LAL – VIP 2%",
                "subtype", "LOOKALIKE", "origin_audience_id", list,
                "lookalike_spec", "{\"country\":\"US\",\"ratio\":0.02}",
                "fields", "subtype,lookalike_spec,approximate_count_lower_bound"));
        assertThat(lookalike.status()).as(lookalike.body()).isEqualTo(200);
        assertThat(lookalike.json().path("lookalike_spec").path("origin").get(0).path("id").asString())
                .isEqualTo(list);
        assertThat(lookalike.json().path("approximate_count_lower_bound").asLong()).isGreaterThan(1_000_000L);

        assertError(sandbox.post(token, BIG + "/customaudiences", form("name", "Too wide", "subtype", "LOOKALIKE",
                "origin_audience_id", list, "lookalike_spec", "{\"country\":\"US\",\"ratio\":0.5}")), 100, null);
        assertError(sandbox.post(token, BIG + "/customaudiences", form("name", "No origin", "subtype", "LOOKALIKE",
                "origin_audience_id", "120299999999999999", "lookalike_spec", "{\"country\":\"US\",\"ratio\":0.05}")),
                100, null);
        assertThat(values(sandbox.get(token, BIG + "/activities", form("limit", "3")).json(), "event_type"))
                .contains("create_audience");
    }

    @Test
    void anAudienceCanBeRenamedAndDeleted() {
        String id = createdId(sandbox.post(token, BIG + "/customaudiences", form("name", "Temp",
                "subtype", "WEBSITE", "retention_days", "30")));
        assertThat(sandbox.post(token, id, form("name", "Temp 2")).json().path("success").asBoolean()).isTrue();
        assertThat(sandbox.get(token, id, form("fields", "name")).json().path("name").asString()).isEqualTo("Temp 2");
        assertThat(sandbox.delete(token, id, Map.of()).json().path("success").asBoolean()).isTrue();
        assertError(sandbox.get(token, id), 100, 33);
        assertThat(ids(sandbox.get(token, BIG + "/customaudiences", form("limit", "50")).json())).doesNotContain(id);
    }
}
