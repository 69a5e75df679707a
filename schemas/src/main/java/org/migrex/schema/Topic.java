package org.migrex.schema;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A Kafka topic with the types of its keys and values, so that a name never travels without its contract.
 *
 * @param name       the topic name
 * @param keyType    type of the record key
 * @param valueType  type of the record value ({@code byte[].class} for dead-letter topics, which keep the original bytes)
 * @param compacted  whether the topic is log-compacted (latest value per key is the state)
 * @param keptForever whether records are kept with no time limit (audit trails); compacted topics keep their latest
 *                   value per key anyway
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, boolean compacted, boolean keptForever) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** A topic with the cluster's default retention. */
    public Topic(String name, Class<K> keyType, Class<V> valueType, boolean compacted) {
        this(name, keyType, valueType, compacted, false);
    }

    /** The topic as created on a cluster: its cleanup policy, and no time limit for an audit trail. */
    public NewTopic newTopic(int partitions, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (keptForever) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    /** Subject of the value schema in the registry (Confluent TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    @Override
    public String toString() {
        return name;
    }
}
