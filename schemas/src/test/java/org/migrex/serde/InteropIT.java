package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.Observation;
import org.migrex.schema.RawMigrationRecord;

/**
 * Our serde against an independent implementation of the same wire format: plain HTTP to the registry's Confluent
 * API and generic Avro, written here from the format's definition (magic 0, big-endian int id, Avro binary), sharing
 * no code with {@link ConfluentAvroSerializer} or {@link SchemaRegistryClient}.
 */
class InteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static RegistryClientConfig config;

    @BeforeAll
    static void startRegistry() {
        stack = SharedRegistry.get();
        config = RegistryClientConfig.of(stack.registryConfluentUrl()).withAutoRegister(true);
    }

    @Test
    void bytesWeWriteAreReadByAnIndependentReader() throws Exception {
        RawMigrationRecord record = RegistryTestSupport.rawRecord("interop-1");
        byte[] bytes = new ConfluentAvroSerializer<RawMigrationRecord>(config, false).serialize("interop.out", record);

        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(buffer.get()).isEqualTo((byte) 0);
        int id = buffer.getInt();
        String schemaJson = JSON.readTree(get("/schemas/ids/" + id)).path("schema").asText();
        Schema writer = new Schema.Parser().parse(schemaJson);
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("recordId")).hasToString("interop-1");
        assertThat(read.get("citizenship")).hasToString("Кыргызстан");
        assertThat(read.get("intendedDurationDays")).isEqualTo(400);
        assertThat(((GenericRecord) read.get("provenance")).get("ingestedAt"))
                .isEqualTo(record.getProvenance().getIngestedAt().toEpochMilli());
        // the subject follows the Confluent TopicNameStrategy
        assertThat(get("/subjects")).contains("interop.out-value");
    }

    @Test
    void bytesAnIndependentWriterFramesAreReadByOurDeserializer() throws Exception {
        Schema schema = Observation.getClassSchema();
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        int id = JSON.readTree(post("/subjects/interop.in-value/versions", body)).path("id").asInt();
        GenericRecord observation = new GenericData.Record(schema);
        observation.put("dimensions", java.util.Map.of(new Utf8("SEX"), new Utf8("F"), new Utf8("FLOW"), new Utf8("IMM")));
        observation.put("value", 42L);
        observation.put("confStatus", new Utf8("F"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(observation, encoder);
        encoder.flush();

        Observation read = new ConfluentAvroDeserializer<Observation>(config, Observation.class)
                .deserialize("interop.in", out.toByteArray());

        assertThat(read.getValue()).isEqualTo(42L);
        assertThat(read.getConfStatus()).isEqualTo("F");
        assertThat(read.getDimensions()).containsEntry("SEX", "F").containsEntry("FLOW", "IMM");
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.registryConfluentUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.registryConfluentUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
