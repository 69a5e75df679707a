package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;

/** The rule the receipt applies to a verified dataset given the stored one, worked out by hand. */
class InboxStoreTest {

    private static ExchangeDataset dataset(long revision, long value) {
        return ExchangeDataset.newBuilder().setDatasetId("KAZ:A:2025-03:r" + revision).setSender("KAZ")
                .setReceiver("KGZ").setAgreementId("A").setDataflow("MIGR_FLOW").setPeriod("2025-03")
                .setRevision(revision).setStatus("PROVISIONAL").setGeneratedAt(Instant.EPOCH)
                .setObservations(List.of(new Observation(Map.of("SEX", "M"), value, "F"))).setKeyId("K")
                .setSignature(ByteBuffer.allocate(0)).build();
    }

    private static InboxStore.Offer offer(ExchangeDataset current, ExchangeDataset offered) {
        return InboxStore.decide(current, offered, DatasetSignatures.checksum(offered));
    }

    @Test
    void newerRevisionsAreStoredOlderIgnoredRepeatsTellDuplicateFromConflict() {
        assertThat(offer(null, dataset(1, 6))).isEqualTo(InboxStore.Offer.STORED);
        assertThat(offer(dataset(1, 6), dataset(2, 7))).isEqualTo(InboxStore.Offer.STORED);
        assertThat(offer(dataset(2, 7), dataset(1, 6))).isEqualTo(InboxStore.Offer.STALE);
        assertThat(offer(dataset(2, 7), dataset(2, 7))).isEqualTo(InboxStore.Offer.DUPLICATE);
        assertThat(offer(dataset(2, 7), dataset(2, 8))).isEqualTo(InboxStore.Offer.CONFLICT);
    }
}
