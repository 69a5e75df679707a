package org.migrex.node;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topics a service needs on the node's cluster beyond {@link org.migrex.schema.Topics#all()}, because they depend on
 * its configuration (the exchange's outboxes of receivers that pull, and the copies of partners' outboxes that this
 * node pulls). Created with the node's own topics, before any binding starts.
 */
@FunctionalInterface
public interface ExtraTopics {
    /** The topics, as they are to be created (each decides its own partitions). */
    List<NewTopic> newTopics(short replicationFactor);
}
