package org.migrex.exchange.receiving;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.migrex.schema.ExchangeDataset;

/**
 * Decodes a delivered dataset with the registry its sender encoded it under: the copy of a pulling partner's outbox
 * (MirrorMaker 2 copies bytes, so their schema ids are the partner's registry's) with that partner's registry, the
 * inbox and everything else with this node's own. Which registry is chosen by the topic the record came from, never by
 * anything in the record.
 */
final class InboundDatasets implements Deserializer<ExchangeDataset> {
    private final Deserializer<ExchangeDataset> own;
    private final Map<String, Deserializer<ExchangeDataset>> byTopic;

    InboundDatasets(Deserializer<ExchangeDataset> own, Map<String, Deserializer<ExchangeDataset>> byTopic) {
        this.own = own;
        this.byTopic = Map.copyOf(byTopic);
    }

    @Override
    public ExchangeDataset deserialize(String topic, byte[] data) {
        return byTopic.getOrDefault(topic, own).deserialize(topic, data);
    }

    @Override
    public ExchangeDataset deserialize(String topic, Headers headers, byte[] data) {
        return byTopic.getOrDefault(topic, own).deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        own.close();
        byTopic.values().forEach(Deserializer::close);
    }
}
