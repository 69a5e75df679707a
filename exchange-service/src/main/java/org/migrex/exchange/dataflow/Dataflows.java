package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.Optional;
import org.migrex.exchange.dataflow.Dataflow.Dimension;
import org.migrex.statistics.Registration;

/** The dataflows this node computes. */
public final class Dataflows {
    /**
     * {@code MIGR_FLOW} v2: immigrations and emigrations of migrants (persons, statistical definitions v2) by month,
     * counterpart country, citizenship, sex, age group, purpose and duration class. Its unit is a registration that
     * counts: in scope (international migration, not mobility) and not a renewal of the same person's stay
     * ({@code org.migrex.statistics.PersonHistory}); its codes are that registration's own attributes.
     */
    public static final Dataflow<Registration> MIGR_FLOW = new Dataflow<>("MIGR_FLOW", "MIGREX", "2.0",
            "Migration flows (persons)",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (reporting country)", "CL_AREA", Registration::refArea),
                    new Dimension<>("FLOW", "Migration flow", "CL_FLOW", r -> r.flow().name()),
                    new Dimension<>("COUNTERPART_AREA", "Counterpart area (previous or next residence)", "CL_AREA",
                            Registration::counterpartArea),
                    new Dimension<>("CITIZENSHIP", "Citizenship", "CL_AREA", Registration::citizenship),
                    new Dimension<>("SEX", "Sex", "CL_SEX", Registration::sex),
                    new Dimension<>("AGE", "Age group at the event", "CL_AGE", Registration::ageGroup),
                    new Dimension<>("PURPOSE", "Purpose", "CL_PURPOSE", Registration::purpose),
                    new Dimension<>("DURATION", "Duration class (UN 1998, calendar months)", "CL_DURATION",
                            Registration::durationClass),
                    new Dimension<>("TIME_PERIOD", "Time period (month)", null, Registration::timePeriod)),
            "OBS_VALUE", "persons");

    /** Every dataflow this node computes and accepts from partners. */
    public static List<Dataflow<?>> all() {
        return List.of(MIGR_FLOW);
    }

    /** The dataflow with this id, if this node knows it. */
    public static Optional<Dataflow<?>> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Ids of {@link #all()}. */
    public static List<String> ids() {
        return all().stream().map(Dataflow::id).toList();
    }

    private Dataflows() {
    }
}
