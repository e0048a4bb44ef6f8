package dev.adsbridge.sandbox.world;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode keeps the sandbox's world in the data directory: a restart finds the tokens, the objects a user created,
 * uploaded images, declined permissions and usage; a fresh directory starts the seeded world; without a file the world
 * stays in memory (what tests use).
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

    private static int count(SandboxHttp sandbox, String token) {
        return sandbox.get(token, ACCOUNT + "/campaigns", Map.of("summary", "true", "limit", "1")).json()
                .path("summary").path("total_count").asInt();
    }

}
