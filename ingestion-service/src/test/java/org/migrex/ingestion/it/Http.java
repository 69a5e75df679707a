package org.migrex.ingestion.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client, as an agency's script would use the API. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, HttpResponse<String> response) {
        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer post(String path, String user, String contentType, HttpRequest.BodyPublisher body) {
        return post(path, user, contentType, body, new String[0]);
    }

    /** As above with further headers, given as name, value, name, value, ... */
    Answer post(String path, String user, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        return post(false, path, user, contentType, body, headers);
    }

    /** As curl does for large bodies: {@code Expect: 100-continue}, the body sent only once the server says so. */
    Answer postExpectingContinue(String path, String user, String contentType, HttpRequest.BodyPublisher body) {
        return post(true, path, user, contentType, body);
    }

    private Answer post(boolean expectContinue, String path, String user, String contentType,
            HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .expectContinue(expectContinue).POST(body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":pw-" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET, returning the body whatever the status. */
    String get(String path, String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":pw-" + user).getBytes(StandardCharsets.UTF_8))).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String user, String contentType, byte[] body) {
        return post(path, user, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Answer post(String path, String user, String contentType, String body) {
        return post(path, user, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
