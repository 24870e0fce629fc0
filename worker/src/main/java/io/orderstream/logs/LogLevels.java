package io.orderstream.logs;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import io.helidon.http.BadRequestException;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loggers' levels, read and changed while the process runs, as Helidon's log observer
 * ({@code helidon-webserver-observe-log}, not published for 4.5.0) answers them:
 * <ul>
 *     <li>{@code GET /loggers}: {@code {"levels": [...], "loggers": {"name": {"level": …, "configuredLevel": …}}}}</li>
 *     <li>{@code GET /loggers/{logger}}: {@code {"name": {"level": …, "configuredLevel": …}}}, the level
 *     it logs at (its own, or the nearest ancestor's) and its own if it has one</li>
 *     <li>{@code POST /loggers/{logger}} with {@code {"level": "FINE"}}: sets its level, 204</li>
 *     <li>{@code DELETE /loggers/{logger}}: unsets it (it follows its parent again), 204</li>
 * </ul>
 * The root logger is {@code root}. An unknown level or a body that is not such JSON is 400.
 */
final class LogLevels implements HttpService {
    /** JUL's levels, most to least verbose. */
    private static final List<Level> LEVELS = List.of(Level.ALL, Level.FINEST, Level.FINER, Level.FINE, Level.CONFIG,
                                                      Level.INFO, Level.WARNING, Level.SEVERE, Level.OFF);
    private static final String ROOT = "root";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // JUL holds loggers weakly: one nothing else refers to could be collected and lose the level set
    // here. Held until unset; as many as the names an operator sets.
    private static final Map<String, Logger> PINNED = new ConcurrentHashMap<>();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/loggers", this::all)
                .get("/loggers/{logger}", this::one)
                .post("/loggers/{logger}", this::set)
                .delete("/loggers/{logger}", this::unset);
    }

    private void all(ServerRequest req, ServerResponse res) {
        ObjectNode json = MAPPER.createObjectNode();
        LEVELS.forEach(level -> json.withArray("levels").add(level.getName()));
        ObjectNode loggers = json.putObject("loggers");
        for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
            Logger logger = LogManager.getLogManager().getLogger(name);
            if (logger != null) {
                describe(loggers, name.isEmpty() ? ROOT : name, logger);
            }
        }
        send(res, json);
    }

    private void one(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("logger");
        ObjectNode json = MAPPER.createObjectNode();
        describe(json, name, logger(name));
        send(res, json);
    }

    private void set(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("logger");
        JsonNode body;
        try {
            body = MAPPER.readTree(req.content().inputStream());
        } catch (IOException e) {
            throw new BadRequestException("The body must be JSON such as {\"level\": \"FINE\"}");
        }
        JsonNode level = body == null ? null : body.get("level");
        if (level == null || !level.isTextual()) {
            throw new BadRequestException("The body must be JSON such as {\"level\": \"FINE\"}");
        }
        Logger logger = logger(name);
        logger.setLevel(level(level.asText()));
        PINNED.put(name, logger);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void unset(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("logger");
        if (name.equals(ROOT)) {
            throw new BadRequestException("The root logger's level can be changed, not unset");
        }
        logger(name).setLevel(null);
        PINNED.remove(name);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Logger logger(String name) {
        return Logger.getLogger(name.equals(ROOT) ? "" : name);
    }

    private static Level level(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return LEVELS.stream()
                .filter(level -> level.getName().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new BadRequestException("Unknown level '" + name + "'; one of " + LEVELS));
    }

    private static void describe(ObjectNode parent, String name, Logger logger) {
        ObjectNode json = parent.putObject(name);
        Level effective = null;
        for (Logger at = logger; at != null && effective == null; at = at.getParent()) {
            effective = at.getLevel();
        }
        json.put("level", effective == null ? Level.INFO.getName() : effective.getName());
        if (logger.getLevel() != null) {
            json.put("configuredLevel", logger.getLevel().getName());
        }
    }

    private static void send(ServerResponse res, ObjectNode json) {
        res.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        res.send(json.toString());
    }
}
