package org.migrex.exchange.sending;

import org.migrex.schema.ExchangeDataset;

/** Delivery to partners whose inbox lives on another Kafka cluster than this node's. */
public interface RemoteInboxes {
    RemoteInboxes NONE = new RemoteInboxes() {
        @Override
        public boolean isRemote(String partner) {
            return false;
        }

        @Override
        public void deliver(String partner, String key, ExchangeDataset dataset) {
            throw new IllegalStateException("no remote cluster configured for " + partner);
        }
    };

    /** Whether the partner's inbox is on another cluster. */
    boolean isRemote(String partner);

    /** Writes the dataset to the partner's inbox in one Kafka transaction on its cluster; throws when that failed. */
    void deliver(String partner, String key, ExchangeDataset dataset) throws Exception;
}
