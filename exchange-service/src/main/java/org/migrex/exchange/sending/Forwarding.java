package org.migrex.exchange.sending;

import java.util.function.Consumer;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding function: copies each dataset of the node's own {@code <cc>.exchange.outbox} to the inbox of its
 * receiver on the receiver's cluster ({@link RemoteInboxes}, one Kafka transaction there per dataset).
 *
 * <p>It runs as its own Kafka Streams application (own application id, at-least-once), so waiting on a partner's
 * cluster holds up only this copy, never the aggregation or the delivery. A failed copy throws: the stream thread is
 * replaced and reads the record again from the last committed offset, so a partner that is down receives its
 * datasets in order once it is back. Since the partner's transaction cannot be the one that commits the outbox
 * offset, a crash between the two copies the same revision again; receivers keep the newest revision per key and
 * report a repeated one as DUPLICATE. Moving datasets between clusters is deliberately small here: a later issue
 * owns cross-cluster transport (mirroring, a regional hub).
 */
public final class Forwarding implements Consumer<KStream<String, ExchangeDataset>> {
    private static final Logger log = LoggerFactory.getLogger(Forwarding.class);
    private final RemoteInboxes remote;
    private final DeliveryListener listener;

    public Forwarding(RemoteInboxes remote, DeliveryListener listener) {
        this.remote = remote;
        this.listener = listener;
    }

    @Override
    public void accept(KStream<String, ExchangeDataset> outbox) {
        outbox.foreach((key, dataset) -> {
            if (dataset == null) {
                return;
            }
            String inboxKey = Topics.datasetKey(dataset.getSender(), dataset.getDataflow(), dataset.getPeriod());
            try {
                remote.deliver(dataset.getReceiver(), inboxKey, dataset);
                log.info("forwarded {} revision {} to the cluster of {}", inboxKey, dataset.getRevision(),
                        dataset.getReceiver());
            } catch (Exception e) {
                listener.failed(dataset.getReceiver());
                throw new IllegalStateException("forwarding " + dataset.getDatasetId() + " to the cluster of "
                        + dataset.getReceiver() + " failed; it is retried from the outbox: " + e, e);
            }
        }, Named.as("forward-to-partner-cluster"));
    }
}
