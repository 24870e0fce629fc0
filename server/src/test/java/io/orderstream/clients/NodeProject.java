package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Node.js client directory under {@code clients/}: checks that Node is installed and that its
 * locked dependencies are ({@code npm ci} when {@code node_modules} is missing).
 */
final class NodeProject {
    private NodeProject() {
    }

    /**
     * The directory, ready to run.
     *
     * @param name directory under {@code clients/}, e.g. {@code node}
     * @return its path
     */
    static Path prepare(String name) throws Exception {
        Path dir = Subprocess.repoRoot().resolve("clients").resolve(name);
        Subprocess.Result node = Subprocess.run(List.of("node", "--version"), dir, Map.of(), Duration.ofSeconds(30),
                                                "node-version");
        if (node.exitCode() != 0) {
            fail("Node.js 20+ is needed for clients/" + name + ": apt-get install -y nodejs npm\n" + node.describe());
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Subprocess.Result install = Subprocess.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir,
                                                       Map.of(), Duration.ofMinutes(5), "npm-ci-" + name);
            if (install.exitCode() != 0) {
                fail("npm ci failed in clients/" + name + "\n" + install.describe());
            }
        }
        return dir;
    }
}
