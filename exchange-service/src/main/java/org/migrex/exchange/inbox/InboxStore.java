package org.migrex.exchange.inbox;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.migrex.schema.ExchangeDataset;

/**
 * The verified datasets this node has received: for each (sender, dataflow, period) the one with the highest
 * revision. In memory; {@link InboxFollower} rebuilds it at start by re-reading the compacted inbox topic from the
 * beginning.
 */
public final class InboxStore {
    /** Identity of a dataset across its revisions. */
    public record DatasetKey(String sender, String dataflow, String period) {
        public static DatasetKey of(ExchangeDataset d) {
            return new DatasetKey(d.getSender(), d.getDataflow(), d.getPeriod());
        }
    }

    /** What {@link #offer} did with a dataset. */
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

    private final ConcurrentMap<DatasetKey, Stored> datasets = new ConcurrentHashMap<>();

    private record Stored(ExchangeDataset dataset, String checksum) {
    }

    /**
     * Stores the dataset unless a revision at least as new is already stored.
     *
     * @param checksum the dataset's checksum, to tell a re-delivery from a conflicting revision
     */
    public Offer offer(ExchangeDataset dataset, String checksum) {
        Objects.requireNonNull(checksum, "checksum");
        Offer[] outcome = new Offer[1];
        datasets.compute(DatasetKey.of(dataset), (key, current) -> {
            if (current == null || dataset.getRevision() > current.dataset().getRevision()) {
                outcome[0] = Offer.STORED;
                return new Stored(dataset, checksum);
            }
            if (dataset.getRevision() < current.dataset().getRevision()) {
                outcome[0] = Offer.STALE;
            } else {
                outcome[0] = checksum.equals(current.checksum()) ? Offer.DUPLICATE : Offer.CONFLICT;
            }
            return current;
        });
        return outcome[0];
    }

    /** The stored revision for a key. */
    public Optional<ExchangeDataset> find(String sender, String dataflow, String period) {
        return Optional.ofNullable(datasets.get(new DatasetKey(sender, dataflow, period))).map(Stored::dataset);
    }

    /** Revision currently stored for a key, if any. */
    public Optional<Long> revision(String sender, String dataflow, String period) {
        return find(sender, dataflow, period).map(ExchangeDataset::getRevision);
    }

    /** Stored datasets matching every non-null argument, ordered by sender, dataflow, period. */
    public List<ExchangeDataset> query(String sender, String dataflow, String period) {
        return datasets.values().stream().map(Stored::dataset)
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
