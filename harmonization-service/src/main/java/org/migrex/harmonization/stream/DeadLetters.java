package org.migrex.harmonization.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a raw record that cannot be harmonized to {@code <cc>.raw.records.dlq}: the key and value bytes, the
 * record's own headers, and Spring Kafka's dead-letter headers ({@code kafka_dlt-exception-fqcn},
 * {@code -message}, {@code -stacktrace}, {@code kafka_dlt-original-topic}, {@code -partition} (4-byte int),
 * {@code -offset} and {@code -timestamp} (8-byte longs), {@code -consumer-group}), so that the usual tools read it.
 * Joins the caller's Kafka transaction.
 */
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Topics topics;
    private final String groupId;
    private final HarmonizationMetrics metrics;

    public DeadLetters(Topics topics, String groupId, HarmonizationMetrics metrics) {
        this.topics = topics;
        this.groupId = groupId;
        this.metrics = metrics;
    }

    public void send(KafkaOperations<Object, Object> ops, ConsumerRecord<?, ?> record, byte[] valueBytes,
                     Throwable cause) {
        Headers headers = new RecordHeaders();
        record.headers().forEach(h -> {
            if (!h.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(h);
            }
        });
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(cause.getMessage())));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(stackTrace(cause)));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(groupId));
        byte[] key = record.key() == null ? null
                : record.key() instanceof byte[] bytes ? bytes : utf8(record.key().toString());
        ops.send(new ProducerRecord<>(topics.rawRecordsDeadLetter().name(), null, key, valueBytes, headers));
        log.warn("dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                topics.rawRecordsDeadLetter().name(), cause.getClass().getName());
        metrics.deadLettered();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
