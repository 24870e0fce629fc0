package io.orderstream.server;

import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * Starts a gateway: {@code java -jar server/target/orderstream-server.jar}.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Starts the gateway and stops it when the process is asked to end.
     *
     * @param args ignored; configuration comes from {@code application.yaml} and the environment
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway = Gateway.start(GatewaySettings.create(Config.create()));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
        String http = "localhost:" + gateway.port();
        LOG.info(() -> String.join(System.lineSeparator(),
                "orderstream is up",
                "  browser     http://" + http + "/",
                "  REST        curl -X POST http://" + http + "/api/orders/execute -H 'Content-Type: application/json'"
                        + " -d '{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}'",
                "  WebSocket   ws://" + http + "/api/orders/status/{orderId}   and   ws://" + http + "/ws",
                "  grpcurl     grpcurl -plaintext " + http + " list",
                "  gRPC (C-core clients: Python, Ruby, C++)   localhost:" + gateway.grpcPort()));
    }
}
