package io.orderstream.server;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.orderstream.auth.AuthMode;
import io.orderstream.auth.AuthSettings;
import io.orderstream.worker.OnShutdown;
import io.orderstream.logs.LogSettings;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * Starts a gateway: {@code java -jar server/target/orderstream-server.jar}; or, with
 * {@code --dev-token ...}, prints a token for trying {@code jwt} mode ({@link DevTokenCommand}).
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** Exit status of a start refused by its configuration. */
    static final int REFUSED = 2;

    private Main() {
    }

    /**
     * Starts the gateway and stops it when the process is asked to end.
     *
     * @param args none to start the gateway ({@code application.yaml} and the environment configure
     *             it), or {@code --dev-token [--subject S] [--scopes a,b] [--minutes N]}
     */
    public static void main(String[] args) {
        if (args.length > 0) {
            // Before logging is configured: its console handler writes to stdout, where the token goes alone.
            System.exit(devToken(args, Config.create()));
        }
        Config config = Config.create();
        LogSettings.create(config).install();
        LogConfig.configureRuntime();
        GatewaySettings settings;
        Gateway gateway;
        try {
            settings = GatewaySettings.create(config);
            gateway = Gateway.start(settings);
        } catch (IllegalArgumentException e) {
            // A setting refused (its key named in the message): one line says which, not a stack trace.
            LOG.log(Level.FINE, "Refused to start", e);
            System.err.println("orderstream: refusing to start: " + e.getMessage());
            System.exit(REFUSED);
            return;
        }
        OnShutdown.run(gateway::close, settings.drain().timeout());
        boolean tls = settings.tls().enabled();
        String http = (tls ? "https://" : "http://") + "localhost:" + gateway.port();
        String ws = (tls ? "wss://" : "ws://") + "localhost:" + gateway.port();
        // With a self-signed certificate, clients must be told to trust it; a CA's is trusted anyway.
        String certificate = settings.tls().certificateChain().map(Object::toString).orElse("");
        String curl = tls ? "curl --cacert " + certificate : "curl";
        String grpcurl = tls ? "grpcurl -cacert " + certificate : "grpcurl -plaintext";
        String auth = settings.auth().mode() == AuthMode.NONE
                ? "  auth        none: every caller is anonymous (loopback only)"
                : "  auth        jwt: send 'Authorization: Bearer <token>'; a local token: java -jar "
                        + "server/target/orderstream-server.jar --dev-token --subject alice";
        LOG.info(() -> String.join(System.lineSeparator(),
                "orderstream is up",
                auth,
                "  browser     " + http + "/",
                "  REST        " + curl + " -X POST " + http + "/api/orders/execute -H 'Content-Type: application/json'"
                        + " -d '{\"tokenIn\":\"SOL\",\"tokenOut\":\"USDC\",\"amount\":10,\"slippage\":0.5}'",
                "  WebSocket   " + ws + "/api/orders/status/{orderId}   and   " + ws + "/ws",
                "  grpcurl     " + grpcurl + " localhost:" + gateway.port() + " list",
                "  gRPC (C-core clients: Python, Ruby, C++)   localhost:" + gateway.grpcPort() + (tls ? ", TLS" : "")));
    }

    private static int devToken(String[] args, Config config) {
        if (!"--dev-token".equals(args[0])) {
            System.err.print(DevTokenCommand.HELP);
            return DevTokenCommand.USAGE;
        }
        AuthSettings settings;
        try {
            settings = AuthSettings.create(config);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        return DevTokenCommand.run(List.of(args), settings, System.out, System.err);
    }
}
