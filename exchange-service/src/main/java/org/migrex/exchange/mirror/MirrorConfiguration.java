package org.migrex.exchange.mirror;

import org.migrex.exchange.streams.QueryableStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The view of this node's aggregates, over the receipt function's state store. */
@Configuration(proxyBeanMethods = false)
public class MirrorConfiguration {

    @Bean
    OwnAggregates ownAggregates(QueryableStores stores) {
        return new OwnAggregates(stores);
    }
}
