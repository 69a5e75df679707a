package org.migrex.statistics;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v2 fields of HarmonizedMigrationEvent (scope, birthDate) break no reader: events written before v2 read with
 * scope and birthDate null, and pre-v2 readers read v2 events. The pre-v2 schema is the one of the commit before
 * definitions v2, kept in test resources (schemas/history/ would make SchemaEvolutionIT check it in a registry too).
 */
class HarmonizedEventEvolutionTest {
    private static final Schema CURRENT = HarmonizedMigrationEvent.getClassSchema();

    @Test
    void compatibleBothWays() throws IOException {
        Schema old = preV2();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(CURRENT, old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, CURRENT).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aPreV2EventReadsWithoutScopeAndIsNotCounted() throws IOException {
        Schema old = preV2();
        HarmonizedMigrationEvent v2 = Events.imm("2025-01-10").setScope(MigrationScope.IN_SCOPE)
                .setBirthDate("1990-03-01").build();
        // the same event as a pre-v2 writer would have written it
        GenericRecord written = (GenericRecord) GenericData.get().deepCopy(old, toGeneric(v2, old));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(written, encoder);
        encoder.flush();

        HarmonizedMigrationEvent read = new SpecificDatumReader<HarmonizedMigrationEvent>(old, CURRENT)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getScope()).isNull();
        assertThat(read.getBirthDate()).isNull();
        assertThat(read.getFlow()).isEqualTo("IMM");
        assertThat(Registration.of("a", read)).isNull();
        assertThat(Quality.ofEvent(read)).contains(QualityCounter.SCOPE_NOT_CLASSIFIED);
    }

    @Test
    void aPreV2ReaderReadsAV2Event() throws IOException {
        Schema old = preV2();
        HarmonizedMigrationEvent v2 = Events.imm("2025-01-10").setBirthDate("1990-03-01").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.specific.SpecificDatumWriter<HarmonizedMigrationEvent>(CURRENT).write(v2, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(CURRENT, old)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.get("eventDate").toString()).isEqualTo("2025-01-10");
        assertThat(read.getSchema().getField("scope")).isNull();
    }

    private static GenericRecord toGeneric(HarmonizedMigrationEvent event, Schema old) throws IOException {
        // write with the current schema, read as the old one: the v2 fields fall away
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.specific.SpecificDatumWriter<HarmonizedMigrationEvent>(CURRENT).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(CURRENT, old)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    private static Schema preV2() throws IOException {
        try (InputStream in = HarmonizedEventEvolutionTest.class
                .getResourceAsStream("/released/HarmonizedMigrationEvent-pre-v2.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
