package org.migrex.node;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.migrex.schema.Topic;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;

/** Confluent-wire Avro serializers and deserializers for the values of a node's topics, bound to its registry. */
public final class AvroSerdeFactory {
    private final String registryUrl;
    private final boolean autoRegister;
    private final int maxRecordBytes;
    private final Map<String, Object> registryClientSettings;

    public AvroSerdeFactory(String registryUrl, boolean autoRegister) {
        this(registryUrl, autoRegister, ConfluentAvroDeserializer.DEFAULT_MAX_RECORD_BYTES, Map.of());
    }

    /**
     * As above; deserializers refuse records over {@code maxRecordBytes} ({@code migrex.kafka.max-record-size}), and
     * the registry client authenticates and trusts as {@code registryClientSettings} say (Confluent's keys, see
     * {@link RegistryClientConfig}).
     */
    public AvroSerdeFactory(String registryUrl, boolean autoRegister, int maxRecordBytes,
                            Map<String, Object> registryClientSettings) {
        this.registryUrl = registryUrl;
        this.autoRegister = autoRegister;
        this.maxRecordBytes = maxRecordBytes;
        this.registryClientSettings = Map.copyOf(registryClientSettings);
    }

    /**
     * The same serdes bound to another registry (a partner's, whose schema ids the records of its mirrored outbox
     * carry), never registering there; the registry client settings (trust store, credentials) stay this node's.
     */
    public AvroSerdeFactory forRegistry(String otherRegistryUrl) {
        return new AvroSerdeFactory(otherRegistryUrl, false, maxRecordBytes, registryClientSettings);
    }

    /**
     * Kafka client settings for the serde ({@code schema.registry.url}, {@code auto.register.schemas},
     * {@code migrex.serde.max.record.bytes}).
     */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new java.util.HashMap<>(registryClientSettings);
        config.put(RegistryClientConfig.URL, registryUrl);
        config.put(RegistryClientConfig.AUTO_REGISTER, autoRegister);
        config.put(ConfluentAvroDeserializer.MAX_RECORD_BYTES, maxRecordBytes);
        return Map.copyOf(config);
    }

    public <V extends SpecificRecord> Serializer<V> valueSerializer(Topic<?, V> topic) {
        ConfluentAvroSerializer<V> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(serdeConfig(), false);
        return serializer;
    }

    public <V extends SpecificRecord> Deserializer<V> valueDeserializer(Topic<?, V> topic) {
        ConfluentAvroDeserializer<V> deserializer = new ConfluentAvroDeserializer<>();
        Map<String, Object> config = new java.util.HashMap<>(registryClientSettings);
        config.put(RegistryClientConfig.URL, registryUrl);
        config.put(ConfluentAvroDeserializer.MAX_RECORD_BYTES, maxRecordBytes);
        config.put(ConfluentAvroDeserializer.READER_TYPE, topic.valueType());
        deserializer.configure(config, false);
        return deserializer;
    }

    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<?, V> topic) {
        return Serdes.serdeFrom(valueSerializer(topic), valueDeserializer(topic));
    }
}
