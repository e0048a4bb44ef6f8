package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes take the parameters Meta's endpoints take. Meta's reference lists each endpoint's parameters ("Creating"
 * and "Updating" sections of the Campaign, Ad Set, Ad and Ad Creative references); anything else is refused with
 * code 100 and changes nothing, and a validation error names the parameter at fault in
 * {@code error_data.blame_field_specs} with {@code error_user_title} / {@code error_user_msg} (Marketing API "Error
 * codes" and "Handling errors").
 */
class WriteParametersContractTest {

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

    private static void assertBlamed(SandboxHttp.Answer answer, String param) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = answer.error();
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(error.path("error_user_title").asString()).isNotBlank();
        assertThat(error.path("error_user_msg").asString()).isNotBlank();
        assertThat(error.path("error_data").path("blame_field_specs").get(0).get(0).asString()).isEqualTo(param);
    }

    @Test
    void an_unknown_parameter_on_a_create_is_refused_and_creates_nothing() {
        int before = count();
        Map<String, String> body = campaign("Typo campaign", "dialy_budget", "5000");
        assertBlamed(sandbox.post(token, BIG + "/campaigns", body), "dialy_budget");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void an_unknown_parameter_on_an_update_is_refused_and_changes_nothing() {
        String id = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Kept name")));
        SandboxHttp.Answer answer = sandbox.post(token, id, form("name", "New name", "colour", "blue"));
        assertBlamed(answer, "colour");
        assertThat(sandbox.get(token, id, form("fields", "name")).json().path("name").asString())
                .isEqualTo("Kept name");
    }

    @Test
    void a_meta_parameter_the_sandbox_keeps_as_sent_reads_back_after_success() {
        String id = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Labelled",
                "adlabels", "[{\"name\":\"spring\"}]")));
        assertThat(sandbox.get(token, id, form("fields", "adlabels")).json().path("adlabels").get(0).path("name")
                .asString()).isEqualTo("spring");
        SandboxHttp.Answer update = sandbox.post(token, id, form("adlabels", "[{\"name\":\"summer\"}]"));
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        assertThat(update.json().path("success").asBoolean()).isTrue();
        assertThat(sandbox.get(token, id, form("fields", "adlabels")).json().path("adlabels").get(0).path("name")
                .asString()).isEqualTo("summer");
    }

    @Test
    void a_meta_parameter_the_sandbox_cannot_apply_is_refused_rather_than_ignored() {
        String id = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Split test")));
        SandboxHttp.Answer answer = sandbox.post(token, id, form("iterative_split_test_configs", "[]"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(100);
        assertThat(answer.error().path("message").asString()).contains("iterative_split_test_configs");
        assertThat(answer.json().path("success").isMissingNode()).isTrue();
    }

    @Test
    void validation_errors_carry_user_title_message_subcode_and_blame_field_specs() {
        String campaignId = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Low budget")));
        SandboxHttp.Answer answer = sandbox.post(token, BIG + "/adsets",
                Objects.adSet(campaignId, "Too cheap", "daily_budget", "1"));
        assertBlamed(answer, "daily_budget");
        assertThat(answer.error().path("error_subcode").asInt()).isEqualTo(1885272);
        assertThat(answer.error().path("error_user_title").asString()).isEqualTo("Budget Is Too Low");

        SandboxHttp.Answer missing = sandbox.post(token, BIG + "/campaigns", form("name", "No objective",
                "special_ad_categories", "[]"));
        assertBlamed(missing, "objective");
    }

    private static int count() {
        return sandbox.get(token, BIG + "/campaigns", form("summary", "true", "limit", "1",
                "effective_status", "[\"ACTIVE\",\"PAUSED\",\"ARCHIVED\",\"DELETED\"]")).json().path("summary")
                .path("total_count").asInt();
    }
}
