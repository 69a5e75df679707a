package org.migrex.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro: fetches the writer schema by the id in the header (cached) and resolves it to
 * the reader type by Avro schema resolution, so data written with an older compatible schema version reads into
 * today's generated class.
 *
 * <p>The reader type is {@value #READER_TYPE} when configured (a generated class), else the generated class named by
 * the writer schema, else a {@code GenericRecord} with the writer schema.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {
    /** Fully qualified name of the generated class to read into. */
    public static final String READER_TYPE = "specific.avro.reader.type";

    private SchemaRegistryClient client;
    private Schema readerSchema;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDeserializer() {
    }

    /** A deserializer into {@code readerType} (null: the class named by the writer schema), without a configure call. */
    public ConfluentAvroDeserializer(RegistryClientConfig config, Class<?> readerType) {
        this.client = WireFormat.client(config);
        this.readerSchema = readerType == null ? null : SpecificData.get().getSchema(readerType);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.client = WireFormat.client(RegistryClientConfig.fromKafkaConfig(configs));
        Object type = configs.get(READER_TYPE);
        if (type instanceof Class<?> c) {
            readerSchema = SpecificData.get().getSchema(c);
        } else if (type != null && !type.toString().isBlank()) {
            try {
                readerSchema = SpecificData.get().getSchema(Class.forName(type.toString().trim()));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("serde setting '" + READER_TYPE + "' names class '" + type
                        + "', which is not on the classpath (expected a generated Avro class such as "
                        + "org.migrex.schema.RawMigrationRecord)", e);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(topic, data);
        try {
            DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, null);
            return (T) reader.read(null, decoder);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("could not read a record on topic '" + topic + "' written with schema id "
                    + id + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not decode a record on topic '" + topic + "' with writer schema id "
                    + id + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerFor(int id) {
        Schema writer = client.schemaById(id);
        Schema reader = readerSchema;
        if (reader == null) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                return new GenericDatumReader<>(writer);
            }
            reader = SpecificData.get().getSchema(generated);
        }
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, reader, SpecificData.get());
    }
}
