package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.find;
import static dev.adsbridge.mcp.TestEnv.ids;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset accounts against the sandbox. */
class AccountToolsTest {

    private static String token;

    @BeforeAll
    static void token() {
        token = TestEnv.token();
    }

    @Test
    void getAdAccountsListsTheUsersAccountsWithReadableStatusAndMoney() {
        // compact=false: Meta's rows as sent (minor units) with their readable twins.
        JsonNode result = ok(TestEnv.callTool(token, "get_ad_accounts", Map.of("compact", false)));
        List<String> ids = ids(result.get("data"));
        assertThat(ids).containsExactlyInAnyOrder(TestEnv.BIG_ACCOUNT, TestEnv.EUR_ACCOUNT,
                TestEnv.JPY_ACCOUNT, TestEnv.DISABLED_ACCOUNT, TestEnv.SHARED_ACCOUNT);
        assertThat(result.has("next_cursor")).isFalse();

        JsonNode jpy = find(result.get("data"), TestEnv.JPY_ACCOUNT);
        assertThat(jpy.get("currency").asString()).isEqualTo("JPY");
        String spent = jpy.get("amount_spent").asString();
        assertThat(jpy.get("amount_spent_formatted").asString()).isEqualTo(spent + " JPY");
        assertThat(jpy.get("spend_cap_formatted").asString()).isEqualTo("no spend cap");

        JsonNode usd = find(result.get("data"), TestEnv.BIG_ACCOUNT);
        long cents = Long.parseLong(usd.get("amount_spent").asString());
        assertThat(usd.get("amount_spent_formatted").asString())
                .isEqualTo(String.format("%d.%02d USD", cents / 100, cents % 100));
        assertThat(usd.get("account_status_name").asString()).isEqualTo("ACTIVE");
        assertThat(find(result.get("data"), TestEnv.DISABLED_ACCOUNT).get("account_status_name").asString())
                .isEqualTo("DISABLED");

        // By default (compact): money with its currency in place of minor units, no twins, no "0" spend cap.
        JsonNode compact = ok(TestEnv.callTool(token, "get_ad_accounts", Map.of()));
        JsonNode compactJpy = find(compact.get("data"), TestEnv.JPY_ACCOUNT);
        assertThat(compactJpy.get("amount_spent").asString()).isEqualTo(spent + " JPY");
        assertThat(compactJpy.has("amount_spent_formatted")).isFalse();
        assertThat(compactJpy.has("spend_cap")).isFalse();
        assertThat(find(compact.get("data"), TestEnv.BIG_ACCOUNT).get("amount_spent").asString())
                .isEqualTo(String.format("%d.%02d USD", cents / 100, cents % 100));
    }

    @Test
    void getAdAccountsPagesWithLimitAndAfter() {
        JsonNode first = ok(TestEnv.callTool(token, "get_ad_accounts", Map.of("limit", 3)));
        assertThat(first.get("data").size()).isEqualTo(3);
        String cursor = first.get("next_cursor").asString();
        assertThat(first.has("paging")).as("compact answers keep next_cursor, not Meta's paging URLs").isFalse();
        JsonNode raw = ok(TestEnv.callTool(token, "get_ad_accounts", Map.of("limit", 3, "compact", false)));
        assertThat(raw.at("/paging/next").asString()).doesNotContain("access_token").contains("after=");

        JsonNode rest = ok(TestEnv.callTool(token, "get_ad_accounts", Map.of("after", cursor)));
        assertThat(rest.get("data").size()).isEqualTo(2);
        assertThat(rest.has("next_cursor")).isFalse();
        List<String> all = new ArrayList<>(ids(first.get("data")));
        all.addAll(ids(rest.get("data")));
        assertThat(all).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void aUserWithoutAccountsGetsAnEmptyList() {
        String lonely = TestEnv.token(TestEnv.NO_ACCOUNTS_USER, null, null);
        JsonNode result = ok(TestEnv.callTool(lonely, "get_ad_accounts", Map.of("user_id", "me")));
        assertThat(result.get("data").size()).isZero();
    }

    @Test
    void getAdAccountsRejectsABadUserIdBeforeCallingMeta() {
        JsonNode error = error(TestEnv.callTool(token, "get_ad_accounts", Map.of("user_id", "../act_1")));
        assertThat(error.get("category").asString()).isEqualTo("invalid_request");
        assertThat(error.get("message").asString()).contains("user_id");
        assertThat(error.get("code").isNull()).isTrue();
    }

    @Test
    void getAccountInfoAcceptsBothIdFormsAndAddsDsaInformation() {
        JsonNode withPrefix = ok(TestEnv.callTool(token, "get_account_info",
                Map.of("account_id", TestEnv.EUR_ACCOUNT)));
        JsonNode withoutPrefix = ok(TestEnv.callTool(token, "get_account_info", Map.of("account_id", "1000000002")));
        assertThat(withPrefix).isEqualTo(withoutPrefix);
        assertThat(withPrefix.get("id").asString()).isEqualTo(TestEnv.EUR_ACCOUNT);
        assertThat(withPrefix.get("currency").asString()).isEqualTo("EUR");
        assertThat(withPrefix.get("timezone_name").asString()).isEqualTo("Europe/Berlin");
        assertThat(withPrefix.has("dsa_required")).isTrue();
        assertThat(withPrefix.get("amount_spent_formatted").asString()).endsWith(" EUR");
    }

    @Test
    void getAccountInfoReturnsChosenFields() {
        JsonNode result = ok(TestEnv.callTool(token, "get_account_info", Map.of("account_id", TestEnv.JPY_ACCOUNT,
                "fields", "name, currency")));
        assertThat(result.get("name").asString()).isEqualTo("Whitfield Outdoor - Japan");
        assertThat(result.has("amount_spent")).isFalse();
        JsonNode bad = error(TestEnv.callTool(token, "get_account_info", Map.of("account_id", TestEnv.JPY_ACCOUNT,
                "fields", "name;drop table")));
        assertThat(bad.get("message").asString()).contains("fields");
    }

    @Test
    void anInaccessibleAccountListsTheAccountsThatWouldWork() {
        JsonNode result = TestEnv.callTool(token, "get_account_info", Map.of("account_id", TestEnv.KRW_ACCOUNT));
        JsonNode error = error(result);
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("category").asString()).isIn("invalid_request", "permission");
        JsonNode structured = result.get("structuredContent");
        assertThat(ids(structured.get("accessible_accounts"))).contains(TestEnv.BIG_ACCOUNT)
                .doesNotContain(TestEnv.KRW_ACCOUNT);
        assertThat(structured.get("total_accessible_accounts").asInt()).isEqualTo(5);
        assertThat(structured.get("suggestion").asString()).contains(TestEnv.KRW_ACCOUNT);
    }

    @Test
    void aMalformedAccountIdIsRefusedBeforeCallingMeta() {
        JsonNode error = error(TestEnv.callTool(token, "get_account_info", Map.of("account_id", "act_12ab")));
        assertThat(error.get("type").asString()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asString()).contains("act_1234567890");
        JsonNode missing = error(TestEnv.callTool(token, "get_account_info", Map.of()));
        assertThat(missing.get("message").asString()).contains("Missing required argument 'account_id'");
    }

    @Test
    void getAccountPagesCombinesTheUsersPagesAndTheAccountsPromotablePages() {
        JsonNode result = ok(TestEnv.callTool(token, "get_account_pages", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(ids(result.get("data"))).contains("200000000000001", "200000000000002");
        assertThat(result.get("total_pages_found").asInt()).isEqualTo(result.get("data").size());
        JsonNode page = result.get("data").get(0);
        assertThat(page.get("name").asString()).isNotBlank();
        assertThat(page.get("sources").size()).isPositive();

        JsonNode own = ok(TestEnv.callTool(token, "get_account_pages", Map.of("account_id", "me")));
        assertThat(ids(own.get("data"))).contains("200000000000001");

        JsonNode marco = ok(TestEnv.callTool(TestEnv.token(TestEnv.SECOND_USER, null, null), "get_account_pages",
                Map.of("account_id", TestEnv.SHARED_ACCOUNT)));
        assertThat(ids(marco.get("data"))).contains("200000000000003");
    }

    @Test
    void getAccountPagesShowsEachPagesInstagramAccountWhenOneIsConnected() {
        JsonNode result = ok(TestEnv.callTool(token, "get_account_pages", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        JsonNode outdoor = find(result.get("data"), "200000000000001").get("instagram_business_account");
        assertThat(outdoor.get("id").asString()).isEqualTo("17841400000000001");
        assertThat(outdoor.get("username").asString()).isEqualTo("whitfieldoutdoor");
        assertThat(outdoor.get("name").asString()).isEqualTo("Whitfield Outdoor");
        JsonNode marco = ok(TestEnv.callTool(TestEnv.token(TestEnv.SECOND_USER, null, null), "get_account_pages",
                Map.of("account_id", TestEnv.KRW_ACCOUNT)));
        assertThat(find(marco.get("data"), "200000000000003").has("instagram_business_account")).isFalse();
    }

    @Test
    void getAdPixelsListsTheAccountsPixelsWithWhenTheyLastFired() {
        JsonNode result = ok(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", "1000000001")));
        assertThat(result.get("data").size()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        for (JsonNode pixel : result.get("data")) {
            names.add(pixel.get("name").asString());
            assertThat(pixel.get("id").asString()).matches("\\d{16}");
            assertThat(pixel.has("is_unavailable")).isTrue();
            assertThat(pixel.has("code")).as("the code is only sent when asked for").isFalse();
        }
        assertThat(names).contains("Whitfield Outdoor – website", "Staging site (test)");
        JsonNode website = result.get("data").get(names.indexOf("Whitfield Outdoor – website"));
        assertThat(website.get("last_fired_time").asString()).isNotBlank();
        assertThat(result.get("data").get(names.indexOf("Staging site (test)")).has("last_fired_time")).isFalse();

        JsonNode paged = ok(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 2)));
        assertThat(paged.get("data").size()).isEqualTo(2);
        JsonNode rest = ok(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "after", paged.get("next_cursor").asString())));
        assertThat(rest.get("data").size()).isEqualTo(1);

        JsonNode code = ok(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "fields", "id,name,code")));
        JsonNode euPixel = code.get("data").get(0);
        assertThat(euPixel.get("code").asString()).contains(euPixel.get("id").asString());

        error(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", TestEnv.KRW_ACCOUNT)));
        assertThat(error(TestEnv.callTool(token, "get_ad_pixels", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "fields", "id;drop"))).toString()).contains("fields");
    }

    @Test
    void getInstagramAccountsListsTheAccountsOfThePagesItPromotes() {
        JsonNode big = ok(TestEnv.callTool(token, "get_instagram_accounts", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(ids(big.get("data"))).containsExactly("17841400000000001", "17841400000000002");
        assertThat(find(big.get("data"), "17841400000000002").get("username").asString())
                .isEqualTo("whitfield.coffee");
        JsonNode none = ok(TestEnv.callTool(TestEnv.token(TestEnv.SECOND_USER, null, null), "get_instagram_accounts",
                Map.of("account_id", TestEnv.KRW_ACCOUNT)));
        assertThat(none.get("data").size()).isZero();
        error(TestEnv.callTool(token, "get_instagram_accounts", Map.of("account_id", TestEnv.KRW_ACCOUNT)));
    }

    @Test
    void getAccountPagesForAnInaccessibleAccountSaysSo() {
        JsonNode result = TestEnv.callTool(token, "get_account_pages", Map.of("account_id", TestEnv.KRW_ACCOUNT));
        error(result);
        assertThat(result.at("/structuredContent/accessible_accounts").isArray()).isTrue();
    }

    @Test
    void searchPagesByNameMatchesCaseInsensitively() {
        JsonNode coffee = ok(TestEnv.callTool(token, "search_pages_by_name", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "search_term", "COFFEE")));
        assertThat(ids(coffee.get("data"))).containsExactly("200000000000002");
        assertThat(coffee.get("total_found").asInt()).isEqualTo(1);
        assertThat(coffee.get("total_available").asInt()).isGreaterThanOrEqualTo(2);

        JsonNode all = ok(TestEnv.callTool(token, "search_pages_by_name", Map.of("account_id", "1000000001")));
        assertThat(all.get("total_found").asInt()).isEqualTo(all.get("total_available").asInt());

        JsonNode none = ok(TestEnv.callTool(token, "search_pages_by_name", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "search_term", "no such page")));
        assertThat(none.get("data").size()).isZero();
    }

    @Test
    void anExpiredTokenIsAnAuthError() {
        String expiring = TestEnv.token();
        TestEnv.expire(expiring);
        JsonNode error = error(TestEnv.callTool(expiring, "get_ad_accounts", Map.of()));
        assertThat(error.get("category").asString()).isEqualTo("auth");
        assertThat(error.get("code").asInt()).isEqualTo(190);
        assertThat(error.get("is_transient").asBoolean()).isFalse();
    }

    @Test
    void aRateLimitSaysWhenToRetry() {
        TestEnv.fault("rate_limit", "me/adaccounts", null, 1);
        JsonNode error = error(TestEnv.callTool(token, "get_ad_accounts", Map.of()));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
        // The fault fired once; the next call goes through.
        assertThat(ok(TestEnv.callTool(token, "get_ad_accounts", Map.of("limit", 1))).get("data").size()).isEqualTo(1);
    }
}
