package io.orderstream.docs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.testing.RestClient;
import io.orderstream.testing.TestGateway;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shell blocks README.md and docs/CLIENTS.md mark {@code <!-- runs -->} work as written: each
 * runs with bash from the repository root against a live gateway, with the gateway's ports in place
 * of 8080 and 9090 and a real order for {@code <ORDER_ID>}, and must exit 0 within its time. The
 * commands the docs promise are listed below, so a marker cannot quietly go away.
 */
class DocsSnippetsTest {
    private static final Pattern RUNNABLE = Pattern.compile("<!-- runs -->\\n```sh\\n(.*?)\\n```", Pattern.DOTALL);
    private static final long SECONDS_PER_BLOCK = 120;
    /** What the marked blocks of each document must hold between them. */
    private static final Map<String, List<String>> PROMISED = Map.of(
            "README.md", List.of(
                    "curl -s -X POST localhost:8080/api/orders/execute",
                    "curl -s 'localhost:8080/api/orders/<ORDER_ID>/events?afterSeq=0'",
                    "clients/bin/orderstream --target localhost:8080 submit --token-in SOL --token-out USDC --amount 10 --watch",
                    "wscat -c ws://localhost:8080/api/orders/status/<ORDER_ID> -x '{\"op\":\"ping\"}' -w -1 < <(sleep 60)",
                    "buf curl --protocol grpc --list-services http://localhost:8080",
                    "http://localhost:9090/orderstream.v1.OrderService/SubmitOrder",
                    "buf curl --protocol grpc -d '{\"order_id\":\"<ORDER_ID>\"}' http://localhost:8080/orderstream.v1.OrderService/WatchOrder"),
            "docs/CLIENTS.md", List.of(
                    "-H \"Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)\"",
                    "curl -s -X POST localhost:8080/api/orders/<ORDER_ID>/cancel",
                    "wscat -c ws://localhost:8080/ws -x '{\"op\":\"subscribe\",\"orderId\":\"<ORDER_ID>\",\"afterSeq\":0}'",
                    "node --experimental-websocket -e",
                    "buf curl --protocol grpc --list-services http://localhost:9090",
                    "buf curl --protocol grpc --list-methods http://localhost:8080",
                    "buf curl --protocol grpc -d '{\"order_id\":\"<ORDER_ID>\"}' http://localhost:8080/orderstream.v1.OrderService/WatchOrder",
                    "buf curl --protocol grpc -d '{\"order_id\":\"<ORDER_ID>\",\"after_seq\":5}' http://localhost:9090/orderstream.v1.OrderService/WatchOrder",
                    "npx newman run orderstream.postman_collection.json --folder REST \\\n"
                            + "   --env-var baseUrl=http://localhost:8080"));

    @Test
    void everyMarkedShellBlockRunsAsWritten() throws Exception {
        Path root = repoRoot();
        Path wscat = root.resolve("clients/shell/node_modules/.bin/wscat");
        if (!Files.isExecutable(wscat)) {
            fail(wscat + " is missing: (cd clients/shell && npm ci)  (test.sh does it)");
        }
        Path buf = root.resolve("proto/node_modules/.bin/buf");
        if (!Files.isExecutable(buf)) {
            fail(buf + " is missing: (cd proto && npm ci)  (test.sh does it)");
        }
        String tools = wscat.getParent() + File.pathSeparator + buf.getParent();
        if (!Files.isDirectory(root.resolve("clients/postman/node_modules/newman"))) {
            fail("newman is missing: (cd clients/postman && npm ci)  (test.sh does it)");
        }
        try (TestGateway gateway = TestGateway.start(Map.of("orderstream.dex.latency.scale", "0.05"))) {
            for (String doc : List.of("README.md", "docs/CLIENTS.md")) {
                List<String> blocks = runnableBlocks(root.resolve(doc));
                String all = String.join("\n", blocks);
                for (String promised : PROMISED.get(doc)) {
                    assertThat(doc + " marks a block that runs this", all, containsString(promised));
                }
                for (String block : blocks) {
                    String orderId = submit(gateway);
                    run(root, doc, block, orderId, gateway, tools);
                }
            }
        }
    }

    private static List<String> runnableBlocks(Path doc) throws IOException {
        Matcher matcher = RUNNABLE.matcher(Files.readString(doc));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String withGateway(String block, TestGateway gateway, String orderId) {
        return block.replace("localhost:8080", "127.0.0.1:" + gateway.port())
                .replace("localhost:9090", "127.0.0.1:" + gateway.grpcPort())
                .replace("<ORDER_ID>", orderId);
    }

    private static String submit(TestGateway gateway) throws Exception {
        return new RestClient(gateway.http()).submit("{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}");
    }

    private static void run(Path root, String doc, String block, String orderId, TestGateway gateway, String tools) throws Exception {
        String script = withGateway(block, gateway, orderId);
        Path output = Files.createTempFile("docs-snippet", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("PATH", tools + File.pathSeparator + builder.environment().get("PATH"));
            Process process = builder.start();
            process.getOutputStream().close();
            boolean ended = process.waitFor(SECONDS_PER_BLOCK, TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            // A block given an order must have read it: curl -s exits 0 on a 404 too. buf curl
            // indents its JSON, so a space may follow the colon.
            boolean readTheOrder = !block.contains("<ORDER_ID>")
                    || Pattern.compile("\"orderId\": ?\"" + Pattern.quote(orderId) + "\"").matcher(text).find();
            if (!ended || process.exitValue() != 0 || text.isBlank() || !readTheOrder) {
                fail("A block of " + doc + " " + (ended ? "exited " + process.exitValue()
                        : "did not end within " + SECONDS_PER_BLOCK + " s") + ":\n" + block
                        + "\n--- run as ---\n" + script + "\n--- output ---\n" + text);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("clients")) && Files.isDirectory(dir.resolve("proto")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
