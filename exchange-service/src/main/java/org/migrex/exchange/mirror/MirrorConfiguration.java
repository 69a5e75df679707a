package org.migrex.exchange.mirror;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.migrex.exchange.inbox.InboxProperties;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory view of this node's aggregates and the follower that keeps it current. */
@Configuration(proxyBeanMethods = false)
public class MirrorConfiguration {

    @Bean
    OwnAggregates ownAggregates() {
        return new OwnAggregates();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "migrex.inbox.enabled", matchIfMissing = true)
    AggregatesFollower aggregatesFollower(MigrexNodeProperties node, InboxProperties properties, Topics topics,
                                          AvroSerdeFactory serdes, OwnAggregates view,
                                          ObjectProvider<MeterRegistry> meters) {
        return new AggregatesFollower(node.kafka().bootstrapServers(), topics, serdes, view,
                meters.getIfAvailable(SimpleMeterRegistry::new), properties.pollTimeout());
    }
}
