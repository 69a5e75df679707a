package org.migrex.schema;

import java.util.Objects;

/**
 * A Kafka topic with the types of its keys and values, so that a name never travels without its contract.
 *
 * @param name       the topic name
 * @param keyType    type of the record key
 * @param valueType  type of the record value ({@code byte[].class} for dead-letter topics, which keep the original bytes)
 * @param compacted  whether the topic is log-compacted (latest value per key is the state)
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, boolean compacted) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
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
