package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.RawMigrationRecord;

/** The serde against a real Apicurio registry speaking the Confluent API. */
class ConfluentAvroSerdeIT {
    private static LocalStack stack;
    private static RegistryClientConfig config;

    @BeforeAll
    static void startRegistry() {
        stack = SharedRegistry.get();
        config = RegistryClientConfig.of(stack.registryConfluentUrl()).withAutoRegister(true);
    }

    @Test
    void specificRecordRoundTripsThroughTheRegistry() {
        var serializer = new ConfluentAvroSerializer<RawMigrationRecord>(config, false);
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);
        RawMigrationRecord record = RegistryTestSupport.rawRecord("r-1");

        byte[] bytes = serializer.serialize("it.roundtrip.raw", record);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(new SchemaRegistryClient(config).schemaById(id)).isEqualTo(RawMigrationRecord.getClassSchema());
        assertThat(deserializer.deserialize("it.roundtrip.raw", bytes)).isEqualTo(record);
    }

    @Test
    void deserializerWithoutReaderTypeFindsTheGeneratedClassNamedByTheWriterSchema() {
        var serializer = new ConfluentAvroSerializer<RawMigrationRecord>(config, false);
        var deserializer = new ConfluentAvroDeserializer<Object>();
        deserializer.configure(Map.of(RegistryClientConfig.URL, stack.registryConfluentUrl()), false);
        RawMigrationRecord record = RegistryTestSupport.rawRecord("r-2");

        Object read = deserializer.deserialize("it.byname.raw", serializer.serialize("it.byname.raw", record));

        assertThat(read).isInstanceOf(RawMigrationRecord.class).isEqualTo(record);
    }

    @Test
    void dataWrittenWithAnOlderSchemaVersionReadsIntoTodaysClass() {
        // version 1 of the raw record, before the optional region and declared duration were added
        Schema today = RawMigrationRecord.getClassSchema();
        Schema older = withoutFields(today, "region", "intendedDurationDays");
        String topic = "it.evolution.raw";
        String subject = topic + "-value";
        SchemaRegistryClient client = new SchemaRegistryClient(config);
        GenericRecord old = new GenericData.Record(older);
        RawMigrationRecord expected = RegistryTestSupport.rawRecord("r-old");
        for (Schema.Field field : older.getFields()) {
            old.put(field.name(), expected.get(field.name()));
        }
        GenericRecord provenance = new GenericData.Record(older.getField("provenance").schema());
        for (Schema.Field field : provenance.getSchema().getFields()) {
            Object value = expected.getProvenance().get(field.name());
            provenance.put(field.name(), value instanceof java.time.Instant t ? t.toEpochMilli() : value);
        }
        old.put("provenance", provenance);
        byte[] oldBytes = new ConfluentAvroSerializer<GenericRecord>(config, false).serialize(topic, old);
        client.setCompatibility(subject, "BACKWARD_TRANSITIVE");

        int todayId = client.register(subject, today);

        assertThat(client.versions(subject)).hasSize(2);
        assertThat(todayId).isNotEqualTo(ByteBuffer.wrap(oldBytes, 1, 4).getInt());
        RawMigrationRecord read = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class)
                .deserialize(topic, oldBytes);
        assertThat(read.getRegion()).isNull();
        assertThat(read.getIntendedDurationDays()).isNull();
        assertThat(read.getRecordId()).isEqualTo("r-old");
        assertThat(read.getCitizenship()).isEqualTo("Кыргызстан");
        assertThat(read.getProvenance()).isEqualTo(expected.getProvenance());
    }

    @Test
    void unknownSchemaIdIsAnErrorNamingTheId() {
        byte[] bytes = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654).put((byte) 2).array();
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);

        assertThatThrownBy(() -> deserializer.deserialize("it.unknown", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("987654")
                .hasMessageContaining("it.unknown");
    }

    @Test
    void bytesThatAreNotInTheWireFormatAreRefusedWithAClearMessage() {
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);

        assertThatThrownBy(() -> deserializer.deserialize("it.garbage", "record_id,event_type".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not in the Confluent Avro wire format");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedNamingTheSubject() {
        RegistryClientConfig noAuto = config.withAutoRegister(false);
        var serializer = new ConfluentAvroSerializer<RawMigrationRecord>(noAuto, false);

        assertThatThrownBy(() -> serializer.serialize("it.noauto.raw", RegistryTestSupport.rawRecord("r-3")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("it.noauto.raw-value")
                .hasMessageContaining(stack.registryConfluentUrl());

        new SchemaRegistryClient(noAuto).register("it.noauto.raw-value", RawMigrationRecord.getClassSchema());
        byte[] bytes = serializer.serialize("it.noauto.raw", RegistryTestSupport.rawRecord("r-3"));
        assertThat(bytes).isNotEmpty();
    }

    private static Schema withoutFields(Schema base, String... names) {
        var dropped = java.util.Set.of(names);
        var fields = new java.util.ArrayList<Schema.Field>();
        for (Schema.Field f : base.getFields()) {
            if (!dropped.contains(f.name())) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
