package org.migrex.ingestion.kafka;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.avro.specific.SpecificRecord;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;
import org.migrex.serde.SchemaRegistryException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.NoProducerAvailableException;

/**
 * Writes the records of one upload to {@code <cc>.raw.records} (or, for a remittance template, to
 * {@code <cc>.remittances}) in one Kafka transaction: all of them become visible
 * to read_committed consumers at the commit, or none. Records are sent asynchronously (the producer batches them);
 * the first failed send aborts the upload.
 */
public final class RawRecordPublisher {

    /** The sending side of an open transaction. */
    public interface Batch {
        /** Sends one record; throws {@link BatchRefusedException} as soon as an earlier send has failed. */
        void send(String key, RawMigrationRecord record);

        /** Sends one accepted row of a remittance template; fails as {@link #send} does. */
        void sendRemittance(String key, RemittanceRecord record);

        /** Sends a change of one of MIGR_QUALITY's intake counters, in the same transaction as the records. */
        void count(IntakeQualityDelta delta);
    }

    private final KafkaTemplate<String, SpecificRecord> template;
    private final Topic<String, RawMigrationRecord> topic;
    private final Topic<String, IntakeQualityDelta> intake;
    private final Topic<String, RemittanceRecord> remittances;

    /**
     * @param template a transactional template whose value serializer writes both topics
     *                 ({@link TopicRoutingSerializer})
     */
    public RawRecordPublisher(KafkaTemplate<String, SpecificRecord> template, Topic<String, RawMigrationRecord> topic,
                              Topic<String, IntakeQualityDelta> intake, Topic<String, RemittanceRecord> remittances) {
        this.template = template;
        this.topic = topic;
        this.intake = intake;
        this.remittances = remittances;
    }

    /**
     * Runs {@code work} inside one transaction and commits when it returns; aborts when it throws. Kafka and registry
     * failures come out as {@link BatchRefusedException}; other exceptions of {@code work} pass unchanged.
     */
    public <T> T inTransaction(Function<Batch, T> work) {
        try {
            return template.executeInTransaction(operations -> operations.execute(producer -> {
                AtomicReference<Exception> failure = new AtomicReference<>();
                Batch batch = new Batch() {
                    @Override
                    public void send(String key, RawMigrationRecord record) {
                        write(new ProducerRecord<>(topic.name(), key, record));
                    }

                    @Override
                    public void sendRemittance(String key, RemittanceRecord record) {
                        write(new ProducerRecord<>(remittances.name(), key, record));
                    }

                    @Override
                    public void count(IntakeQualityDelta delta) {
                        write(new ProducerRecord<>(intake.name(), Topics.intakeQualityKey(delta), delta));
                    }

                    private void write(ProducerRecord<String, SpecificRecord> record) {
                        Exception earlier = failure.get();
                        if (earlier != null) {
                            throw new BatchRefusedException("a record was not acknowledged: " + earlier.getMessage(),
                                    earlier);
                        }
                        producer.send(record, (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                    }
                };
                T result = work.apply(batch);
                producer.flush();
                if (failure.get() != null) {
                    throw new BatchRefusedException("a record was not acknowledged: " + failure.get().getMessage(),
                            failure.get());
                }
                return result;
            }));
        } catch (BatchRefusedException e) {
            throw e;
        } catch (NoProducerAvailableException e) {
            throw new BatchRefusedException(e.getMessage(), e);
        } catch (KafkaException | org.springframework.kafka.KafkaException | SchemaRegistryException e) {
            // a registry that answered 4xx (schema not registered, incompatible, our credentials refused) will answer
            // the same to the same upload: that is the node's configuration, not a moment to wait out
            boolean registryRefused = refusedByRegistry(e);
            throw new BatchRefusedException(rootMessage(e), e, !registryRefused);
        }
    }

    private static boolean refusedByRegistry(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return !registry.isTransient();
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
