package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.names;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset audiences against the sandbox: list, create customer-list, rule-based and lookalike audiences. */
class AudienceToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Map<String, Object> VISITORS_RULE = Map.of("inclusions", Map.of("operator", "or",
            "rules", List.of(Map.of("event_sources", List.of(Map.of("id", "1234567890", "type", "pixel")),
                    "retention_seconds", 2592000))));
    private static String token;

    @BeforeAll
    static void token() {
        token = TestEnv.token();
    }

    @Test
    void listCustomAudiencesShowsSeededAudiencesWithSizeRangesAndPages() {
        JsonNode result = ok(callTool(token, "list_custom_audiences", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        JsonNode audiences = result.get("data");
        assertThat(audiences.size()).isPositive();
        List<String> subtypes = new ArrayList<>();
        for (JsonNode audience : audiences) {
            subtypes.add(audience.get("subtype").asString());
            assertThat(audience.get("id").asString()).matches("[0-9]+");
            assertThat(audience.get("approximate_count_upper_bound").asLong())
                    .isGreaterThan(audience.get("approximate_count_lower_bound").asLong());
        }
        assertThat(subtypes).contains("CUSTOM", "LOOKALIKE");
        JsonNode lookalike = find(audiences, "LOOKALIKE");
        assertThat(lookalike.at("/lookalike_spec/ratio").asDouble()).isBetween(0.01, 0.20);

        JsonNode first = ok(callTool(token, "list_custom_audiences", Map.of("account_id", "1000000001",
                "limit", 2)));
        assertThat(first.get("data").size()).isEqualTo(2);
        JsonNode second = ok(callTool(token, "list_custom_audiences", Map.of("account_id", "1000000001",
                "limit", 2, "after", first.get("next_cursor").asString())));
        assertThat(TestEnv.ids(second.get("data")))
                .doesNotContainAnyElementsOf(TestEnv.ids(first.get("data")));
    }

    @Test
    void createCustomAudienceCreatesACustomerListAndARuleBasedAudience() {
        String name = "Newsletter subscribers " + RUN;
        JsonNode list = ok(callTool(token, "create_custom_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "subtype", "custom", "customer_file_source", "USER_PROVIDED_ONLY",
                "description", "Opted-in newsletter list")));
        assertThat(list.get("id").asString()).matches("[0-9]+");
        assertThat(list.get("subtype").asString()).isEqualTo("CUSTOM");
        JsonNode stored = find(audiences(TestEnv.EUR_ACCOUNT), name);
        assertThat(stored.get("customer_file_source").asString()).isEqualTo("USER_PROVIDED_ONLY");
        assertThat(stored.get("description").asString()).isEqualTo("Opted-in newsletter list");

        String visitors = "Visitors 30d " + RUN;
        JsonNode website = ok(callTool(token, "create_custom_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", visitors, "subtype", "WEBSITE", "rule", VISITORS_RULE)));
        assertThat(website.get("subtype").asString()).isEqualTo("WEBSITE");
        assertThat(find(audiences(TestEnv.EUR_ACCOUNT), visitors).get("subtype").asString()).isEqualTo("WEBSITE");
    }

    @Test
    void createLookalikeAudienceModelsAnExistingAudience() {
        String origin = origin(TestEnv.EUR_ACCOUNT);
        JsonNode created = ok(callTool(token, "create_lookalike_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "origin_audience_id", origin, "country", "de", "ratio", 0.03)));
        assertThat(created.get("subtype").asString()).isEqualTo("LOOKALIKE");
        assertThat(created.get("name").asString()).isEqualTo("Lookalike (DE, 3%) of " + origin);
        JsonNode stored = find(audiences(TestEnv.EUR_ACCOUNT), "Lookalike (DE, 3%) of " + origin);
        assertThat(stored.at("/lookalike_spec/country").asString()).isEqualTo("DE");
        assertThat(stored.at("/lookalike_spec/ratio").asDouble()).isEqualTo(0.03);
        assertThat(stored.at("/lookalike_spec/origin/0/id").asString()).isEqualTo(origin);

        String named = "Lookalike default ratio " + RUN;
        ok(callTool(token, "create_lookalike_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "origin_audience_id", origin, "country", "FR", "name", named)));
        assertThat(find(audiences(TestEnv.EUR_ACCOUNT), named).at("/lookalike_spec/ratio").asDouble())
                .isEqualTo(0.01);
    }

    @Test
    void validateOnlyCreatesNothing() {
        String name = "Dry audience " + RUN;
        JsonNode dry = ok(callTool(token, "create_custom_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "subtype", "CUSTOM", "customer_file_source", "USER_PROVIDED_ONLY",
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("id")).isFalse();
        String origin = origin(TestEnv.EUR_ACCOUNT);
        ok(callTool(token, "create_lookalike_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "origin_audience_id", origin, "country", "DE", "name", name, "validate_only", true)));
        assertThat(names(audiences(TestEnv.EUR_ACCOUNT))).doesNotContain(name);
    }

    @Test
    void invalidAudiencesAreRefusedBeforeMetaAndNothingIsCreated() {
        String name = "Never created " + RUN;
        String origin = origin(TestEnv.EUR_ACCOUNT);
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("custom without source", List.of("create_custom_audience", audience(name, "subtype", "CUSTOM"),
                "customer_file_source"));
        cases.put("website without rule", List.of("create_custom_audience", audience(name, "subtype", "WEBSITE"),
                "rule"));
        cases.put("rule not an object", List.of("create_custom_audience", audience(name, "subtype", "WEBSITE",
                "rule", List.of("visitors")), "inclusions"));
        cases.put("source on website", List.of("create_custom_audience", audience(name, "subtype", "WEBSITE",
                "rule", VISITORS_RULE, "customer_file_source", "USER_PROVIDED_ONLY"), "only applies to CUSTOM"));
        cases.put("lookalike subtype", List.of("create_custom_audience", audience(name, "subtype", "LOOKALIKE"),
                "create_lookalike_audience"));
        cases.put("ig business", List.of("create_custom_audience", audience(name, "subtype", "IG_BUSINESS"),
                "v25.0"));
        cases.put("unknown subtype", List.of("create_custom_audience", audience(name, "subtype", "FRIENDS"),
                "CUSTOM, WEBSITE"));
        cases.put("missing name", List.of("create_custom_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "subtype", "CUSTOM", "customer_file_source", "USER_PROVIDED_ONLY"), "name"));
        cases.put("ratio as percent", List.of("create_lookalike_audience", lookalike(name, origin, "DE", 5),
                "pass 0.05"));
        cases.put("ratio with percent sign", List.of("create_lookalike_audience", lookalike(name, origin, "DE",
                "3%"), "pass 0.03"));
        cases.put("ratio too big", List.of("create_lookalike_audience", lookalike(name, origin, "DE", 0.5),
                "0.20"));
        cases.put("ratio too small", List.of("create_lookalike_audience", lookalike(name, origin, "DE", 0.001),
                "0.01"));
        cases.put("country", List.of("create_lookalike_audience", lookalike(name, origin, "Germany", 0.01),
                "two-letter"));
        cases.put("origin", List.of("create_lookalike_audience", lookalike(name, "my list", "DE", 0.01),
                "origin_audience_id"));
        cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, (String) testCase.get(0),
                (Map<?, ?>) testCase.get(1), (String) testCase.get(2), label));
        assertThat(names(audiences(TestEnv.EUR_ACCOUNT))).doesNotContain(name);
    }

    @Test
    void metaRefusesALookalikeOfAnAudienceFromAnotherAccount() {
        String foreign = origin(TestEnv.BIG_ACCOUNT);
        JsonNode error = error(callTool(token, "create_lookalike_audience", Map.of("account_id",
                TestEnv.EUR_ACCOUNT, "origin_audience_id", foreign, "country", "DE")));
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("error_user_title").asString()).isNotBlank();
    }

    @Test
    void aReadOnlyTokenCannotCreateAudiences() {
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        String name = "Read only audience " + RUN;
        JsonNode error = error(callTool(readOnly, "create_custom_audience", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "subtype", "CUSTOM", "customer_file_source", "USER_PROVIDED_ONLY")));
        assertThat(error.get("category").asString()).isEqualTo("permission");
        assertThat(error.get("message").asString()).contains("ads_management");
        assertThat(names(audiences(TestEnv.EUR_ACCOUNT))).doesNotContain(name);
        assertThat(ok(callTool(readOnly, "list_custom_audiences", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "limit", 1))).get("data").size()).isEqualTo(1);
    }

    @Test
    void expiredTokensAndRateLimitsAreReportedAsSuch() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.expire(expiring);
        JsonNode auth = error(callTool(expiring, "create_lookalike_audience", Map.of("account_id",
                TestEnv.EUR_ACCOUNT, "origin_audience_id", "123", "country", "DE")));
        assertThat(auth.get("category").asString()).isEqualTo("auth");

        TestEnv.fault("rate_limit", TestEnv.SHARED_ACCOUNT + "/customaudiences", "GET", 1);
        JsonNode limited = error(callTool(token, "list_custom_audiences", Map.of("account_id",
                TestEnv.SHARED_ACCOUNT)));
        assertThat(limited.get("category").asString()).isEqualTo("rate_limit");
        assertThat(limited.get("retry_after_seconds").asLong()).isPositive();
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode audiences(String account) {
        return ok(callTool(token, "list_custom_audiences", Map.of("account_id", account, "limit", 500)))
                .get("data");
    }

    /** A seeded audience that can be the origin of a lookalike (any but a lookalike). */
    private static String origin(String account) {
        for (JsonNode audience : audiences(account)) {
            if (!audience.get("subtype").asString().equals("LOOKALIKE")) {
                return audience.get("id").asString();
            }
        }
        throw new AssertionError("no origin audience in " + account);
    }

    /** The first audience whose name or subtype is {@code key}. */
    private static JsonNode find(JsonNode audiences, String key) {
        for (JsonNode audience : audiences) {
            if (audience.get("name").asString().equals(key) || audience.get("subtype").asString().equals(key)) {
                return audience;
            }
        }
        throw new AssertionError(key + " not in " + audiences);
    }

    private static Map<String, Object> audience(String name, Object... pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.EUR_ACCOUNT);
        arguments.put("name", name);
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put((String) pairs[i], pairs[i + 1]);
        }
        return arguments;
    }

    private static Map<String, Object> lookalike(String name, String origin, String country, Object ratio) {
        return Map.of("account_id", TestEnv.EUR_ACCOUNT, "name", name, "origin_audience_id", origin,
                "country", country, "ratio", ratio);
    }
}
