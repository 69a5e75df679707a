package org.migrex.exchange.sending;

import org.apache.kafka.common.serialization.Serde;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.RevisionRequest;

/** Serdes of the sending side's topics, for tests. */
record SendingSerdes(Serde<HarmonizedMigrationEvent> events, Serde<MigrationAggregate> aggregates,
        Serde<ExchangeDataset> datasets, Serde<DeliveryAuditRecord> audit, Serde<IntakeQualityDelta> intake) {
    /** Serde of {@code <cc>.exchange.revision-requests} in topology tests. */
    Serde<RevisionRequest> revisionRequests() {
        return AvroBinarySerde.of(RevisionRequest.class);
    }

    SendingSerdes(Serde<HarmonizedMigrationEvent> events, Serde<MigrationAggregate> aggregates,
            Serde<ExchangeDataset> datasets, Serde<DeliveryAuditRecord> audit) {
        this(events, aggregates, datasets, audit, AvroBinarySerde.of(IntakeQualityDelta.class));
    }
}
