package dev.adsbridge.mcp.interop;

import dev.adsbridge.mcp.TestEnv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The official TypeScript SDK client (StreamableHTTPClientTransport with an Authorization header) against the server. */
class TypeScriptClientInteropTest {

    @Test
    void officialTypeScriptClientInitializesListsToolsAndCallsThem() throws IOException {
        NodeTools tools = NodeTools.require();
        Path script = tools.home.resolve("ts-sdk-client.mjs");
        Files.copy(Path.of(locate("mcp/src/test/node/ts-sdk-client.mjs")), script, StandardCopyOption.REPLACE_EXISTING);
        String token = TestEnv.token();

        NodeTools.Run run = tools.run(90, script.toString(), TestEnv.SERVER.endpoint(), token, TestEnv.BIG_ACCOUNT);

        assertThat(run.exitCode()).as("node stderr: %s", run.stderr()).isZero();
        assertThat(run.stdout()).doesNotContain(token);
        JsonNode seen = JsonMapper.builder().build().readTree(run.stdout());
        assertThat(seen.path("server").path("name").asString()).isNotBlank();
        List<String> names = new ArrayList<>();
        seen.path("toolNames").forEach(n -> names.add(n.asString()));
        assertThat(names).contains("get_ad_accounts", "get_campaigns", "create_campaign");
        assertThat(seen.path("campaigns").path("isError").asBoolean()).isFalse();
        assertThat(seen.path("campaigns").path("structured").path("data").size()).isEqualTo(3);
        assertThat(seen.path("invalid").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("invalid").path("structured").path("error").path("category").asString())
                .isEqualTo("invalid_request");
    }

    static String locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative).toString();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
