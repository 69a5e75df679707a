package org.migrex.exchange.streams;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Key-value state stores of the exchange functions, read through the binder's {@link InteractiveQueryService}.
 * One instance per node holds every partition in the sandbox and in small deployments; a node scaled out to several
 * instances would have to ask the other hosts (not done: {@code application.server} is not set).
 */
public final class QueryableStores {
    private final ObjectProvider<InteractiveQueryService> queries;

    public QueryableStores(ObjectProvider<InteractiveQueryService> queries) {
        this.queries = queries;
    }

    /** The named store; {@link StoreNotReady} while Kafka Streams restores or rebalances it. */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        InteractiveQueryService service = queries.getIfAvailable();
        if (service == null) {
            throw new StoreNotReady(name, "no Kafka Streams function runs in this service");
        }
        try {
            ReadOnlyKeyValueStore<K, V> store = service.getQueryableStore(name, QueryableStoreTypes.keyValueStore());
            if (store == null) {
                throw new StoreNotReady(name, "the store is not known yet");
            }
            return store;
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new StoreNotReady(name, e.getMessage());
        }
    }

    /**
     * Reads the named store; a store that goes away while being read (rebalance, a binding stopped) is
     * {@link StoreNotReady} too.
     */
    public <K, V, T> T read(String name, java.util.function.Function<ReadOnlyKeyValueStore<K, V>, T> reading) {
        try {
            return reading.apply(keyValueStore(name));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady(name, e.getMessage());
        }
    }

    /** A store that cannot be read yet; answered as 503, readiness is DOWN meanwhile. */
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    public static final class StoreNotReady extends RuntimeException {
        public StoreNotReady(String store, String why) {
            super("state store '" + store + "' is not ready (Kafka Streams starting or rebalancing; retry shortly): "
                    + why);
        }
    }
}
