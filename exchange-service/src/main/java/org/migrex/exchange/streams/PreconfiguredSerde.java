package org.migrex.exchange.streams;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that is fully configured when it is made (by node-common's {@code AvroSerdeFactory}: registry URL,
 * auto-registration, reader class) and ignores later {@code configure} calls. The Kafka Streams binder configures
 * every serde it resolves with the binder's own settings, which know nothing of the reader class; without this the
 * deserializer would lose it.
 */
public final class PreconfiguredSerde<T> implements Serde<T> {
    private final Serde<T> delegate;

    public PreconfiguredSerde(Serde<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured at construction
    }

    @Override
    public Serializer<T> serializer() {
        return delegate.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        return delegate.deserializer();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
