package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.Optional;
import org.migrex.exchange.dataflow.Dataflow.Dimension;
import org.migrex.statistics.Permits.PermitObservation;
import org.migrex.statistics.Registration;

/** The dataflows this node computes, delivers under agreements and accepts from partners. */
public final class Dataflows {
    /**
     * {@code MIGR_FLOW} v2: immigrations and emigrations of migrants (persons, statistical definitions v2) by month,
     * counterpart country, citizenship, sex, age group, purpose and duration class. Its unit is a registration that
     * counts: in scope (international migration, not mobility) and not a renewal of the same person's stay
     * ({@code org.migrex.statistics.PersonHistory}); its codes are that registration's own attributes. FLOW has no
     * total (IMM + EMI means nothing).
     */
    public static final Dataflow<Registration> MIGR_FLOW = new Dataflow<>("MIGR_FLOW", "MIGREX", "2.0",
            "Migration flows (persons)",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (reporting country)", "CL_AREA", true,
                            Registration::refArea),
                    new Dimension<>("FLOW", "Migration flow", "CL_FLOW", false, r -> r.flow().name()),
                    new Dimension<>("COUNTERPART_AREA", "Counterpart area (previous or next residence)", "CL_AREA",
                            true, Registration::counterpartArea),
                    new Dimension<>("CITIZENSHIP", "Citizenship", "CL_AREA", true, Registration::citizenship),
                    new Dimension<>("SEX", "Sex", "CL_SEX", true, Registration::sex),
                    new Dimension<>("AGE", "Age group at the event", "CL_AGE", true, Registration::ageGroup),
                    new Dimension<>("PURPOSE", "Purpose", "CL_PURPOSE", true, Registration::purpose),
                    new Dimension<>("DURATION", "Duration class (UN 1998, calendar months)", "CL_DURATION", true,
                            Registration::durationClass),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (month)", null, false,
                            Registration::timePeriod)),
            "OBS_VALUE", "persons");

    /**
     * {@code MIGR_PERMITS} 1.0: residence and work permits issued per month, by permit type, citizenship, sex, age
     * group at issue and purpose (statistical definitions v2: permits are counted as events, not persons). Its unit is
     * a harmonized RESIDENCE_PERMIT or WORK_PERMIT event ({@code org.migrex.statistics.Permits#observationOf}); every
     * one counts once, in the cell of its own attributes. PERMIT_TYPE has no total (see {@code CL_PERMIT_TYPE}).
     */
    public static final Dataflow<PermitObservation> MIGR_PERMITS = new Dataflow<>("MIGR_PERMITS", "MIGREX", "1.0",
            "Residence and work permits issued",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (issuing country)", "CL_AREA", true,
                            PermitObservation::refArea),
                    new Dimension<>("PERMIT_TYPE", "Type of permit", "CL_PERMIT_TYPE", false,
                            p -> p.permitType().name()),
                    new Dimension<>("CITIZENSHIP", "Citizenship", "CL_AREA", true, PermitObservation::citizenship),
                    new Dimension<>("SEX", "Sex", "CL_SEX", true, PermitObservation::sex),
                    new Dimension<>("AGE", "Age group at issue", "CL_AGE", true, PermitObservation::ageGroup),
                    new Dimension<>("PURPOSE", "Purpose (reason for the permit)", "CL_PURPOSE", true,
                            PermitObservation::purpose),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (month of issue)", null, false,
                            PermitObservation::timePeriod)),
            "OBS_VALUE", "permits");

    /**
     * The dataflow whose aggregate keys carry no dataflow prefix and whose cells keep the first binary encoding
     * ({@link Cell#key()}, {@link CellSerde}): {@code MIGR_FLOW}, the only dataflow before there were several.
     */
    public static final Dataflow<Registration> UNPREFIXED = MIGR_FLOW;

    private static final List<Dataflow<?>> ALL = List.of(MIGR_FLOW, MIGR_PERMITS);

    /** Every dataflow this node computes and accepts from partners. */
    public static List<Dataflow<?>> all() {
        return ALL;
    }

    /** The dataflow with this id, if this node knows it. */
    public static Optional<Dataflow<?>> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The dataflow with this id; an unknown id is an IllegalArgumentException listing the known ones. */
    public static Dataflow<?> require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown dataflow '" + id
                + "'; this node knows " + ids()));
    }

    /** Ids of {@link #all()}. */
    public static List<String> ids() {
        return ALL.stream().map(Dataflow::id).toList();
    }

    private Dataflows() {
    }
}
