package org.migrex.harmonization.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroSerializer;

import java.util.Map;

/**
 * The serdes of the harmonization stream, all node-common's Confluent-wire Avro serde bound to the node's registry.
 *
 * <p>They ignore {@link Serde#configure}: the binder configures every serde it resolves with the Kafka Streams
 * settings, which carry no registry settings and would unbind it.
 */
public final class NodeSerdes {
    private NodeSerdes() {
    }

    /**
     * Raw records from {@code <cc>.raw.records}. Bytes that fail to decode are counted as dead-lettered and the
     * exception goes on to the binder's {@code sendToDlq} handler, which writes them to {@code <cc>.raw.records.dlq}.
     */
    public static Serde<RawMigrationRecord> rawRecords(AvroSerdeFactory serdes, Topics topics,
                                                       HarmonizationMetrics metrics) {
        Deserializer<RawMigrationRecord> avro = serdes.valueDeserializer(topics.rawRecords());
        Deserializer<RawMigrationRecord> counting = (topic, data) -> {
            try {
                RawMigrationRecord record = avro.deserialize(topic, data);
                requirePseudonym(record);
                return record;
            } catch (RuntimeException e) {
                metrics.deadLettered();
                throw e;
            }
        };
        return new Preconfigured<>(serdes.valueSerializer(topics.rawRecords()), counting);
    }

    /**
     * A person id reaches harmonization only as ingestion's pseudonym: 64 lower-case hex digits (HMAC-SHA-256). A
     * record written to {@code <cc>.raw.records} by another producer with anything else there (a passport number in
     * clear) is refused as undecodable, so it goes to the dead-letter topic, never into events or the quarantine
     * report. The message gives the length, never the value.
     */
    static void requirePseudonym(RawMigrationRecord record) {
        if (record == null) {
            return;
        }
        String pseudonym = record.getPersonPseudonym();
        if (!isPseudonym(pseudonym)) {
            throw new SerializationException("raw record '" + record.getRecordId() + "': personPseudonym is not a "
                    + "pseudonym (" + (pseudonym == null ? "missing" : pseudonym.length() + " characters")
                    + "); accepted: 64 lower-case hex digits, HMAC-SHA-256 of the person id with the node's key, as "
                    + "ingestion writes it. Person ids are never accepted in clear");
        }
    }

    static boolean isPseudonym(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every value the function writes (harmonized events, quarantined records), under the subject
     * {@code <topic>-value} of the topic written to. Write-only: the function reads nothing it writes.
     */
    public static Serde<SpecificRecord> outputs(AvroSerdeFactory serdes) {
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(serdes.serdeConfig(), false);
        return new Preconfigured<>(serializer, (topic, data) -> {
            throw new UnsupportedOperationException("the harmonize function does not read " + topic);
        });
    }

    /**
     * Values of the quarantine store, encoded exactly as on {@code <cc>.quarantine} (subject
     * {@code <cc>.quarantine-value}) whatever the changelog topic is called, so the changelog needs no subject of its
     * own (production registers subjects from CI and does not auto-register).
     */
    public static Serde<QuarantinedRecord> quarantineStore(AvroSerdeFactory serdes, Topics topics) {
        String topic = topics.quarantine().name();
        Serializer<QuarantinedRecord> serializer = serdes.valueSerializer(topics.quarantine());
        Deserializer<QuarantinedRecord> deserializer = serdes.valueDeserializer(topics.quarantine());
        return new Preconfigured<>((t, value) -> serializer.serialize(topic, value),
                (t, data) -> deserializer.deserialize(topic, data));
    }

    /** A serde whose parts are configured already. */
    record Preconfigured<T>(Serializer<T> serializer, Deserializer<T> deserializer) implements Serde<T> {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            // configured at construction: see the class comment
        }

        @Override
        public void close() {
            serializer.close();
            deserializer.close();
        }
    }
}
