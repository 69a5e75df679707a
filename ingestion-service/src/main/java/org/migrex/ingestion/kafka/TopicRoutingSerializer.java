package org.migrex.ingestion.kafka;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One value serializer for the one transactional producer of an upload, which writes several topics: each value is
 * serialized by the serializer of its topic (so under that topic's registry subject). Configured and closed with both.
 */
public final class TopicRoutingSerializer implements Serializer<SpecificRecord> {
    private final Map<String, Serializer<? extends SpecificRecord>> byTopic;

    /** @param byTopic topic name to the serializer of its value type */
    public TopicRoutingSerializer(Map<String, Serializer<? extends SpecificRecord>> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        byTopic.values().forEach(s -> s.configure(configs, isKey));
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, SpecificRecord value) {
        Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>) byTopic.get(topic);
        if (serializer == null) {
            throw new IllegalArgumentException("the upload producer writes only " + byTopic.keySet() + ", not " + topic);
        }
        return serializer.serialize(topic, value);
    }

    @Override
    public void close() {
        byTopic.values().forEach(Serializer::close);
    }
}
