package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A directory with a {@code package.json} (a Node.js client under {@code clients/}, or the buf CLI
 * in {@code proto/}): checks that Node is installed and that its locked dependencies are
 * ({@code npm ci} when {@code node_modules} is missing).
 */
final class NodeProject {
    private NodeProject() {
    }

    /**
     * The directory, ready to run.
     *
     * @param name directory under the repository root, e.g. {@code clients/node}
     * @return its path
     */
    static Path prepare(String name) throws Exception {
        Path dir = Subprocess.repoRoot().resolve(name);
        Subprocess.Result node = Subprocess.run(List.of("node", "--version"), dir, Map.of(), Duration.ofSeconds(30),
                                                "node-version");
        if (node.exitCode() != 0) {
            fail("Node.js 20+ is needed for " + name + ": apt-get install -y nodejs npm\n" + node.describe());
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Subprocess.Result install = Subprocess.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(),
                                                       Duration.ofMinutes(5), "npm-ci-" + name.replace('/', '-'));
            if (install.exitCode() != 0) {
                fail("npm ci failed in " + name + "\n" + install.describe());
            }
        }
        return dir;
    }
}
