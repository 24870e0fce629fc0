package io.orderstream.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The Postman collection ({@code clients/postman/orderstream.postman_collection.json}): its REST
 * folder, with every request's test script, run by newman (Postman's command-line runner)
 * against a real gateway, in {@code none} mode with the collection's empty {@code token}, and in
 * {@code jwt} mode with {@code --env-var token=…}, which its bearer auth sends on every request.
 */
class PostmanCollectionTest {
    @Test
    void restFolderPassesAgainstALiveGateway() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.2"))) {
            Subprocess.Result result = newman(gateway, "postman-newman");

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("same order, not created again"));
            assertThat(result.output(), containsString("seq 1, 2, 3, ... from pending to the end"));
        }
    }

    @Test
    void restFolderPassesInJwtModeWithTheTokenVariable(@TempDir Path dir) throws Exception {
        Map<String, String> config = new HashMap<>(Tokens.jwtMode(dir));
        config.put("orderstream.dex.latency.scale", "0.2");
        try (TestGateway gateway = TestGateway.start(config)) {
            Subprocess.Result result = newman(gateway, "postman-newman-jwt",
                                              "token=" + Tokens.token("alice", "orders:read", "orders:write"));

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("same order, not created again"));
            assertThat(result.output(), containsString("seq 1, 2, 3, ... from pending to the end"));
        }
    }

    private static Subprocess.Result newman(TestGateway gateway, String logName, String... variables)
            throws Exception {
        Path postman = NodeProject.prepare("clients/postman");
        List<String> command = new ArrayList<>(List.of(
                "node", "node_modules/newman/bin/newman.js", "run", "orderstream.postman_collection.json",
                "--folder", "REST", "--env-var", "baseUrl=" + gateway.http(),
                "--reporters", "cli", "--color", "off", "--timeout", "60000"));
        for (String variable : variables) {
            command.addAll(List.of("--env-var", variable));
        }
        return Subprocess.run(command, postman, Map.of(), Duration.ofSeconds(120), logName);
    }
}
