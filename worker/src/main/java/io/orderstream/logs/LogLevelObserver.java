package io.orderstream.logs;

import java.util.List;
import java.util.function.UnaryOperator;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserverConfigBase;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;

/**
 * {@code /observe/log}: loggers' levels, read and changed at run time ({@link LogLevels}), served
 * beside health and metrics by Helidon's observe feature, and behind the same access rules.
 */
public final class LogLevelObserver implements Observer {
    private static final String TYPE = "log";
    private final ObserverConfigBase prototype = ObserverConfigBase.builder().name(TYPE).enabled(true).build();

    @Override
    public ObserverConfigBase prototype() {
        return prototype;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void register(ServerFeature.ServerFeatureContext featureContext, List<HttpRouting.Builder> routings,
                         UnaryOperator<String> endpoint) {
        String path = endpoint.apply(TYPE);
        routings.forEach(routing -> routing.register(path, new LogLevels()));
    }
}
