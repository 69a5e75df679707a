package org.migrex.node.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The one dead-letter convention of every Migrex stream: the original key and value bytes, unchanged, and Spring
 * Kafka's dead-letter header set, which is also what the Spring Cloud Stream binders' {@code sendToDlq} and
 * spring-kafka's {@code DeadLetterPublishingRecoverer} write, so that operators' tools read every DLQ alike.
 *
 * <table>
 *   <caption>headers</caption>
 *   <tr><td>{@code kafka_dlt-exception-fqcn}</td><td>exception class (UTF-8)</td></tr>
 *   <tr><td>{@code kafka_dlt-exception-message}</td><td>exception message (UTF-8)</td></tr>
 *   <tr><td>{@code kafka_dlt-exception-stacktrace}</td><td>stack trace (UTF-8)</td></tr>
 *   <tr><td>{@code kafka_dlt-original-topic}</td><td>source topic (UTF-8)</td></tr>
 *   <tr><td>{@code kafka_dlt-original-partition}</td><td>source partition, 4-byte big-endian int</td></tr>
 *   <tr><td>{@code kafka_dlt-original-offset}</td><td>source offset, 8-byte big-endian long</td></tr>
 *   <tr><td>{@code kafka_dlt-original-timestamp}</td><td>source record time, 8-byte big-endian long</td></tr>
 *   <tr><td>{@code kafka_dlt-original-consumer-group}</td><td>the group (or Streams application id) that failed</td></tr>
 * </table>
 * Headers of the original record are kept, except deserializer-exception headers that hold Java-serialized objects.
 *
 * @param sourceTopic the topic the record was read from
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its record time (epoch ms), or -1 when unknown
 * @param key the original key bytes (may be null)
 * @param value the original value bytes (may be null)
 * @param originalHeaders the record's own headers (may be null)
 * @param group the consumer group or Streams application id
 */
public record DeadLetter(String sourceTopic, int partition, long offset, long timestamp, byte[] key, byte[] value,
        Headers originalHeaders, String group) {

    /** Prefix of the deserializer-exception headers spring-kafka adds; they are never copied to a DLQ. */
    private static final String DESERIALIZER_EXCEPTION_PREFIX = "springDeserializerException";

    /** The dead-letter record for {@code deadLetterTopic}, carrying {@code cause}. */
    public ProducerRecord<byte[], byte[]> toRecord(String deadLetterTopic, Throwable cause) {
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers(cause));
    }

    /** The dead-letter header set for {@code cause}, after the original headers. */
    public Headers headers(Throwable cause) {
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header h : originalHeaders) {
                if (!h.key().startsWith(DESERIALIZER_EXCEPTION_PREFIX) && !h.key().startsWith("kafka_dlt-")) {
                    headers.add(h);
                }
            }
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(cause.getMessage())));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(stackTrace(cause)));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(sourceTopic));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(timestamp).array());
        if (group != null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(group));
        }
        return headers;
    }

    /** Reads a dead-letter header written by this convention as text (null when absent). */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Reads the original partition header (-1 when absent). */
    public static int originalPartition(Headers headers) {
        Header h = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return h == null ? -1 : ByteBuffer.wrap(h.value()).getInt();
    }

    /** Reads the original offset header (-1 when absent). */
    public static long originalOffset(Headers headers) {
        Header h = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return h == null ? -1 : ByteBuffer.wrap(h.value()).getLong();
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
