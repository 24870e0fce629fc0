package io.orderstream.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Go module ({@code clients/go}, {@code github.com/orderstream/orderstream/gen/go}): its stubs
 * generated from orders.proto by its {@code generate.sh}, its example built offline by Debian's Go
 * against Debian's gRPC packages (GOPATH mode over {@code /usr/share/gocode}, no module proxy),
 * and the binary run against a real gateway: an order watched to its end, a refused one decoded
 * to its field violations.
 */
class GoClientTest {
    private static final String MODULE = "github.com/orderstream/orderstream/gen/go";
    private static final String DEBIAN_GO_PACKAGES = "golang-go protobuf-compiler protoc-gen-go protoc-gen-go-grpc "
            + "golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev "
            + "golang-google-genproto-dev";

    @TempDir
    static Path work;
    private static Path binary;
    private static TestGateway gateway;

    @BeforeAll
    static void build() throws Exception {
        requireDebianGo();
        // A GOPATH holding a copy of the module at its import path; Debian's packages are the rest.
        Path gopath = work.resolve("gopath");
        Path module = gopath.resolve("src").resolve(MODULE);
        copyTree(Subprocess.repoRoot().resolve("clients/go"), module);
        Subprocess.Result generated = Subprocess.run(List.of("bash", "clients/go/generate.sh", module.toString()),
                                                     Subprocess.repoRoot(), Map.of(), Duration.ofMinutes(1),
                                                     "go-generate");
        assertThat(generated.describe(), generated.exitCode(), is(0));

        binary = work.resolve("orderstream-watch");
        // Go's build cache under target/: later runs reuse the compiled gRPC packages, mvn clean drops them.
        Path cache = Subprocess.repoRoot().resolve("server/target/go-build-cache");
        Subprocess.Result built = Subprocess.run(
                List.of("go", "build", "-o", binary.toString(), "./cmd/orderstream-watch"), module,
                Map.of("GO111MODULE", "off", "GOPATH", gopath + ":/usr/share/gocode", "GOPROXY", "off",
                       "GOFLAGS", "", "GOTOOLCHAIN", "local", "GOCACHE", cache.toString()),
                Duration.ofMinutes(5), "go-build");
        assertThat(built.describe(), built.exitCode(), is(0));
        gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.1"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void watchesAnOrderToConfirmedOverHelidonsPort() throws Exception {
        Subprocess.Result result = Subprocess.run(
                List.of(binary.toString(), "-target", "127.0.0.1:" + gateway.port(), "-token-in", "BONK",
                        "-token-out", "SOL", "-amount", "250000"),
                work, Map.of("ORDERSTREAM_TOKEN", ""), Duration.ofSeconds(90), "go-watch-order");

        assertThat(result.describe(), result.exitCode(), is(0));
        EventLines.assertConfirmedWithoutGaps(result);
        assertThat(result.output(), containsString("<- chosen"));
        assertThat(result.output(), containsString("ended: confirmed"));
    }

    @Test
    void aRefusedOrderIsDecodedToItsFieldViolationsOnTheNettyPort() throws Exception {
        Subprocess.Result result = Subprocess.run(
                List.of(binary.toString(), "--target", "127.0.0.1:" + gateway.grpcPort(), "--token-in", "SOL",
                        "--token-out", "DOGE", "--amount", "0"),
                work, Map.of("ORDERSTREAM_TOKEN", ""), Duration.ofSeconds(60), "go-bad-request");

        assertThat(result.describe(), result.exitCode(), is(1));
        assertThat(result.output(), containsString("error: SubmitOrder: INVALID_ARGUMENT: "));
        assertThat(result.output(), containsString("\n  token_out: unknown token 'DOGE'"));
        assertThat(result.output(), containsString("\n  amount: "));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Fails, naming what to install, when Debian's Go toolchain, protoc plugins or gRPC sources are missing. */
    private static void requireDebianGo() throws Exception {
        Subprocess.Result probe = Subprocess.run(
                List.of("bash", "-c", "go version && command -v protoc protoc-gen-go protoc-gen-go-grpc "
                        + "&& test -d /usr/share/gocode/src/google.golang.org/grpc "
                        + "&& test -d /usr/share/gocode/src/google.golang.org/genproto/googleapis/rpc/errdetails"),
                Subprocess.repoRoot(), Map.of(), Duration.ofSeconds(30), "go-probe");
        if (probe.exitCode() != 0) {
            fail("Debian's Go and gRPC packages are missing: apt-get install -y " + DEBIAN_GO_PACKAGES + "\n"
                         + probe.describe());
        }
    }
}
