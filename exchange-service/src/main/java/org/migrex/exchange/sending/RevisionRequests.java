package org.migrex.exchange.sending;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;

/**
 * Writes operators' revision requests to {@code <cc>.exchange.revision-requests}, where the delivery picks them up
 * in its exactly-once transaction. Partition: the period's, by the same hash as {@code <cc>.aggregates}
 * ({@link Aggregation.ByPeriod}), so the request reaches the task that holds the period's cells; both topics are
 * created with the same number of partitions. Written with {@code acks=all} and idempotence, and waited for: a 202
 * means the request is on the topic.
 */
public final class RevisionRequests implements AutoCloseable {
    private final String topic;
    private final Producer<String, RevisionRequest> producer;

    RevisionRequests(String topic, Producer<String, RevisionRequest> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    static RevisionRequests create(Topics topics, MigrexNodeProperties node, Serializer<RevisionRequest> values) {
        Map<String, Object> config = new HashMap<>(node.kafka().security().clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new RevisionRequests(topics.revisionRequests().name(),
                new KafkaProducer<>(config, new StringSerializer(), values));
    }

    /** Sends the request and waits until the cluster has it. */
    public void send(RevisionRequest request) throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = producer.partitionsFor(topic).size();
        producer.send(new ProducerRecord<>(topic, Aggregation.ByPeriod.partition(request.getPeriod(), partitions),
                Topics.revisionRequestKey(request.getAgreementId(), request.getPeriod()), request))
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
