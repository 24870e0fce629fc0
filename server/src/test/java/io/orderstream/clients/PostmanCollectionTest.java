package io.orderstream.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The Postman collection ({@code clients/postman/orderstream.postman_collection.json}): its REST
 * folder, with every request's test script, run by newman (Postman's command-line runner)
 * against a real gateway.
 */
class PostmanCollectionTest {
    @Test
    void restFolderPassesAgainstALiveGateway() throws Exception {
        Path postman = NodeProject.prepare("clients/postman");
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.2"))) {
            Subprocess.Result result = Subprocess.run(
                    List.of("node", "node_modules/newman/bin/newman.js", "run", "orderstream.postman_collection.json",
                            "--folder", "REST", "--env-var", "baseUrl=" + gateway.http(),
                            "--reporters", "cli", "--color", "off", "--timeout", "60000"),
                    postman, Map.of(), Duration.ofSeconds(120), "postman-newman");

            assertThat(result.describe(), result.exitCode(), is(0));
            assertThat(result.output(), containsString("same order, not created again"));
            assertThat(result.output(), containsString("seq 1, 2, 3, ... from pending to the end"));
        }
    }
}
