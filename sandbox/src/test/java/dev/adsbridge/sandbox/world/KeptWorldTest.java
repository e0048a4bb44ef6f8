package dev.adsbridge.sandbox.world;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode keeps the sandbox's world in the data directory: a restart finds the tokens, the objects a user created,
 * uploaded images, declined permissions, usage, async report runs and a clock moved forward; a fresh directory starts
 * the seeded world; without a file the world stays in memory (what tests use). Armed faults are test tools and are
 * not kept.
 */
class KeptWorldTest {

    private static final String ACCOUNT = "act_1000000001";
    /** A 1×1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static SandboxHttp start(Path file) {
        return SandboxHttp.start(SandboxServer.start(SandboxConfig.defaults(), file));
    }

    @Test
    void a_restart_keeps_tokens_created_objects_images_and_usage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sandbox-world.json");
        String token;
        String campaignId;
        String hash;
        int seededCampaigns;
        try (SandboxHttp first = start(file)) {
            assertThat(Files.exists(file)).as("a fresh data directory gets the seeded world written").isTrue();
            // The file holds sandbox tokens: readable by its owner only.
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            token = first.token();
            seededCampaigns = count(first, token);
            SandboxHttp.Answer created = first.post(token, ACCOUNT + "/campaigns", Map.of("name", "Kept across "
                    + "restarts", "objective", "OUTCOME_TRAFFIC", "status", "PAUSED", "special_ad_categories", "[]",
                    "is_adset_budget_sharing_enabled", "false"));
            campaignId = created.json().path("id").asString();
            SandboxHttp.Answer image = first.post(token, ACCOUNT + "/adimages", Map.of("bytes", PNG,
                    "name", "pixel.png"));
            assertThat(image.status()).as(image.body()).isEqualTo(200);
            hash = image.json().path("images").values().iterator().next().path("hash").asString();
            first.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 1234));
        }

        try (SandboxHttp second = start(file)) {
            JsonNode campaign = second.get(token, campaignId, Map.of("fields", "name,status")).json();
            assertThat(campaign.path("name").asString()).isEqualTo("Kept across restarts");
            assertThat(count(second, token)).isEqualTo(seededCampaigns + 1);
            JsonNode images = second.get(token, ACCOUNT + "/adimages", Map.of("hashes", "[\"" + hash + "\"]",
                    "fields", "hash,url")).json().path("data");
            assertThat(images.size()).isEqualTo(1);
            SandboxHttp.Answer bytes = second.getUrl(null, images.get(0).path("url").asString());
            assertThat(bytes.status()).isEqualTo(200);
            assertThat(bytes.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length)
                    .isGreaterThan(0);
            JsonNode usage = second.control("GET", "/_sandbox/state", null).json();
            assertThat(usage.toString()).contains("\"calls_this_hour\":123");
            // A new object gets a fresh id, not one already used.
            SandboxHttp.Answer another = second.post(token, ACCOUNT + "/campaigns", Map.of("name", "After restart",
                    "objective", "OUTCOME_TRAFFIC", "status", "PAUSED", "special_ad_categories", "[]",
                    "is_adset_budget_sharing_enabled", "false"));
            assertThat(another.json().path("id").asString()).isNotEqualTo(campaignId);
        }
    }

    @Test
    void a_fresh_data_directory_starts_the_seeded_world_and_no_file_means_memory_only(@TempDir Path dir) {
        String createdInOther;
        try (SandboxHttp kept = start(dir.resolve("a.json"))) {
            String token = kept.token();
            createdInOther = kept.post(token, ACCOUNT + "/campaigns", Map.of("name", "Only in a", "objective",
                    "OUTCOME_TRAFFIC", "status", "PAUSED", "special_ad_categories", "[]",
                    "is_adset_budget_sharing_enabled", "false")).json().path("id").asString();
        }
        try (SandboxHttp fresh = start(dir.resolve("b.json")); SandboxHttp memory = SandboxHttp.start()) {
            for (SandboxHttp sandbox : List.of(fresh, memory)) {
                String token = sandbox.token();
                assertThat(sandbox.get(token, createdInOther).status()).isEqualTo(400);
                assertThat(count(sandbox, token)).isPositive();
            }
            assertThat(memory.server().worldFile()).isEmpty();
        }
    }

    @Test
    void a_restart_keeps_async_report_runs_and_a_clock_moved_forward(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sandbox-world.json");
        Map<String, String> lastWeek = Map.of("fields", "campaign_id,impressions,spend", "level", "campaign",
                "date_preset", "last_7d", "limit", "500");
        String token;
        String polled;
        String neverPolled;
        JsonNode polledRows;
        JsonNode polledStatus;
        long movedNow;
        try (SandboxHttp first = start(file)) {
            token = first.token();
            polled = first.post(token, ACCOUNT + "/insights", lastWeek).json().path("report_run_id").asString();
            polledStatus = pollUntilDone(first, token, polled);
            assertThat(polledStatus.path("async_status").asString()).isEqualTo("Job Completed");
            SandboxHttp.Answer rows = first.get(token, polled + "/insights", Map.of("limit", "500"));
            assertThat(rows.status()).as(rows.body()).isEqualTo(200);
            polledRows = rows.json().path("data");
            assertThat(polledRows.size()).isPositive();
            neverPolled = first.post(token, ACCOUNT + "/insights", Map.of("fields", "adset_id,clicks", "level",
                    "adset", "date_preset", "last_14d", "limit", "500")).json().path("report_run_id").asString();

            SandboxHttp.Answer moved = first.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 3 * 86400));
            assertThat(moved.json().path("offset_seconds").asLong()).isEqualTo(3 * 86400);
            movedNow = moved.json().path("now_epoch_seconds").asLong();
            // A clock move alone is worth a write: the keeper puts it in the file without waiting for the close.
            assertThat(offsetInFile(file, Duration.ofSeconds(3 * WorldKeeper.CHECK_SECONDS + 2)))
                    .isEqualTo(3 * 86400 * 1000L);
            first.control("POST", "/_sandbox/faults", Map.of("kind", "transient", "path", ACCOUNT + "/campaigns",
                    "count", -1));
        }

        try (SandboxHttp second = start(file)) {
            JsonNode clock = second.control("GET", "/_sandbox/clock", null).json();
            assertThat(clock.path("offset_seconds").asLong()).isEqualTo(3 * 86400);
            assertThat(clock.path("now_epoch_seconds").asLong()).isGreaterThanOrEqualTo(movedNow);
            // Faults are test tools: none armed after a restart.
            assertThat(second.control("GET", "/_sandbox/faults", null).json().path("data").size()).isZero();
            assertThat(second.get(token, ACCOUNT + "/campaigns").status()).isEqualTo(200);

            SandboxHttp.Answer status = second.get(token, polled);
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.json().path("async_status").asString()).isEqualTo("Job Completed");
            // The report keeps the dates it was asked for, though "last 7 days" means other days now.
            assertThat(status.json().path("date_start")).isEqualTo(polledStatus.path("date_start"));
            assertThat(status.json().path("date_stop")).isEqualTo(polledStatus.path("date_stop"));
            assertThat(status.json().path("time_completed")).isEqualTo(polledStatus.path("time_completed"));
            SandboxHttp.Answer rows = second.get(token, polled + "/insights", Map.of("limit", "500"));
            assertThat(rows.status()).as(rows.body()).isEqualTo(200);
            assertThat(rows.json().path("data")).isEqualTo(polledRows);

            // A run nobody polled before the restart went on meanwhile: done at its first poll.
            JsonNode later = second.get(token, neverPolled).json();
            assertThat(later.path("async_status").asString()).isEqualTo("Job Completed");
            SandboxHttp.Answer laterRows = second.get(token, neverPolled + "/insights", Map.of("limit", "500"));
            assertThat(laterRows.status()).as(laterRows.body()).isEqualTo(200);
            JsonNode sameDays = second.get(token, ACCOUNT + "/insights", Map.of("fields", "adset_id,clicks",
                    "level", "adset", "time_range", "{\"since\":\"" + later.path("date_start").asString()
                            + "\",\"until\":\"" + later.path("date_stop").asString() + "\"}", "limit", "500"))
                    .json().path("data");
            assertThat(laterRows.json().path("data").size()).isPositive();
            assertThat(laterRows.json().path("data")).isEqualTo(sameDays);
        }
    }

    @Test
    void a_world_file_of_the_previous_format_loads_with_an_unmoved_clock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sandbox-world.json");
        String token;
        String campaignId;
        try (SandboxHttp first = start(file)) {
            token = first.token();
            campaignId = first.post(token, ACCOUNT + "/campaigns", Map.of("name", "From format 1", "objective",
                    "OUTCOME_TRAFFIC", "status", "PAUSED", "special_ad_categories", "[]",
                    "is_adset_budget_sharing_enabled", "false")).json().path("id").asString();
        }
        // Format 1 is this file without the clock.
        tools.jackson.databind.node.ObjectNode world = (tools.jackson.databind.node.ObjectNode)
                dev.adsbridge.sandbox.http.Json.MAPPER.readTree(file.toFile());
        assertThat(world.path("format").asInt()).isEqualTo(WorldFile.FORMAT);
        world.put("format", 1);
        world.remove("clock");
        dev.adsbridge.sandbox.http.Json.MAPPER.writeValue(file.toFile(), world);

        try (SandboxHttp second = start(file)) {
            assertThat(second.get(token, campaignId, Map.of("fields", "name")).json().path("name").asString())
                    .isEqualTo("From format 1");
            assertThat(second.control("GET", "/_sandbox/clock", null).json().path("offset_seconds").asLong())
                    .isZero();
        }
        // Written back in the current format.
        assertThat(dev.adsbridge.sandbox.http.Json.MAPPER.readTree(file.toFile()).path("format").asInt())
                .isEqualTo(WorldFile.FORMAT);

        world.put("format", 99);
        dev.adsbridge.sandbox.http.Json.MAPPER.writeValue(file.toFile(), world);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 99").hasMessageContaining("move it away");
    }

    @Test
    void system_users_made_before_and_after_a_restart_get_different_ids(@TempDir Path dir) {
        Path file = dir.resolve("sandbox-world.json");
        JsonNode before;
        try (SandboxHttp first = start(file)) {
            before = first.control("POST", "/_sandbox/system-users", Map.of("name", "Before restart",
                    "ad_accounts", List.of("act_1000000002"))).json();
        }
        try (SandboxHttp second = start(file); SandboxHttp other = start(dir.resolve("other.json"))) {
            JsonNode after = second.control("POST", "/_sandbox/system-users", Map.of("name", "After restart"))
                    .json();
            assertThat(after.path("id").asString()).isNotEqualTo(before.path("id").asString());
            JsonNode me = second.get(before.path("access_token").asString(), "me", Map.of("fields", "id,name"))
                    .json();
            assertThat(me.path("id").asString()).isEqualTo(before.path("id").asString());
            assertThat(me.path("name").asString()).isEqualTo("Before restart");
            SandboxHttp.Answer reach = second.get(before.path("access_token").asString(), "me/adaccounts",
                    Map.of("fields", "id"));
            List<String> reached = new java.util.ArrayList<>();
            reach.json().path("data").forEach(account -> reached.add(account.path("id").asString()));
            assertThat(reached).containsExactly("act_1000000002");
            // Ids come from the world, not from how many sandboxes ran in this process: a fresh world starts anew.
            JsonNode fresh = other.control("POST", "/_sandbox/system-users", Map.of("name", "Fresh")).json();
            assertThat(fresh.path("id").asString()).isEqualTo(before.path("id").asString());
        }
    }

    private static JsonNode pollUntilDone(SandboxHttp sandbox, String token, String run) {
        JsonNode status = null;
        for (int poll = 0; poll < 10; poll++) {
            status = sandbox.get(token, run).json();
            String state = status.path("async_status").asString();
            if (state.equals("Job Completed") || state.equals("Job Failed")) {
                return status;
            }
        }
        return status;
    }

    private static long offsetInFile(Path file, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long offset = -1;
        while (System.nanoTime() < deadline) {
            offset = dev.adsbridge.sandbox.http.Json.MAPPER.readTree(file.toFile()).path("clock")
                    .path("offset_millis").asLong(-1);
            if (offset > 0) {
                return offset;
            }
            Thread.sleep(200);
        }
        return offset;
    }

    private static int count(SandboxHttp sandbox, String token) {
        return sandbox.get(token, ACCOUNT + "/campaigns", Map.of("summary", "true", "limit", "1")).json()
                .path("summary").path("total_count").asInt();
    }

}
