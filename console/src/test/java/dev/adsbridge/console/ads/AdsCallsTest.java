package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many Graph calls the console's reads cost, counted by the sandbox (every Graph call counts toward the app's
 * hourly usage): each main page's API read at most 3, with 6 and with 50 objects; and the per-tenant read cache: a
 * second identical read makes none, our write makes the next read fetch again, one tenant's answers never reach another.
 */
class AdsCallsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ACCOUNT = "act_1000000001";
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static ConsoleHarness harness;
    static ConsoleHarness.Signed owner;
    static ConsoleHarness.Signed other;
    static String campaign;
    static String smallAdset;
    static String largeAdset;
    static String firstAd;

    @BeforeAll
    static void consoleWithTheCacheOnAndAdSetsOf6And50Ads() {
        harness = ConsoleHarness.start(Map.of("adsbridge.console.read-cache.ttl", "60s"));
        owner = tenant("Calls Co");
        other = tenant("Other Co");
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        String token = harness.tokenOf(owner.tenant(), connection);
        campaign = tool(token, "create_campaign", Map.of("account_id", ACCOUNT, "name", "Calls " + RUN,
                "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true)).path("id").asString();
        String creative = tool(token, "get_ads", Map.of("account_id", ACCOUNT, "limit", 1))
                .at("/data/0/creative/id").asString();
        smallAdset = adsetWithAds(token, creative, 6);
        largeAdset = adsetWithAds(token, creative, 50);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    static ConsoleHarness.Signed tenant(String company) {
        ConsoleHarness.Signed signed = harness.owner(company);
        ConsoleHarness.connect(signed.browser());
        UUID connection = harness.connectionIds(signed.tenant()).get(0);
        signed.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", ACCOUNT));
        return signed;
    }

    static String adsetWithAds(String token, String creative, int ads) {
        Map<String, Object> adset = new LinkedHashMap<>();
        adset.put("account_id", ACCOUNT);
        adset.put("campaign_id", campaign);
        adset.put("name", ads + " ads " + RUN);
        adset.put("optimization_goal", "LINK_CLICKS");
        adset.put("billing_event", "IMPRESSIONS");
        adset.put("daily_budget", 5000);
        adset.put("targeting", Map.of("geo_locations", Map.of("countries", List.of("US")), "age_min", 25,
                "age_max", 55, "targeting_automation", Map.of("advantage_audience", 0)));
        String id = tool(token, "create_adset", adset).path("id").asString();
        for (int i = 0; i < ads; i++) {
            String ad = tool(token, "create_ad", Map.of("account_id", ACCOUNT, "name", "Ad " + i + " " + RUN,
                    "adset_id", id, "creative_id", creative)).path("id").asString();
            if (firstAd == null) {
                firstAd = ad;
            }
        }
        return id;
    }

    /** A tool of the MCP server, straight (setting the scene is not what is counted). */
    static JsonNode tool(String token, String name, Map<String, ?> arguments) {
        Map<String, Object> message = Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call",
                "params", Map.of("name", name, "arguments", arguments));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + harness.mcpPort + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("result");
            assertThat(result.path("isError").asBoolean(false)).as(response.body()).isFalse();
            return result.path("structuredContent");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long graphCalls() {
        return harness.control("GET", "/_sandbox/rate-limits", null).at("/app/calls_this_hour").asLong();
    }

    record Counted(Page page, long calls) {
        JsonNode json() {
            return JSON.readTree(page.body());
        }

        String header(String name) {
            return page.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    static Counted read(Browser browser, String path) {
        long before = graphCalls();
        Page page = browser.api("GET", path, null);
        long calls = graphCalls() - before;
        assertThat(page.status()).as(path + ": " + page.body()).isEqualTo(200);
        return new Counted(page, calls);
    }

    @Test
    void everyMainPageReadCostsAtMostThreeGraphCallsWith6And50Objects() {
        Browser browser = owner.browser();
        List<String> report = new ArrayList<>();
        Map<String, Counted> reads = new LinkedHashMap<>();
        for (String path : List.of(
                "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_7d",
                "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=6&date_preset=last_7d",
                "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=50&date_preset=last_7d",
                "/api/v1/campaigns/" + campaign,
                "/api/v1/campaigns/" + campaign + "/adsets?limit=25&date_preset=last_7d",
                "/api/v1/adsets/" + smallAdset,
                "/api/v1/adsets/" + smallAdset + "/ads?limit=50&date_preset=last_7d",
                "/api/v1/adsets/" + largeAdset + "/ads?limit=50&date_preset=last_7d",
                "/api/v1/ads/" + firstAd,
                "/api/v1/ads/" + firstAd + "/creatives",
                "/api/v1/insights?object_id=" + campaign + "&date_preset=last_7d&compare=previous",
                "/api/v1/insights?object_id=" + smallAdset + "&date_preset=last_7d&level=ad",
                "/api/v1/insights?object_id=" + ACCOUNT + "&date_preset=last_7d&time_increment=1&compare=previous")) {
            Counted counted = read(browser, path);
            reads.put(path, counted);
            report.add(counted.calls() + " " + path);
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "console-graph-calls.txt"),
                    "Graph calls per API read (cold cache)\n" + String.join("\n", report) + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(reads.values()).as(String.join("\n", report)).allSatisfy(c -> assertThat(c.calls()).isBetween(1L,
                3L));
        JsonNode six = reads.get("/api/v1/adsets/" + smallAdset + "/ads?limit=50&date_preset=last_7d").json()
                .path("data");
        JsonNode fifty = reads.get("/api/v1/adsets/" + largeAdset + "/ads?limit=50&date_preset=last_7d").json()
                .path("data");
        assertThat(six.size()).isEqualTo(6);
        assertThat(fifty.size()).isEqualTo(50);
        assertThat(fifty.get(49).at("/creative/id").asString()).matches("[0-9]+");
        assertThat(fifty.get(49).has("spend")).as("each ad's numbers come with it").isTrue();
        assertThat(fifty.get(49).has("insights")).isFalse();
        assertThat(reads.get("/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=50&date_preset=last_7d").json()
                .path("data").size()).isEqualTo(50);
        assertThat(reads.get("/api/v1/campaigns/" + campaign + "/adsets?limit=25&date_preset=last_7d").json()
                .path("data").size()).isEqualTo(2);
    }

    /** Reads a page's API reads one after the other and answers the Graph calls of all of them together. */
    static long pageCalls(Browser browser, String... paths) {
        long before = graphCalls();
        for (String path : paths) {
            Page page = browser.api("GET", path, null);
            assertThat(page.status()).as(path + ": " + page.body()).isEqualTo(200);
        }
        return graphCalls() - before;
    }

    @Test
    void everyMainPageCostsAtMostThreeGraphCallsWithItsPreviousPeriodsAndPreviews() {
        ConsoleHarness.Signed pages = tenant("Pages Co");
        Browser browser = pages.browser();
        // The account's time zone (Meta counts a preset's days in it) is read once per console process; known here.
        read(owner.browser(), "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=yesterday");

        long dashboard = pageCalls(browser, "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_7d",
                "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_30d", "/api/v1/ad-accounts");
        long campaigns = pageCalls(browser, "/api/v1/ad-accounts/" + ACCOUNT
                + "/campaigns?limit=25&date_preset=last_7d&status=ACTIVE,PAUSED");
        long insights = pageCalls(browser, "/api/v1/insights?object_id=" + ACCOUNT
                + "&time_increment=1&date_preset=last_30d&level=account&compare=previous",
                "/api/v1/insights?object_id=" + ACCOUNT + "&level=account&date_preset=last_30d&breakdowns=age"
                        + "&compare=previous&totals=false");

        // The seeded ad set with the most distinct preview images, its ads with numbers, one lookup, every image.
        String token = harness.tokenOf(pages.tenant(), harness.connectionIds(pages.tenant()).get(0));
        Map<String, java.util.Set<String>> hashesByAdset = new LinkedHashMap<>();
        for (JsonNode ad : tool(token, "get_ads", Map.of("account_id", ACCOUNT, "limit", 100,
                "fields", "id,adset_id,creative{image_hash}")).path("data")) {
            String hash = ad.at("/creative/image_hash").asString("");
            if (!hash.isEmpty()) {
                hashesByAdset.computeIfAbsent(ad.path("adset_id").asString(), k -> new java.util.TreeSet<>())
                        .add(hash);
            }
        }
        String adset = hashesByAdset.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue()
                .size())).orElseThrow().getKey();
        long before = graphCalls();
        read(browser, "/api/v1/adsets/" + adset);
        JsonNode ads = read(browser, "/api/v1/adsets/" + adset + "/ads?limit=50&date_preset=last_7d").json();
        java.util.Set<String> hashes = new java.util.TreeSet<>();
        ads.path("data").forEach(ad -> {
            String hash = ad.at("/creative/image_hash").asString("");
            if (!hash.isEmpty()) {
                hashes.add(hash);
                // The ads read brought Meta's URL of the image: the preview needs no lookup.
                assertThat(ad.at("/creative/preview_url").asString(""))
                        .isEqualTo("/api/v1/ad-accounts/" + ACCOUNT + "/images/" + hash);
            }
        });
        assertThat(hashes.size()).as("distinct previews of ad set " + adset).isGreaterThanOrEqualTo(2);
        for (String hash : hashes) {
            String url = "/api/v1/ad-accounts/" + ACCOUNT + "/images/" + hash;
            Page image = browser.api("GET", url, null);
            assertThat(image.status()).as(url + ": " + image.body()).isEqualTo(200);
            assertThat(image.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse("")).startsWith("image/");
        }
        long adsetPage = graphCalls() - before;

        String report = "dashboard " + dashboard + ", campaigns " + campaigns + ", insights " + insights
                + ", ad set + ads + " + hashes.size() + " previews " + adsetPage;
        assertThat(dashboard).as(report).isBetween(1L, 3L);
        assertThat(campaigns).as(report).isEqualTo(1L);
        assertThat(insights).as(report).isBetween(1L, 3L);
        assertThat(adsetPage).as(report).isBetween(1L, 2L);

        // Creatives whose read brings no image URL are looked up in one call, to the same image URLs.
        long lookup = graphCalls();
        JsonNode urls = read(browser, "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes="
                + String.join(",", hashes)).json();
        assertThat(graphCalls() - lookup).isEqualTo(1L);
        assertThat(urls.size()).isEqualTo(hashes.size());
        for (String hash : hashes) {
            assertThat(urls.path(hash).asString()).isEqualTo("/api/v1/ad-accounts/" + ACCOUNT + "/images/" + hash);
        }
    }

    @Test
    void aPreviewLookupRefusesBadHashesAndLeavesOutHashesTheLibraryDoesNotHold() {
        Browser browser = owner.browser();
        assertThat(browser.api("GET", "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes=nothex", null).status())
                .isEqualTo(400);
        assertThat(browser.api("GET", "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes=", null).status())
                .isEqualTo(400);
        String many = String.join(",", java.util.Collections.nCopies(51, "0")).replace("0",
                "0123456789abcdef0123456789abcdef");
        // 51 copies of one hash are one hash; 51 distinct ones are too many.
        assertThat(browser.api("GET", "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes=" + many, null).status())
                .isEqualTo(200);
        StringBuilder distinct = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            distinct.append(i == 0 ? "" : ",").append(String.format("%032x", i));
        }
        assertThat(browser.api("GET", "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes=" + distinct, null)
                .status()).isEqualTo(400);
        JsonNode none = read(browser, "/api/v1/ad-accounts/" + ACCOUNT + "/images?hashes="
                + "00000000000000000000000000000000").json();
        assertThat(none.size()).isZero();
        assertThat(browser.api("GET", "/api/v1/ad-accounts/act_999/images?hashes=00000000000000000000000000000000",
                null).status()).isEqualTo(404);
    }

    @Test
    void aWrongKindOfIdIsNotFoundAndPagesContinue() {
        assertThat(owner.browser().api("GET", "/api/v1/adsets/" + campaign + "/ads", null).status()).isEqualTo(404);
        JsonNode first = read(owner.browser(), "/api/v1/adsets/" + largeAdset + "/ads?limit=30").json();
        String cursor = first.at("/paging/next_cursor").asString();
        JsonNode second = read(owner.browser(), "/api/v1/adsets/" + largeAdset + "/ads?limit=30&after=" + cursor)
                .json();
        assertThat(second.path("data").size()).isEqualTo(20);
        assertThat(second.at("/paging/next_cursor").isNull()).isTrue();
        assertThat(owner.browser().api("GET", "/api/v1/adsets/" + largeAdset + "/ads?after=x)y", null).status())
                .isEqualTo(400);
    }

    @Test
    void aSecondIdenticalReadMakesNoGraphCallAndSaysHowOldItIs() {
        String path = "/api/v1/campaigns/" + campaign + "/adsets?limit=10";
        Counted first = read(owner.browser(), path);
        assertThat(first.calls()).isPositive();
        assertThat(first.header("Age")).isNull();
        Counted second = read(owner.browser(), path);
        assertThat(second.calls()).isZero();
        assertThat(second.header("Age")).matches("[0-9]+");
        assertThat(second.page().body()).isEqualTo(first.page().body());
    }

    @Test
    void ourWriteMakesTheNextReadFetchAgain() {
        String path = "/api/v1/adsets/" + smallAdset;
        read(owner.browser(), path);
        assertThat(read(owner.browser(), path).calls()).isZero();
        Page paused = owner.browser().api("POST", "/api/v1/adsets/" + smallAdset + "/status",
                "{\"status\":\"ACTIVE\",\"confirm\":true}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        Counted after = read(owner.browser(), path);
        assertThat(after.calls()).isEqualTo(1);
        assertThat(after.json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void oneTenantsCachedAnswerNeverReachesAnother() {
        String path = "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=7&date_preset=last_30d";
        read(owner.browser(), path);
        assertThat(read(owner.browser(), path).calls()).isZero();
        Counted theOther = read(other.browser(), path);
        assertThat(theOther.calls()).isPositive();
        assertThat(theOther.header("Age")).isNull();
    }

    @Test
    void anAnswerOlderThanTheTtlIsRevalidatedWithMetaAndAChangeOnMetasSideComesThrough() {
        ConsoleHarness.Signed reader = tenant("Revalidating Co");
        String path = "/api/v1/campaigns/" + campaign;
        Counted first = read(reader.browser(), path);
        assertThat(first.calls()).isPositive();
        assertThat(first.header("Age")).isNull();

        // Past the TTL (60 s here): the kept answer is revalidated with Meta (one Graph call, a 304) and served
        // again, as current as a new answer (Age 0), instead of being fetched whole.
        harness.clock.advance(java.time.Duration.ofSeconds(61));
        Counted revalidated = read(reader.browser(), path);
        assertThat(revalidated.calls()).isEqualTo(1);
        assertThat(revalidated.header("Age")).isEqualTo("0");
        assertThat(revalidated.page().body()).isEqualTo(first.page().body());
        // Revalidated means fresh again: the next read within the TTL makes no call.
        assertThat(read(reader.browser(), path).calls()).isZero();

        // Changed on Meta's side (not through the console, so nothing told the cache): the revalidation brings the
        // new answer, which replaces the kept one.
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        tool(harness.tokenOf(owner.tenant(), connection), "update_campaign", Map.of("campaign_id", campaign,
                "name", "Renamed on Meta " + RUN));
        harness.clock.advance(java.time.Duration.ofSeconds(61));
        Counted changed = read(reader.browser(), path);
        assertThat(changed.calls()).isEqualTo(1);
        assertThat(changed.header("Age")).isNull();
        assertThat(changed.json().path("name").asString()).isEqualTo("Renamed on Meta " + RUN);
    }
}
