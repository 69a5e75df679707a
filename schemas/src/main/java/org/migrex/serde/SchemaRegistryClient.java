package org.migrex.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client of the Confluent Schema Registry REST API (as served by Confluent, Apicurio under
 * {@code /apis/ccompat/v7}, Karapace, Redpanda): register, look up, fetch by id, versions, compatibility.
 *
 * <p>Schemas by id and ids by (subject, schema) are cached for the life of the client, since the registry never
 * changes what an id means. Calls that fail because the registry cannot be reached, or answers 5xx, are retried
 * with exponential backoff up to {@link RegistryClientConfig#maxAttempts()}; then a {@link SchemaRegistryException}
 * names the URL, the subject or id, and the last cause. 4xx answers are not retried.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientConfig config;
    private final HttpClient http;
    /** {@code Authorization} header value for HTTP Basic, or null. */
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    /**
     * Cache key. Avro's {@code Schema} caches its hash code and compares the same instance by identity, so the
     * per-record lookup of a generated class's schema costs a map probe, not a JSON rendering of the schema.
     */
    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(config.timeout());
        if (config.trustStore() != null) {
            http.sslContext(sslContext(config.trustStore()));
        }
        this.http = http.build();
        this.authorization = config.userInfo() == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    private static javax.net.ssl.SSLContext sslContext(RegistryClientConfig.TrustStore store) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(store.location()))) {
            java.security.KeyStore keys = java.security.KeyStore.getInstance(store.type());
            keys.load(in, store.password() == null ? null : store.password().toCharArray());
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the registry trust store (" + RegistryClientConfig.TRUST_STORE_LOCATION
                    + " " + store.location() + ", type " + store.type() + "): " + e.getMessage(), e);
        }
    }

    public RegistryClientConfig config() {
        return config;
    }

    /** Registers the schema under the subject (idempotent: an already registered schema keeps its id) and returns its id. */
    public int register(String subject, Schema schema) {
        SubjectSchema cacheKey = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "register a schema under subject '" + subject + "'");
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * Returns the id of a schema already registered under the subject, without registering it. Fails with error code
     * 40401 (subject unknown) or 40403 (schema not under this subject) when it is not there.
     */
    public int lookup(String subject, Schema schema) {
        SubjectSchema cacheKey = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema),
                "look up a schema under subject '" + subject + "' (auto-registration is off: register it first)");
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        return id;
    }

    /** The schema with this id; an unknown id fails with a message naming the id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** Version numbers registered under the subject, oldest first. */
    public List<Integer> versions(String subject) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions", null,
                "list the versions of subject '" + subject + "'");
        List<Integer> versions = new ArrayList<>();
        answer.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    /** The schema of one version of a subject ({@code "latest"} allowed). */
    public Schema schemaOfVersion(String subject, String version) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null,
                "fetch version " + version + " of subject '" + subject + "'");
        return new Schema.Parser().parse(answer.path("schema").asText());
    }

    /** Whether the schema may be registered under the subject under its compatibility level (checked by the registry). */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema), "test compatibility under subject '" + subject + "'");
        return answer.path("is_compatible").asBoolean();
    }

    /** Sets the subject's compatibility level (BACKWARD, BACKWARD_TRANSITIVE, FULL, NONE, ...). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call("PUT", "/config/" + encode(subject), body.toString(),
                "set compatibility " + level + " on subject '" + subject + "'");
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode call(String method, String path, String body, String what) {
        URI uri = URI.create(config.url() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        Duration backoff = config.backoff();
        Exception lastCause = null;
        int lastStatus = 0;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
                }
                if (status / 100 == 4) {
                    throw clientError(what, status, response.body());
                }
                lastStatus = status;
                lastCause = new IOException("HTTP " + status + ": " + abbreviate(response.body()));
            } catch (IOException e) {
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while trying to " + what + " at schema registry "
                        + config.url(), 0, 0, e);
            }
            if (attempt < config.maxAttempts()) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        throw new SchemaRegistryException("could not " + what + ": schema registry at " + config.url()
                + " unreachable or failing after " + config.maxAttempts() + " attempts (last cause: "
                + describe(lastCause) + ")", lastStatus, 0, lastCause);
    }

    private SchemaRegistryException clientError(String what, int status, String body) {
        int errorCode = 0;
        String message = abbreviate(body);
        try {
            JsonNode error = JSON.readTree(body);
            errorCode = error.path("error_code").asInt(0);
            if (error.hasNonNull("message")) {
                message = error.path("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        return new SchemaRegistryException("could not " + what + " at schema registry " + config.url()
                + ": HTTP " + status + (errorCode != 0 ? " error " + errorCode : "") + ": " + message,
                status, errorCode, null);
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "none";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry the schema registry", 0, 0, e);
        }
    }
}
