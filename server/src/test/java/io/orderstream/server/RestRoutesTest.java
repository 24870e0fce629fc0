package io.orderstream.server;

import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderstream.worker.Draining;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.StaticContentService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Every REST route the gateway registers is described in the OpenAPI document and listed in
 * docs/API.md, and neither describes a route that is not there. The routes are read from
 * {@link Gateway#routing} itself, the one screen {@link Gateway} serves, by running it against
 * a routing builder that writes down each route instead of building it.
 */
class RestRoutesTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "delete", "patch", "head",
                                                           "options", "trace");
    // A row of the REST table, e.g. "| `GET /api/orders/{orderId}/events?afterSeq=N` | …".
    private static final Pattern DOCUMENTED_ROUTE = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`?\\s]*)[^`]*`");

    @Test
    void everyRouteIsDescribedAndEveryDescribedRouteIsServed() throws Exception {
        Set<String> routes = new TreeSet<>();
        Gateway.routing(recorder(routes, ""), null, new HealthHttpService(null, null, null, null), null, null,
                        HttpSettings.create(Config.empty()), new Draining());
        // Served besides the routing, as a feature of the server (see ApiDescription).
        routes.add("GET /openapi");

        assertThat("routes vs the OpenAPI document", routes, is(openApiOperations()));
        assertThat("routes vs the REST table of docs/API.md", routes, is(apiDocRoutes()));
    }

    private static Set<String> openApiOperations() throws Exception {
        JsonNode document;
        try (InputStream in = RestRoutesTest.class.getClassLoader().getResourceAsStream(ApiDescription.DOCUMENT)) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(item -> {
            if (HTTP_METHODS.contains(item.getKey())) {
                operations.add(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static Set<String> apiDocRoutes() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "API.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("## REST"), doc.indexOf("\n\n", doc.indexOf("| method and path")));
        Set<String> routes = new TreeSet<>();
        for (String row : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            Matcher route = DOCUMENTED_ROUTE.matcher(row.substring(0, row.indexOf(" | ")));
            while (route.find()) {
                routes.add(route.group(1) + " " + route.group(2));
            }
        }
        return routes;
    }

    /**
     * A routing builder that notes {@code METHOD /path} for every route, following each service
     * registered under a path; filters, error handlers and the like are passed over. The browser
     * console (static files) is no REST route.
     */
    private static HttpRouting.Builder recorder(Set<String> routes, String prefix) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) {
                String name = method.getName();
                if (HTTP_METHODS.contains(name) && args != null && args.length > 0) {
                    String path = args[0] instanceof String p ? p : "";
                    routes.add(name.toUpperCase(Locale.ROOT) + " " + join(prefix, path));
                } else if (name.equals("register") && args != null && args.length > 0) {
                    String path = args[0] instanceof String p ? p : "";
                    for (Object arg : args) {
                        services(arg).forEach(service -> {
                            if (!(service instanceof StaticContentService)) {
                                service.routing(recorder(routes, join(prefix, path)));
                            }
                        });
                    }
                } else if (name.equals("route")) {
                    throw new AssertionError("Gateway.routing added a route this test cannot read: " + method);
                }
                return method.getReturnType().isInstance(proxy) ? proxy : null;
            }
        };
        return (HttpRouting.Builder) Proxy.newProxyInstance(RestRoutesTest.class.getClassLoader(),
                                                            new Class<?>[] {HttpRouting.Builder.class}, handler);
    }

    private static Set<HttpService> services(Object arg) {
        Set<HttpService> services = new java.util.LinkedHashSet<>();
        if (arg instanceof HttpService service) {
            services.add(service);
        } else if (arg instanceof HttpService[] array) {
            services.addAll(Set.of(array));
        } else if (arg instanceof Supplier<?> supplier && supplier.get() instanceof HttpService service) {
            services.add(service);
        } else if (arg instanceof Supplier<?>[] suppliers) {
            for (Supplier<?> supplier : suppliers) {
                services.add((HttpService) supplier.get());
            }
        }
        return services;
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
