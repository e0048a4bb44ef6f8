package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {

    private static final String APP = "{\"call_count\":28,\"total_cputime\":25,\"total_time\":25}";
    private static final String AD_ACCOUNT =
            "{\"acc_id_util_pct\":9.67,\"reset_time_duration\":100,\"ads_api_access_tier\":\"standard_access\"}";
    private static final String BUSINESS = """
            {"112233":[{"type":"ads_management","call_count":95,"total_cputime":20,"total_time":20,
            "estimated_time_to_regain_access":0,"ads_api_access_tier":"standard_access"},
            {"type":"ads_insights","call_count":3,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":7}]}""";
    private static final String INSIGHTS =
            "{\"app_id_util_pct\":12.5,\"acc_id_util_pct\":40,\"ads_api_access_tier\":\"standard_access\"}";

    @Test
    void parses_all_four_usage_headers() {
        Usage usage = Usage.fromHeaders(Map.of(
                "X-App-Usage", APP,
                "X-Ad-Account-Usage", AD_ACCOUNT,
                "X-Business-Use-Case-Usage", BUSINESS,
                "X-FB-Ads-Insights-Throttle", INSIGHTS));

        assertThat(usage.app()).contains(new Usage.AppUsage(28, 25, 25));
        assertThat(usage.adAccount()).contains(
                new Usage.AdAccountUsage(9.67, Duration.ofSeconds(100), "standard_access"));
        assertThat(usage.businessUseCases()).containsExactly(
                new Usage.BusinessUseCaseUsage("112233", "ads_management", 95, 20, 20, Duration.ZERO, "standard_access"),
                new Usage.BusinessUseCaseUsage("112233", "ads_insights", 3, 1, 1, Duration.ofMinutes(7), null));
        assertThat(usage.insightsThrottle()).contains(new Usage.InsightsThrottle(12.5, 40, "standard_access"));
        assertThat(usage.isEmpty()).isFalse();
    }

    @Test
    void the_same_headers_read_again_say_the_same_and_changed_ones_are_read_anew() {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("X-App-Usage", APP, "X-Ad-Account-Usage", AD_ACCOUNT));
        Usage first = Usage.fromHeaders(headers);
        assertThat(Usage.fromHeaders(new LinkedHashMap<>(headers))).isEqualTo(first);

        headers.put("X-App-Usage", "{\"call_count\":61,\"total_cputime\":2,\"total_time\":3}");
        assertThat(Usage.fromHeaders(headers).app()).contains(new Usage.AppUsage(61, 2, 3));
        headers.remove("X-App-Usage");
        Usage withoutApp = Usage.fromHeaders(headers);
        assertThat(withoutApp.app()).isEmpty();
        assertThat(withoutApp.adAccount()).isEqualTo(first.adAccount());
        headers.put("X-FB-Ads-Insights-Throttle", INSIGHTS);
        assertThat(Usage.fromHeaders(headers).insightsThrottle()).contains(
                new Usage.InsightsThrottle(12.5, 40, "standard_access"));
        assertThat(Usage.fromHeaders(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void header_names_are_case_insensitive() {
        Usage usage = Usage.fromHeaders(Map.of("x-app-usage", APP));

        assertThat(usage.app()).isPresent();
    }

    @Test
    void max_utilization_is_the_highest_percentage_of_any_header() {
        Usage usage = Usage.fromHeaders(Map.of(
                "X-App-Usage", APP,
                "X-Ad-Account-Usage", AD_ACCOUNT,
                "X-Business-Use-Case-Usage", BUSINESS));

        assertThat(usage.maxUtilizationPercent()).isEqualTo(95.0);
    }

    @Test
    void no_headers_means_no_usage_and_zero_utilization() {
        Usage usage = Usage.fromHeaders(Map.of("Content-Type", "application/json"));

        assertThat(usage).isEqualTo(Usage.none());
        assertThat(usage.isEmpty()).isTrue();
        assertThat(usage.maxUtilizationPercent()).isZero();
        assertThat(usage.regainAccessIn()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"call_count\":", "[1,2,3]", "\"text\"", "", "null"})
    void a_malformed_header_is_ignored_and_the_others_still_count(String malformed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-App-Usage", malformed);
        headers.put("X-Business-Use-Case-Usage", malformed);
        headers.put("X-Ad-Account-Usage", AD_ACCOUNT);

        Usage usage = Usage.fromHeaders(headers);

        assertThat(usage.app()).isEmpty();
        assertThat(usage.businessUseCases()).isEmpty();
        assertThat(usage.adAccount()).isPresent();
    }

    @Test
    void odd_values_inside_valid_json_fall_back_to_zero() {
        Usage usage = Usage.fromHeaders(Map.of(
                "X-App-Usage", "{\"call_count\":\"42\",\"total_cputime\":\"lots\",\"total_time\":null}",
                "X-Business-Use-Case-Usage", "{\"1\":[\"junk\",{\"type\":\"ads_management\",\"call_count\":5}],\"2\":7}"));

        assertThat(usage.app()).contains(new Usage.AppUsage(42, 0, 0));
        assertThat(usage.businessUseCases()).extracting(Usage.BusinessUseCaseUsage::businessId).containsExactly("1");
    }

    @Test
    void regain_access_takes_the_longest_business_use_case_estimate() {
        Usage usage = Usage.fromHeaders(Map.of(
                "X-Business-Use-Case-Usage",
                "{\"1\":[{\"type\":\"ads_management\",\"call_count\":100,\"estimated_time_to_regain_access\":12}],"
                        + "\"2\":[{\"type\":\"ads_insights\",\"estimated_time_to_regain_access\":3}]}",
                "X-Ad-Account-Usage", AD_ACCOUNT));

        assertThat(usage.regainAccessIn()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void regain_access_counts_the_ad_account_reset_only_when_the_account_is_throttled() {
        Usage notThrottled = Usage.fromHeaders(Map.of("X-Ad-Account-Usage",
                "{\"acc_id_util_pct\":80,\"reset_time_duration\":300}"));
        Usage throttled = Usage.fromHeaders(Map.of("X-Ad-Account-Usage",
                "{\"acc_id_util_pct\":100,\"reset_time_duration\":300}"));

        assertThat(notThrottled.regainAccessIn()).isEqualTo(Duration.ZERO);
        assertThat(throttled.regainAccessIn()).isEqualTo(Duration.ofSeconds(300));
    }
}
