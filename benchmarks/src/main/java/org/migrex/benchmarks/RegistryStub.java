package org.migrex.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two calls of the Confluent Schema Registry API that the Migrex serde makes once per schema and JVM, served in
 * process on a free loopback port so a benchmark needs no registry: {@code POST /subjects/<s>/versions} (register;
 * one id per distinct schema text) and {@code GET /schemas/ids/<id>}. Not a registry: no compatibility checks,
 * no versions, no persistence. {@link #requests()} lets a test show that the registry is off the measured path.
 */
public final class RegistryStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private RegistryStub(HttpServer server) {
        this.server = server;
    }

    /** Starts the stub on a free port of 127.0.0.1. */
    public static RegistryStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RegistryStub stub = new RegistryStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the registry stub on a loopback port", e);
        }
    }

    /** Base URL of the Confluent API, as {@code schema.registry.url} takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Method and path of every request served so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if ("POST".equals(method) && path.startsWith("/subjects/") && path.endsWith("/versions")) {
                String schema = JSON.readTree(body).path("schema").asText();
                int id = idsBySchema.computeIfAbsent(schema, s -> {
                    int next = nextId.getAndIncrement();
                    schemasById.put(next, s);
                    return next;
                });
                answer(exchange, 200, JSON.createObjectNode().put("id", id));
            } else if ("GET".equals(method) && path.startsWith("/schemas/ids/")) {
                String schema = schemasById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
                if (schema == null) {
                    answer(exchange, 404, JSON.createObjectNode().put("error_code", 40403)
                            .put("message", "Schema not found"));
                } else {
                    answer(exchange, 200, JSON.createObjectNode().put("schema", schema));
                }
            } else {
                answer(exchange, 404, JSON.createObjectNode().put("error_code", 404)
                        .put("message", "not served by the benchmark registry stub: " + method + " " + path));
            }
        } catch (RuntimeException e) {
            answer(exchange, 500, JSON.createObjectNode().put("error_code", 500).put("message", e.toString()));
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
