package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;

import java.util.Optional;

/**
 * MIGR_PERMITS counts permits issued: events, not persons (statistical definitions v2). Every harmonized
 * RESIDENCE_PERMIT or WORK_PERMIT counts once, in the cell of its own attributes; there is no scope test, since a
 * permit is issued to a foreigner by definition, and no renewal rule, since each permit issued is an administrative
 * act the dataflow counts. (Disclosure control still counts distinct persons in a cell.)
 */
public final class Permits {

    /** The MIGR_PERMITS cell of a permit: REF_AREA, PERMIT_TYPE, CITIZENSHIP, SEX, AGE, PURPOSE, TIME_PERIOD. */
    public record PermitObservation(String refArea, PermitType permitType, String citizenship, String sex,
                                    String ageGroup, String purpose, String timePeriod) {
    }

    private Permits() {
    }

    /** The cell {@code event} counts in, or empty when it is not a permit (or a deletion, null). */
    public static Optional<PermitObservation> observationOf(HarmonizedMigrationEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        PermitType type = switch (event.getEventType()) {
            case "RESIDENCE_PERMIT" -> PermitType.RESIDENCE_PERMIT;
            case "WORK_PERMIT" -> PermitType.WORK_PERMIT;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new PermitObservation(event.getRefArea(), type, event.getCitizenship(), event.getSex(),
                event.getAgeGroup(), event.getPurpose(), event.getTimePeriod()));
    }
}
