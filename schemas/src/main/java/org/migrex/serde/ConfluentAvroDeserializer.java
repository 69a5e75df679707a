package org.migrex.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
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
 *
 * <p>Hostile bytes cannot exhaust the heap: a record over {@value #MAX_RECORD_BYTES} (default
 * {@value #DEFAULT_MAX_RECORD_BYTES} bytes) is refused before it is decoded, and no declared string, bytes or
 * collection length may exceed what the rest of the record could hold ({@link BoundedBinaryDecoder}). Both fail with
 * a {@link SerializationException} naming the topic, the size and the limit, which a consumer's error handler sends
 * to the dead-letter topic like any other undecodable record.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {
    /** Fully qualified name of the generated class to read into. */
    public static final String READER_TYPE = "specific.avro.reader.type";
    /** Largest record, in bytes (wire-format header included), that is decoded; larger ones are refused. */
    public static final String MAX_RECORD_BYTES = "migrex.serde.max.record.bytes";
    /** 8 MiB: eight times Kafka's default {@code max.message.bytes}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private SchemaRegistryClient client;
    private Schema readerSchema;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDeserializer() {
    }

    /** A deserializer into {@code readerType} (null: the class named by the writer schema), without a configure call. */
    public ConfluentAvroDeserializer(RegistryClientConfig config, Class<?> readerType) {
        this.client = WireFormat.client(config);
        this.readerSchema = readerType == null ? null : SpecificData.get().getSchema(readerType);
    }

    /** As {@link #ConfluentAvroDeserializer(RegistryClientConfig, Class)}, refusing records over {@code maxRecordBytes}. */
    public ConfluentAvroDeserializer(RegistryClientConfig config, Class<?> readerType, int maxRecordBytes) {
        this(config, readerType);
        this.maxRecordBytes = checkedLimit(maxRecordBytes);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.client = WireFormat.client(RegistryClientConfig.fromKafkaConfig(configs));
        Object max = configs.get(MAX_RECORD_BYTES);
        if (max != null) {
            try {
                maxRecordBytes = checkedLimit(Integer.parseInt(max.toString().trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("serde setting '" + MAX_RECORD_BYTES + "' must be a whole number of"
                        + " bytes from " + WireFormat.HEADER_LENGTH + " to " + Integer.MAX_VALUE + ", was '" + max + "'");
            }
        }
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
        if (data.length > maxRecordBytes) {
            throw new SerializationException("record on topic '" + topic + "' with writer schema id " + id + " is "
                    + data.length + " bytes, over the limit of " + maxRecordBytes + " bytes (" + MAX_RECORD_BYTES
                    + "); it was not decoded");
        }
        try {
            DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
            return (T) reader.read(null, new BoundedBinaryDecoder(data, WireFormat.HEADER_LENGTH,
                    "record on topic '" + topic + "' (" + data.length + " bytes)"));
        } catch (SchemaRegistryException e) {
            throw new SerializationException("could not read a record on topic '" + topic + "' written with schema id "
                    + id + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not decode a record on topic '" + topic + "' with writer schema id "
                    + id + ": " + e.getMessage(), e);
        }
    }

    private static int checkedLimit(int bytes) {
        if (bytes < WireFormat.HEADER_LENGTH) {
            throw new IllegalArgumentException("serde setting '" + MAX_RECORD_BYTES + "' must be at least "
                    + WireFormat.HEADER_LENGTH + " bytes (the wire-format header), was " + bytes);
        }
        return bytes;
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
