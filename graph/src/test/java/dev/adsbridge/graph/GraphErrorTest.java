package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GraphErrorTest {

    @ParameterizedTest(name = "code {0} subcode {1} transient {2} HTTP {3} -> {4}")
    @CsvSource(nullValues = "-", textBlock = """
            # code, subcode, is_transient, http, category
            190,   -,       false, 400, AUTH
            190,   463,     false, 400, AUTH
            190,   460,     false, 400, AUTH
            190,   458,     false, 400, AUTH
            102,   -,       false, 400, AUTH
            10,    -,       false, 403, PERMISSION
            200,   -,       false, 403, PERMISSION
            230,   -,       false, 400, PERMISSION
            273,   -,       false, 400, PERMISSION
            294,   -,       false, 400, PERMISSION
            299,   -,       false, 400, PERMISSION
            4,     1504022, false, 400, RATE_LIMIT
            17,    2446079, false, 400, RATE_LIMIT
            17,    1885172, false, 400, RATE_LIMIT
            32,    -,       false, 400, RATE_LIMIT
            341,   -,       false, 400, RATE_LIMIT
            613,   1487742, false, 400, RATE_LIMIT
            80000, -,       false, 400, RATE_LIMIT
            80004, -,       false, 400, RATE_LIMIT
            80014, -,       false, 400, RATE_LIMIT
            100,   33,      false, 400, INVALID_REQUEST
            100,   1885621, false, 400, INVALID_REQUEST
            101,   -,       false, 400, INVALID_REQUEST
            2635,  -,       false, 400, INVALID_REQUEST
            1,     -,       false, 500, TRANSIENT
            2,     1504038, false, 500, TRANSIENT
            2,     -,       true,  500, TRANSIENT
            368,   -,       true,  400, TRANSIENT
            368,   -,       false, 400, UNKNOWN
            80015, -,       false, 400, UNKNOWN
            300,   -,       false, 400, UNKNOWN
            0,     -,       false, 502, TRANSIENT
            0,     -,       false, 503, TRANSIENT
            0,     -,       false, 429, RATE_LIMIT
            0,     -,       false, 404, UNKNOWN
            -1,    -,       true,  0,   TRANSIENT
            """)
    void category_follows_metas_code_table(int code, Integer subcode, boolean isTransient, int http, ErrorCategory expected) {
        GraphError error = new GraphError(http, code, subcode, "OAuthException", "(#" + code + ") test", null, null, null,
                "trace", isTransient, Optional.empty());

        assertThat(error.category()).isEqualTo(expected);
    }

    @Test
    void meta_codes_win_over_the_transient_flag() {
        GraphError expired = new GraphError(400, 190, 463, "OAuthException", "expired", null, null, null, null, true,
                Optional.empty());

        assertThat(expired.category()).isEqualTo(ErrorCategory.AUTH);
        assertThat(expired.retryableForReads()).isFalse();
    }

    @Test
    void too_much_data_is_an_invalid_request_not_worth_retrying() {
        GraphError tooMuch = new GraphError(500, 1, null, "OAuthException",
                "Please reduce the amount of data you're asking for, then retry your request", null, null, null,
                "trace", true, Optional.empty());
        GraphError unknown = new GraphError(500, 1, null, "OAuthException", "An unknown error occurred", null, null,
                null, "trace", true, Optional.empty());

        assertThat(tooMuch.isTooMuchData()).isTrue();
        assertThat(tooMuch.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        assertThat(tooMuch.retryableForReads()).isFalse();
        assertThat(unknown.category()).isEqualTo(ErrorCategory.TRANSIENT);
    }

    @ParameterizedTest
    @EnumSource(ErrorCategory.class)
    void wire_names_are_lowercase_enum_names(ErrorCategory category) {
        assertThat(category.wireName()).isEqualTo(category.name().toLowerCase());
    }

    @Test
    void only_transient_failures_and_rate_limits_are_retryable_for_reads() {
        assertThat(error(2).retryableForReads()).isTrue();
        assertThat(error(17).retryableForReads()).isTrue();
        assertThat(error(80004).retryableForReads()).isTrue();
        assertThat(error(190).retryableForReads()).isFalse();
        assertThat(error(200).retryableForReads()).isFalse();
        assertThat(error(100).retryableForReads()).isFalse();
        assertThat(error(999).retryableForReads()).isFalse();
    }

    @Test
    void reads_every_field_of_metas_envelope() {
        var envelope = Json.tryParse("""
                {"message":"(#100) Budget Is Too Low","type":"OAuthException","code":100,"error_subcode":1885272,
                 "is_transient":false,"error_user_title":"Budget Is Too Low","error_user_msg":"Raise the budget",
                 "error_data":"{\\"blame_field_specs\\":[[\\"daily_budget\\"]]}","fbtrace_id":"AqmV8CUdtJHXr2MOUl4l8cS"}
                """).orElseThrow();

        GraphError error = GraphError.fromEnvelope(400, envelope);

        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.code()).isEqualTo(100);
        assertThat(error.subcode()).isEqualTo(1885272);
        assertThat(error.type()).isEqualTo("OAuthException");
        assertThat(error.message()).isEqualTo("(#100) Budget Is Too Low");
        assertThat(error.errorUserTitle()).isEqualTo("Budget Is Too Low");
        assertThat(error.errorUserMsg()).isEqualTo("Raise the budget");
        assertThat(error.errorData()).isEqualTo("{\"blame_field_specs\":[[\"daily_budget\"]]}");
        assertThat(error.fbtraceId()).isEqualTo("AqmV8CUdtJHXr2MOUl4l8cS");
        assertThat(error.isTransient()).isFalse();
        assertThat(error.retryAfter()).isEmpty();
        assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
    }

    @Test
    void an_envelope_without_subcode_leaves_it_null() {
        GraphError error = GraphError.fromEnvelope(400, Json.tryParse(
                "{\"message\":\"Invalid OAuth access token - Cannot parse access token\",\"type\":\"OAuthException\",\"code\":190}")
                .orElseThrow());

        assertThat(error.subcode()).isNull();
        assertThat(error.category()).isEqualTo(ErrorCategory.AUTH);
    }

    @Test
    void retry_hint_is_attached_by_copy() {
        GraphError error = error(17);

        GraphError hinted = error.withRetryAfter(Duration.ofMinutes(3));

        assertThat(error.retryAfter()).isEmpty();
        assertThat(hinted.retryAfter()).contains(Duration.ofMinutes(3));
        assertThat(hinted.code()).isEqualTo(17);
    }

    private static GraphError error(int code) {
        return new GraphError(400, code, null, "OAuthException", "(#" + code + ")", null, null, null, null, false,
                Optional.empty());
    }
}
