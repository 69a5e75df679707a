package org.migrex.harmonization.stream;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record the harmonization writes, before the topology routes it to its topic: {@code value} null is a
 * tombstone for the record key.
 *
 * @param to    which output binding (topic) it goes to
 * @param value a {@code HarmonizedMigrationEvent}, {@code QuarantinedRecord} or {@code IntakeQualityDelta}, or null
 */
public record HarmonizationOutput(Destination to, SpecificRecord value) {

    /** The outputs of the {@code harmonize} function, in the order of its output bindings. */
    public enum Destination {
        /** {@code harmonize-out-0}: {@code <cc>.harmonized.events}. */
        HARMONIZED_EVENTS,
        /** {@code harmonize-out-1}: {@code <cc>.quarantine}. */
        QUARANTINE,
        /** {@code harmonize-out-2}: {@code <cc>.intake.quality}, MIGR_QUALITY's quarantine counters. */
        INTAKE_QUALITY
    }

    static HarmonizationOutput event(SpecificRecord event) {
        return new HarmonizationOutput(Destination.HARMONIZED_EVENTS, event);
    }

    static HarmonizationOutput quarantine(SpecificRecord entry) {
        return new HarmonizationOutput(Destination.QUARANTINE, entry);
    }

    static HarmonizationOutput intakeQuality(SpecificRecord delta) {
        return new HarmonizationOutput(Destination.INTAKE_QUALITY, delta);
    }
}
