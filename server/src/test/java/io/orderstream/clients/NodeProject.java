package io.orderstream.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A directory with a {@code package.json} (a Node.js client under {@code clients/}, or the buf CLI
 * in {@code proto/}): checks that Node is installed and that its locked dependencies are
 * ({@code npm ci} when {@code node_modules} is missing or older than the lockfile).
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
        if (!installed(dir)) {
            Subprocess.Result install = Subprocess.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(),
                                                       Duration.ofMinutes(5), "npm-ci-" + name.replace('/', '-'));
            if (install.exitCode() != 0) {
                fail("npm ci failed in " + name + "\n" + install.describe());
            }
        }
        return dir;
    }

    /** Whether {@code node_modules} holds what the lockfile says: npm's own record is no older than it. */
    private static boolean installed(Path dir) throws IOException {
        Path record = dir.resolve("node_modules/.package-lock.json");
        return Files.isRegularFile(record) && Files.getLastModifiedTime(record)
                .compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) >= 0;
    }
}
