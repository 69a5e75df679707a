package org.migrex.harmonization.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.migrex.harmonization.rules.HarmonizationOutcome;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live stream: each poll of {@code <cc>.raw.records} is processed inside one Kafka transaction that also holds
 * the consumer offsets (the container's {@code KafkaTransactionManager}), so every record's outputs are written
 * exactly once or not at all.
 *
 * <p>Per record key k:
 * <ul>
 *   <li>harmonized: event to {@code <cc>.harmonized.events}[k]; if k was in quarantine, a tombstone to
 *       {@code <cc>.quarantine}[k];</li>
 *   <li>quarantined: the record with every reason to {@code <cc>.quarantine}[k] and a tombstone to
 *       {@code <cc>.harmonized.events}[k], so a correction that no longer maps withdraws its earlier event
 *       (a tombstone for a key that never had an event changes nothing downstream);</li>
 *   <li>tombstone (null value): tombstones to {@code <cc>.harmonized.events}[k], and to {@code <cc>.quarantine}[k] if
 *       it was there;</li>
 *   <li>bytes that cannot be deserialized: the original key and value bytes to {@code <cc>.raw.records.dlq}, with the
 *       exception and the origin in {@code kafka_dlt-*} headers, in the same transaction; the stream goes on.</li>
 * </ul>
 */
public class HarmonizationProcessor implements BatchMessageListener<String, RawMigrationRecord> {
    private static final Logger log = LoggerFactory.getLogger(HarmonizationProcessor.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(HarmonizationProcessor.class);
    private static final ThreadLocal<Map<String, Optional<QuarantinedRecord>>> UNDO = new ThreadLocal<>();

    private final Topics topics;
    private final Harmonizer harmonizer;
    private final ReferenceDataHolder reference;
    private final QuarantineView view;
    private final KafkaTemplate<Object, Object> template;
    private final HarmonizationMetrics metrics;
    private final Clock clock;
    private final DeadLetters deadLetters;

    public HarmonizationProcessor(Topics topics, Harmonizer harmonizer, ReferenceDataHolder reference,
                                  QuarantineView view, KafkaTemplate<Object, Object> template,
                                  HarmonizationMetrics metrics, Clock clock, DeadLetters deadLetters) {
        this.topics = topics;
        this.harmonizer = harmonizer;
        this.reference = reference;
        this.view = view;
        this.template = template;
        this.metrics = metrics;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, RawMigrationRecord>> records) {
        view.lock().lock();
        try {
            undoOnRollback();
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, RawMigrationRecord> record = records.get(i);
                try {
                    process(record);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("record " + record.topic() + "-" + record.partition() + "@"
                            + record.offset() + " failed: " + e.getClass().getName(), e, i);
                }
            }
        } finally {
            view.lock().unlock();
        }
    }

    private void process(ConsumerRecord<String, RawMigrationRecord> record) {
        String key = record.key();
        DeserializationException poison = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (poison != null) {
            deadLetter(record, poison);
            return;
        }
        RawMigrationRecord raw = record.value();
        if (raw == null) {
            template.send(topics.harmonizedEvents().name(), key, null);
            withdrawFromQuarantine(key);
            metrics.deleted("live");
            return;
        }
        HarmonizationOutcome outcome = harmonizer.harmonize(raw, reference.current());
        switch (outcome) {
            case HarmonizationOutcome.Harmonized harmonized -> {
                template.send(topics.harmonizedEvents().name(), key, harmonized.event());
                withdrawFromQuarantine(key);
                metrics.harmonized("live");
            }
            case HarmonizationOutcome.Quarantined quarantined -> {
                QuarantinedRecord entry = QuarantinedRecord.newBuilder()
                        .setRecord(raw)
                        .setReasons(quarantined.reasons())
                        .setReferenceDataVersion(quarantined.referenceDataVersion())
                        .setQuarantinedAt(clock.instant())
                        .setReplayCount(0)
                        .build();
                template.send(topics.quarantine().name(), key, entry);
                template.send(topics.harmonizedEvents().name(), key, null);
                applyToView(key, entry);
                metrics.quarantined("live", quarantined.reasons());
            }
        }
    }

    private void withdrawFromQuarantine(String key) {
        if (view.contains(key)) {
            template.send(topics.quarantine().name(), key, null);
            applyToView(key, null);
        }
    }

    /**
     * The view changes as the batch writes (a replay running next must see them), and goes back to its earlier state
     * when the transaction rolls back, so the retried batch finds the view as the committed topics describe it.
     */
    private void applyToView(String key, QuarantinedRecord value) {
        Map<String, Optional<QuarantinedRecord>> undo = UNDO.get();
        if (undo != null) {
            undo.putIfAbsent(key, Optional.ofNullable(view.get(key)));
        }
        view.apply(key, value);
    }

    private void undoOnRollback() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            UNDO.remove();
            return;
        }
        Map<String, Optional<QuarantinedRecord>> undo = new HashMap<>();
        UNDO.set(undo);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                UNDO.remove();
                if (status != STATUS_COMMITTED && !undo.isEmpty()) {
                    view.lock().lock();
                    try {
                        undo.forEach((key, previous) -> view.apply(key, previous.orElse(null)));
                    } finally {
                        view.lock().unlock();
                    }
                }
            }
        });
    }

    private void deadLetter(ConsumerRecord<String, RawMigrationRecord> record, DeserializationException poison) {
        deadLetters.send(template, record, poison.getData(), poison.getCause() != null ? poison.getCause() : poison);
    }
}
