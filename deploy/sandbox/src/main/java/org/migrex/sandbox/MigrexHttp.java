package org.migrex.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The nodes' public HTTP API as an agency or operator uses it: HTTP Basic, CSV in, JSON out. */
public final class MigrexHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    /** A client that authenticates as {@code user} with {@code password}. */
    public MigrexHttp(String user, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client for a sandbox user (password {@value SandboxUsers#PASSWORD}). */
    public static MigrexHttp sandboxUser(String user) {
        return new MigrexHttp(user, SandboxUsers.PASSWORD);
    }

    /**
     * Uploads a CSV file to a source: {@code POST /api/v1/sources/{source}/records}; returns the ingestion report
     * ({@code batchId, received, accepted, rejected, errors[]}).
     */
    public JsonNode uploadCsv(URI ingestion, String source, String csv) {
        HttpRequest request = HttpRequest.newBuilder(ingestion.resolve("/api/v1/sources/" + source + "/records"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", authorization)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
                .build();
        return json(send(request, 200, 201, 202), request);
    }

    /** GET of a JSON resource, with query parameters. */
    public JsonNode getJson(URI base, String path, Map<String, String> query) {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + q))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        return json(send(request, 200), request);
    }

    /** GET of a text resource (for example {@code /actuator/prometheus}). */
    public String getText(URI base, String path) {
        return getText(base, path, "*/*");
    }

    /** GET of a text resource in the given media type (for example SDMX-CSV, {@code text/csv}). */
    public String getText(URI base, String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", accept)
                .GET()
                .build();
        return send(request, 200).body();
    }

    private HttpResponse<String> send(HttpRequest request, int... expected) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrexHttpException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrexHttpException(request.method() + " " + request.uri() + " interrupted", -1, e);
        }
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        String body = response.body();
        throw new MigrexHttpException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + (body.length() > 500 ? body.substring(0, 500) + "..." : body), response.statusCode(), null);
    }

    private static JsonNode json(HttpResponse<String> response, HttpRequest request) {
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new MigrexHttpException(request.uri() + " did not answer JSON: " + e.getMessage(), response.statusCode(), e);
        }
    }

    /** A call that failed or answered an unexpected status. */
    public static final class MigrexHttpException extends RuntimeException {
        private final int status;

        MigrexHttpException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status, or -1 when no answer came. */
        public int status() {
            return status;
        }
    }
}
