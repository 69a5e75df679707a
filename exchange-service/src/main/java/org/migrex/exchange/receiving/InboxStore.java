package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Topics;

/**
 * The verified datasets this node has received: for each (sender, dataflow, period) the one with the highest
 * revision, as the {@link Receipt} function keeps them in its {@value Receipt#INBOX_STORE} state store (key
 * {@code <SENDER>|<dataflow>|<period>}), read through interactive queries.
 */
public final class InboxStore {
    /** What the receipt does with a verified dataset, given the stored one. */
    public enum Offer {
        /** First or newer revision: stored. */
        STORED,
        /** The same revision with the same content is already stored (a re-delivery): nothing changed. */
        DUPLICATE,
        /** A revision lower than the stored one: ignored. */
        STALE,
        /** The same revision number with different content: ignored, the first one stays. */
        CONFLICT
    }

    private final QueryableStores stores;

    public InboxStore(QueryableStores stores) {
        this.stores = stores;
    }

    /** Store key of a dataset: its inbox key. */
    static String key(ExchangeDataset d) {
        return Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod());
    }

    /**
     * Rule: store the offered dataset unless a revision at least as new is stored; the same revision is a
     * re-delivery when its checksum equals the stored one's, a conflict otherwise.
     */
    static Offer decide(ExchangeDataset current, ExchangeDataset offered, String offeredChecksum) {
        Objects.requireNonNull(offeredChecksum, "checksum");
        if (current == null || offered.getRevision() > current.getRevision()) {
            return Offer.STORED;
        }
        if (offered.getRevision() < current.getRevision()) {
            return Offer.STALE;
        }
        return offeredChecksum.equals(DatasetSignatures.checksum(current)) ? Offer.DUPLICATE : Offer.CONFLICT;
    }

    /** History store key of a dataset: its inbox key and its revision, zero-padded so that keys sort by revision. */
    static String historyKey(ExchangeDataset d) {
        return key(d) + "|" + String.format("%019d", d.getRevision());
    }

    /**
     * Every revision of the dataflow's datasets this node stored, oldest first within each (sender, period): the
     * revisions replaced by a newer one and the one in force. Revisions refused or ignored (stale, conflicting,
     * duplicate) are not in it. Stored since the history store exists: a node upgraded from an earlier version has
     * the revisions received before the upgrade only as its newest ones (the inbox).
     */
    public List<ExchangeDataset> history(String dataflow) {
        List<ExchangeDataset> all = stores.<String, ExchangeDataset, List<ExchangeDataset>>read(
                Receipt.INBOX_HISTORY_STORE, store -> {
                    List<ExchangeDataset> values = new ArrayList<>();
                    try (KeyValueIterator<String, ExchangeDataset> it = store.all()) {
                        it.forEachRemaining(entry -> values.add(entry.value));
                    }
                    return values;
                });
        List<ExchangeDataset> revisions = new ArrayList<>(all.stream()
                .filter(d -> dataflow == null || dataflow.equals(d.getDataflow())).toList());
        Set<String> held = revisions.stream().map(InboxStore::historyKey).collect(Collectors.toSet());
        // an inbox revision stored before the history store existed is added, so the one in force is never missing
        for (ExchangeDataset current : query(null, dataflow, null)) {
            if (!held.contains(historyKey(current))) {
                revisions.add(current);
            }
        }
        revisions.sort(Comparator.comparing(ExchangeDataset::getSender).thenComparing(ExchangeDataset::getDataflow)
                .thenComparing(ExchangeDataset::getPeriod).thenComparingLong(ExchangeDataset::getRevision));
        return List.copyOf(revisions);
    }

    /** The stored revision for a key. */
    public Optional<ExchangeDataset> find(String sender, String dataflow, String period) {
        return Optional.ofNullable(stores.<String, ExchangeDataset, ExchangeDataset>read(Receipt.INBOX_STORE,
                store -> store.get(Topics.datasetKey(sender, dataflow, period))));
    }

    /** Revision currently stored for a key, if any. */
    public Optional<Long> revision(String sender, String dataflow, String period) {
        return find(sender, dataflow, period).map(ExchangeDataset::getRevision);
    }

    /** Stored datasets matching every non-null argument, ordered by sender, dataflow, period. */
    public List<ExchangeDataset> query(String sender, String dataflow, String period) {
        List<ExchangeDataset> all = stores.<String, ExchangeDataset, List<ExchangeDataset>>read(Receipt.INBOX_STORE,
                store -> {
                    List<ExchangeDataset> values = new ArrayList<>();
                    try (KeyValueIterator<String, ExchangeDataset> it = store.all()) {
                        it.forEachRemaining(entry -> values.add(entry.value));
                    }
                    return values;
                });
        return all.stream()
                .filter(d -> sender == null || sender.equalsIgnoreCase(d.getSender()))
                .filter(d -> dataflow == null || dataflow.equals(d.getDataflow()))
                .filter(d -> period == null || period.equals(d.getPeriod()))
                .sorted(Comparator.comparing(ExchangeDataset::getSender).thenComparing(ExchangeDataset::getDataflow)
                        .thenComparing(ExchangeDataset::getPeriod))
                .toList();
    }

    public List<ExchangeDataset> all() {
        return query(null, null, null);
    }
}
