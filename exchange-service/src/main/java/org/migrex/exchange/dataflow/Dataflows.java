package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.Optional;
import org.migrex.exchange.dataflow.Dataflow.Dimension;
import org.migrex.schema.HarmonizedMigrationEvent;

/** The dataflows this node computes. */
public final class Dataflows {
    /**
     * {@code MIGR_FLOW}: immigration and emigration events by month, counterpart country, citizenship, sex, age
     * group, purpose and duration class; counts the events whose {@code flow} is set (IMM or EMI).
     */
    public static final Dataflow MIGR_FLOW = new Dataflow("MIGR_FLOW", "MIGREX", "1.0", "Migration flows",
            List.of(
                    new Dimension("REF_AREA", "Reference area (reporting country)", "CL_AREA",
                            HarmonizedMigrationEvent::getRefArea),
                    new Dimension("FLOW", "Migration flow", "CL_FLOW", HarmonizedMigrationEvent::getFlow),
                    new Dimension("COUNTERPART_AREA", "Counterpart area (previous or next residence)", "CL_AREA",
                            HarmonizedMigrationEvent::getCounterpartArea),
                    new Dimension("CITIZENSHIP", "Citizenship", "CL_AREA", HarmonizedMigrationEvent::getCitizenship),
                    new Dimension("SEX", "Sex", "CL_SEX", HarmonizedMigrationEvent::getSex),
                    new Dimension("AGE", "Age group", "CL_AGE", HarmonizedMigrationEvent::getAgeGroup),
                    new Dimension("PURPOSE", "Purpose", "CL_PURPOSE", HarmonizedMigrationEvent::getPurpose),
                    new Dimension("DURATION", "Duration class", "CL_DURATION",
                            HarmonizedMigrationEvent::getDurationClass),
                    new Dimension("TIME_PERIOD", "Time period (month)", null, HarmonizedMigrationEvent::getTimePeriod)),
            "OBS_VALUE", "events", event -> event.getFlow() != null);

    /** Every dataflow this node computes and accepts from partners. */
    public static List<Dataflow> all() {
        return List.of(MIGR_FLOW);
    }

    /** The dataflow with this id, if this node knows it. */
    public static Optional<Dataflow> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Ids of {@link #all()}. */
    public static List<String> ids() {
        return all().stream().map(Dataflow::id).toList();
    }

    private Dataflows() {
    }
}
