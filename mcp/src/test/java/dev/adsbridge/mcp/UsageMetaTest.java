package dev.adsbridge.mcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.adsbridge.mcp.TestEnv.BIG_ACCOUNT;
import static dev.adsbridge.mcp.TestEnv.JPY_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/** Meta's rate-limit usage travels back to the caller in the result's _meta, so a backend can back off in time. */
class UsageMetaTest {

    @AfterEach
    void resetLimits() {
        TestEnv.control("DELETE", "/_sandbox/rate-limits", null);
    }

    @Test
    void aToolResultCarriesMetasUsageForTheAdAccount() {
        JsonNode result = TestEnv.callTool(TestEnv.token(), "get_campaigns", Map.of("account_id", BIG_ACCOUNT,
                "limit", 2));

        JsonNode usage = result.path("_meta").path("dev.adsbridge/usage");
        assertThat(usage.path("account_id").asString()).isEqualTo(BIG_ACCOUNT);
        assertThat(usage.path("ad_account_util_pct").isNumber()).as(usage.toString()).isTrue();
        // Meta sends no X-App-Usage with Marketing API calls (they are not platform rate limited): none reported.
        assertThat(usage.has("app_call_count_pct")).as(usage.toString()).isFalse();
        assertThat(usage.path("regain_access_seconds").asLong()).isZero();
    }

    @Test
    void usageNearTheLimitShowsUpBeforeMetaBlocks() {
        // Standard tier: 9,000 points; 8,500 already used puts the account at ~94 %.
        TestEnv.control("POST", "/_sandbox/rate-limits", Map.of("account_id", JPY_ACCOUNT, "score", 8500));

        JsonNode result = TestEnv.callTool(TestEnv.token(), "get_campaigns", Map.of("account_id", JPY_ACCOUNT));

        assertThat(result.path("isError").asBoolean(false)).isFalse();
        JsonNode usage = result.path("_meta").path("dev.adsbridge/usage");
        assertThat(usage.path("ad_account_util_pct").asDouble()).isGreaterThan(90);
        assertThat(usage.path("max_util_pct").asDouble()).isGreaterThan(90);
    }

    @Test
    void aRateLimitedCallCarriesTheTimeToRegainAccess() {
        TestEnv.control("POST", "/_sandbox/rate-limits", Map.of("account_id", JPY_ACCOUNT, "score", 9100));

        JsonNode result = TestEnv.callTool(TestEnv.token(), "get_campaigns", Map.of("account_id", JPY_ACCOUNT));

        assertThat(TestEnv.error(result).path("category").asString()).isEqualTo("rate_limit");
        JsonNode usage = result.path("_meta").path("dev.adsbridge/usage");
        assertThat(usage.path("regain_access_seconds").asLong()).isPositive();
    }
}
