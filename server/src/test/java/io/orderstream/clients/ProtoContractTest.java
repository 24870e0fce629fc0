package io.orderstream.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * orders.proto as every client compiles it: the buf CLI (locked in {@code proto/package-lock.json})
 * lints it by the rules of {@code proto/buf.yaml}, and finds nothing in it that breaks the last
 * released copy, {@code proto/released/}, for the wire, JSON or any language's generated code.
 * Each check fails with buf's own report.
 */
class ProtoContractTest {
    private static final Path RELEASED = Path.of("released/orderstream/v1/orders.proto");

    private static Path proto;

    @BeforeAll
    static void installBuf() throws Exception {
        proto = NodeProject.prepare("proto");
    }

    @Test
    void followsTheLintRules() throws Exception {
        Subprocess.Result lint = buf("buf-lint", "lint");

        assertThat(lint.describe(), lint.exitCode(), is(0));
    }

    @Test
    void breaksNothingInTheReleasedContract() throws Exception {
        // buf compares against whatever .proto files it finds there: make sure that is the release.
        assertThat(RELEASED + " is missing", Files.isRegularFile(proto.resolve(RELEASED)), is(true));

        Subprocess.Result breaking = buf("buf-breaking", "breaking", "--against", "released");

        assertThat(breaking.describe(), breaking.exitCode(), is(0));
    }

    private static Subprocess.Result buf(String logName, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(proto.resolve("node_modules/.bin/buf").toString());
        command.addAll(List.of(arguments));
        return Subprocess.run(command, proto, Map.of(), Duration.ofMinutes(2), logName);
    }
}
