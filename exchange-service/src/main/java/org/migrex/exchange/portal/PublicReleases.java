package org.migrex.exchange.portal;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;
import org.migrex.exchange.receiving.sdmx.SdmxObservations;
import org.migrex.exchange.sending.Delivery;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.Topics;

/**
 * Reads the PUBLIC release ({@link PublicRelease}) from the delivery's {@code published-tables} store through
 * interactive queries; the pages and downloads of the public portal show nothing else.
 */
public class PublicReleases {
    private final Topics topics;
    private final List<ExchangeAgreement> publicAgreements;
    private final QueryableStores stores;

    public PublicReleases(Topics topics, List<ExchangeAgreement> agreements, QueryableStores stores) {
        this.topics = topics;
        this.publicAgreements = agreements.stream().filter(ExchangeAgreement::isPublic).toList();
        this.stores = stores;
    }

    /** The dataflows this node releases for publication, in agreement order. */
    public List<Dataflow<?>> dataflows() {
        return publicAgreements.stream().<Dataflow<?>>map(ExchangeAgreement::dataflow).distinct().toList();
    }

    public String node() {
        return topics.nodeCode();
    }

    /** The released observations of the dataflow in DSD order (empty if nothing of it is released). */
    public List<SdmxObservation> observations(Dataflow<?> dataflow) {
        List<String> agreementIds = publicAgreements.stream().filter(a -> a.dataflow() == dataflow)
                .map(ExchangeAgreement::id).toList();
        if (agreementIds.isEmpty()) {
            return List.of();
        }
        List<PublishedTable> tables = stores.read(Delivery.PUBLISHED_TABLES,
                (ReadOnlyKeyValueStore<String, String> store) -> {
                    List<PublishedTable> found = new ArrayList<>();
                    try (KeyValueIterator<String, String> scan = store.prefixScan(ExchangeAgreement.PUBLIC + "|",
                            new StringSerializer())) {
                        while (scan.hasNext()) {
                            PublishedTable t = PublishedTable.parse(scan.next().value);
                            if (agreementIds.contains(t.agreementId())) {
                                found.add(t);
                            }
                        }
                    }
                    return found;
                });
        return PublicRelease.observations(dataflow, node(), tables).stream()
                .sorted(SdmxObservations.dsdOrder(dataflow)).toList();
    }
}
