package io.orderstream.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.orderstream.auth.AuthSettings;
import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;
import io.orderstream.testing.Tokens;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** {@code --dev-token} prints a token the gateway with the same settings accepts, for that subject and scopes. */
class DevTokenCommandTest {
    @TempDir
    Path dir;

    @Test
    void theTokenIsAcceptedWithItsSubjectAndScopes() throws Exception {
        Map<String, String> config = Tokens.jwtMode(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = DevTokenCommand.run(List.of("--dev-token", "--subject", "alice", "--scopes", "orders:read"),
                                       settings(config), new PrintStream(out, true, StandardCharsets.UTF_8),
                                       new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8), code, is(0));
        String token = out.toString(StandardCharsets.UTF_8).trim();
        try (TestGateway gateway = TestGateway.start(config)) {
            RestClient rest = new RestClient(gateway.http());
            RestClient.Reply list = rest.post(rest.request("/api/orders").header("Authorization", "Bearer " + token).GET());
            RestClient.Reply submit = rest.post(rest.request("/api/orders").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":1}")));
            assertThat(list.text(), list.status(), is(200));
            assertThat("read only", submit.status(), is(403));
        }
    }

    @Test
    void withoutASecretOrWithAWrongLineItSaysWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(DevTokenCommand.run(List.of("--dev-token"), settings(Map.of()), out, errors), is(1));
        assertThat(err.toString(StandardCharsets.UTF_8), containsString("ORDERSTREAM_AUTH_JWT_SECRET"));
        assertThat(DevTokenCommand.run(List.of("--dev-token", "--scopes", "orders:everything"),
                                       settings(Tokens.jwtMode(dir)), out, errors), is(DevTokenCommand.USAGE));
        assertThat(DevTokenCommand.run(List.of("--dev-token", "--subject"), settings(Tokens.jwtMode(dir)), out, errors),
                   is(DevTokenCommand.USAGE));
    }

    private static AuthSettings settings(Map<String, String> config) {
        return AuthSettings.create(Config.just(ConfigSources.create(config)));
    }
}
