package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static org.assertj.core.api.Assertions.assertThat;

class PagingContractTest {

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
    void walkingEveryCampaignPageVisitsEachCampaignOnceAndMatchesTheTotalCount() {
        SandboxHttp.Answer first = sandbox.get(token, BIG + "/campaigns",
                form("limit", "25", "summary", "true", "fields", "id,name"));
        assertThat(first.status()).isEqualTo(200);
        int total = first.json().path("summary").path("total_count").asInt();
        assertThat(total).isGreaterThanOrEqualTo(100);

        List<String> seen = new ArrayList<>();
        List<String> pageUrls = new ArrayList<>();
        JsonNode page = first.json();
        int pages = 1;
        while (true) {
            assertThat(page.path("data").size()).isBetween(1, 25);
            seen.addAll(ids(page));
            if (!page.path("paging").has("next")) {
                assertThat(page.path("paging").path("cursors").has("after")).isTrue();
                break;
            }
            String next = page.path("paging").path("next").asString();
            pageUrls.add(next);
            page = sandbox.getUrl(token, next).json();
            pages++;
            assertThat(pages).isLessThan(50);
        }
        assertThat(seen).hasSize(total);
        assertThat(new HashSet<>(seen)).hasSize(total);
        assertThat(pages).isEqualTo((total + 24) / 25);

        // previous from the second page leads back to the first page
        JsonNode second = sandbox.getUrl(token, pageUrls.get(0)).json();
        String previous = second.path("paging").path("previous").asString();
        assertThat(previous).contains("before=");
        assertThat(ids(sandbox.getUrl(token, previous).json())).isEqualTo(ids(first.json()));
        assertThat(first.json().path("paging").has("previous")).isFalse();
    }

    @Test
    void theBigAccountIncludingArchivedHasOverOneHundredTwentyCampaignsAndThousandsOfAds() {
        JsonNode all = sandbox.get(token, BIG + "/campaigns", form("summary", "true", "limit", "1",
                "effective_status", "[\"ACTIVE\",\"PAUSED\",\"ARCHIVED\",\"DELETED\",\"WITH_ISSUES\",\"IN_PROCESS\"]"))
                .json();
        assertThat(all.path("summary").path("total_count").asInt()).isEqualTo(130);
        JsonNode ads = sandbox.get(token, BIG + "/ads", form("summary", "true", "limit", "1",
                "effective_status", "[\"ACTIVE\",\"PAUSED\",\"ARCHIVED\",\"DELETED\",\"CAMPAIGN_PAUSED\","
                        + "\"ADSET_PAUSED\",\"DISAPPROVED\",\"PENDING_REVIEW\",\"WITH_ISSUES\"]")).json();
        assertThat(ads.path("summary").path("total_count").asInt()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void pagesHoldAtMostTheLimitAndTheLastPageHasNoNext() {
        JsonNode page = sandbox.get(token, BIG + "/ads", form("limit", "100", "summary", "true")).json();
        int total = page.path("summary").path("total_count").asInt();
        assertThat(page.path("data").size()).isEqualTo(100);
        Set<String> ids = new HashSet<>(ids(page));
        int pages = 1;
        while (page.path("paging").has("next")) {
            page = sandbox.getUrl(token, page.path("paging").path("next").asString()).json();
            assertThat(page.path("data").size()).isLessThanOrEqualTo(100);
            ids.addAll(ids(page));
            pages++;
        }
        assertThat(ids).hasSize(total);
        assertThat(pages).isGreaterThan(5);
    }

    @Test
    void theSameSeedGivesTheSameFirstPageOnAnotherSandbox() {
        List<String> here = ids(sandbox.get(token, BIG + "/campaigns", form("fields", "id,name")).json());
        List<String> names = Objects.values(sandbox.get(token, BIG + "/campaigns", form("fields", "name")).json(),
                "name");
        try (SandboxHttp other = SandboxHttp.start()) {
            String otherToken = other.token();
            assertThat(ids(other.get(otherToken, BIG + "/campaigns", form("fields", "id,name")).json()))
                    .isEqualTo(here);
            assertThat(Objects.values(other.get(otherToken, BIG + "/campaigns", form("fields", "name")).json(),
                    "name")).isEqualTo(names);
        }
        try (SandboxHttp otherSeed = SandboxHttp.start(SandboxConfig.defaults().withSeed(7))) {
            List<String> otherNames = Objects.values(otherSeed.get(otherSeed.token(), BIG + "/campaigns",
                    Map.of("fields", "name")).json(), "name");
            assertThat(otherNames).isNotEqualTo(names);
        }
    }
}
