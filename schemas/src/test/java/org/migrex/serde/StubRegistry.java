package org.migrex.serde;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A stand-in registry for unit tests: an HTTP server answering the Confluent API's {@code GET /schemas/ids/{id}}
 * with fixed schemas (the real registry is in the ITs).
 */
final class StubRegistry implements AutoCloseable {
    private final HttpServer server;

    StubRegistry(Map<Integer, Schema> schemas) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Schema schema;
            try {
                schema = schemas.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
            } catch (NumberFormatException e) {
                schema = null;
            }
            byte[] body = (schema == null ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                    : "{\"schema\":" + quoted(schema.toString()) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    RegistryClientConfig config() {
        return RegistryClientConfig.of("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7")
                .withRetries(1, java.time.Duration.ofMillis(1));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
