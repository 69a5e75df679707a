package org.migrex.exchange.portal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's calls to the node's ingestion and harmonization services, server to server over HTTP, each with the
 * signed-in user's own HTTP Basic credentials: those services check the user's roles and sources themselves, exactly
 * as for a call from curl, so the portal can never let a user do more than the API would (docs/portal.md).
 */
public class PortalBackends {
    /** A source id as ingestion accepts it (and nothing else goes into the path). */
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A marker header like a program's; the node's CSRF guard needs it for simple content types only. */
    private static final String REQUESTED_BY = "migrex-portal";

    private final PortalProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public PortalBackends(PortalProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
    }

    /** A service's answer: its status and JSON body (null when it sent none or no JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The service's own explanation of a refusal ({@code message} of ApiError, {@code detail} of a problem). */
        public String reason() {
            if (body == null) {
                return "HTTP " + status;
            }
            for (String field : List.of("message", "detail", "error", "title")) {
                JsonNode value = body.get(field);
                if (value != null && value.isString() && !value.asString().isBlank()) {
                    return value.asString();
                }
            }
            return "HTTP " + status;
        }
    }

    /** The service is not configured or did not answer; the page says so (never a stack trace). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** An ingestion source: its id, profile and owner, as {@code GET /api/v1/sources} lists them. */
    public record Source(String id, String profile, String owner) {
    }

    public boolean ingestionConfigured() {
        return properties.ingestionUrl() != null;
    }

    public boolean harmonizationConfigured() {
        return properties.harmonizationUrl() != null;
    }

    /** The sources the user owns (ingestion refuses an upload to any other). */
    public List<Source> sourcesOwnedBy(Authentication user) {
        Answer answer = send(ingestion("/api/v1/sources"), user, HttpRequest.newBuilder().GET());
        if (!answer.ok() || answer.body() == null || !answer.body().isArray()) {
            throw new Unavailable("the ingestion service did not list its sources: " + answer.reason());
        }
        List<Source> sources = new ArrayList<>();
        for (JsonNode s : answer.body()) {
            Source source = new Source(s.path("id").asString(), s.path("profile").asString(),
                    s.path("owner").asString());
            if (source.owner().equals(user.getName())) {
                sources.add(source);
            }
        }
        return sources;
    }

    /**
     * Uploads a file to the source; the answer is ingestion's per-row report (200) or its refusal. CSV unless the
     * file name ends in {@code .json}, the same rule as ingestion's for a multipart file.
     */
    public Answer upload(Authentication user, String sourceId, String fileName, long size, InputStream content) {
        if (sourceId == null || !SOURCE_ID.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("source '" + sourceId + "' is not a source id; accepted: 1-64 of"
                    + " A-Z a-z 0-9 . _ -");
        }
        String type = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                ? "application/json" : "text/csv; charset=utf-8";
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> content), size);
        return send(ingestion("/api/v1/sources/" + sourceId + "/records"), user,
                HttpRequest.newBuilder().header("Content-Type", type).POST(body));
    }

    /** Harmonization's quarantine report for the user (an agency's sources only; an operator's whole node). */
    public Answer quarantine(Authentication user) {
        return send(harmonization("/api/v1/quarantine?top=10"), user, HttpRequest.newBuilder().GET());
    }

    /** Reloads the reference data and replays the quarantine (harmonization refuses unless the user is OPERATOR). */
    public Answer replay(Authentication user) {
        return send(harmonization("/api/v1/quarantine/replay"), user, HttpRequest.newBuilder()
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI ingestion(String path) {
        if (properties.ingestionUrl() == null) {
            throw new Unavailable("migrex.portal.ingestion-url is not set");
        }
        return URI.create(properties.ingestionUrl() + path);
    }

    private URI harmonization(String path) {
        if (properties.harmonizationUrl() == null) {
            throw new Unavailable("migrex.portal.harmonization-url is not set");
        }
        return URI.create(properties.harmonizationUrl() + path);
    }

    private Answer send(URI uri, Authentication user, HttpRequest.Builder request) {
        Object password = user == null ? null : user.getCredentials();
        if (!(password instanceof String clear) || clear.isEmpty()) {
            throw new Unavailable("the session holds no credentials to forward: sign in again");
        }
        String basic = Base64.getEncoder().encodeToString((user.getName() + ":" + clear)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest built = request.uri(uri).timeout(properties.timeout())
                .header("Authorization", "Basic " + basic).header("X-Requested-By", REQUESTED_BY)
                .header("Accept", "application/json").build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = null;
            if (response.body().length > 0) {
                try {
                    body = json.readTree(response.body());
                } catch (RuntimeException notJson) {
                    body = null;
                }
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new Unavailable(uri.getScheme() + "://" + uri.getAuthority() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for " + uri.getAuthority());
        }
    }
}
