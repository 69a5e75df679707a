package org.migrex.harmonization.rules;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.QuarantineReason;

import java.util.List;

/** What the rules made of one raw record: a harmonized event, or every reason why not. */
public sealed interface HarmonizationOutcome {

    /** Reference data version the rules used. */
    String referenceDataVersion();

    record Harmonized(HarmonizedMigrationEvent event) implements HarmonizationOutcome {
        @Override
        public String referenceDataVersion() {
            return event.getLineage().getReferenceDataVersion();
        }
    }

    record Quarantined(List<QuarantineReason> reasons, String referenceDataVersion) implements HarmonizationOutcome {
        public Quarantined {
            reasons = List.copyOf(reasons);
        }
    }
}
