package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.Optional;
import org.migrex.exchange.dataflow.Dataflow.Dimension;
import org.migrex.statistics.Acquisitions.AcquisitionObservation;
import org.migrex.statistics.Permits.PermitObservation;
import org.migrex.statistics.Quality.QualityObservation;
import org.migrex.statistics.Registration;
import org.migrex.statistics.Remittances.RemittanceObservation;
import org.migrex.statistics.Stock.StockObservation;

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
     * {@code MIGR_ACQ} 1.0: citizenship acquisitions per month, by previous citizenship, sex and age group at the grant
     * (statistical definitions v2: persons). Its unit is a person with at least one CITIZENSHIP_GRANT: of the
     * person's grants the earliest by {@code (eventDate, recordKey)} counts, in its own month and attributes
     * ({@code org.migrex.statistics.Acquisitions#personCellOfGrants}); a later grant of the same person is the same act
     * entered again and counts nowhere. CITIZENSHIP is the citizenship held before the grant ({@code _U} when the
     * register already shows REF_AREA's).
     */
    public static final Dataflow<AcquisitionObservation> MIGR_ACQ = new Dataflow<>("MIGR_ACQ", "MIGREX", "1.0",
            "Acquisitions of citizenship (persons)",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (granting country)", "CL_AREA", true,
                            AcquisitionObservation::refArea),
                    new Dimension<>("CITIZENSHIP", "Previous citizenship", "CL_AREA", true,
                            AcquisitionObservation::previousCitizenship),
                    new Dimension<>("SEX", "Sex", "CL_SEX", true, AcquisitionObservation::sex),
                    new Dimension<>("AGE", "Age group at the grant", "CL_AGE", true, AcquisitionObservation::ageGroup),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (month of the grant)", null, false,
                            AcquisitionObservation::timePeriod)),
            "OBS_VALUE", "persons");

    /**
     * {@code MIGR_STOCK} 1.0: migrants usually resident on the first day of each month, by citizenship, country of
     * birth, sex and age group on that day (statistical definitions v2: persons). Its unit is a person in the stock
     * on the first day {@code t} of the month TIME_PERIOD ({@code org.migrex.statistics.Stock#memberOn}): the latest
     * counted IMM before {@code t} is LONG_TERM, no counted EMI lies between it and {@code t}, a declared stay ends
     * after {@code t}; the codes are that IMM's, the age group the one on {@code t}. A stock, not a flow: the months of
     * a dataset are not to be added up, and TIME_PERIOD has no total like every dataflow's.
     */
    public static final Dataflow<StockObservation> MIGR_STOCK = new Dataflow<>("MIGR_STOCK", "MIGREX", "1.0",
            "Stock of long-term migrants on the first day of the month (persons)",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (country of residence)", "CL_AREA", true,
                            o -> o.member().refArea()),
                    new Dimension<>("CITIZENSHIP", "Citizenship", "CL_AREA", true, o -> o.member().citizenship()),
                    new Dimension<>("COUNTRY_OF_BIRTH", "Country of birth", "CL_AREA", true,
                            o -> o.member().countryOfBirth()),
                    new Dimension<>("SEX", "Sex", "CL_SEX", true, o -> o.member().sex()),
                    new Dimension<>("AGE", "Age group on the reference date", "CL_AGE", true,
                            o -> o.member().ageGroup()),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (month whose first day is the reference date)",
                            null, false, StockObservation::timePeriod)),
            "OBS_VALUE", "persons");

    /** The codes of MIGR_QUALITY's SOURCE: a source id as ingestion accepts it ({@code _U} for a key without one). */
    public static final String SOURCE_PATTERN = "[A-Za-z0-9._-]{1,64}";

    /**
     * {@code MIGR_QUALITY} 1.0: how many harmonized records of each source and month did not count in MIGR_FLOW and
     * why, and how many that count have an unknown code. Unit: records (harmonized events of the node's own
     * processing, not persons). INDICATOR is a {@code org.migrex.statistics.QualityCounter}
     * ({@code CL_QUALITY_INDICATOR}):
     * <ul>
     *   <li>REGISTRATIONS: every IMM or EMI registration, in scope or not, fed per record
     *       ({@code Quality#ofEvent});</li>
     *   <li>INTERNAL_OR_UNKNOWN, TEMPORARY_STAY, EXCLUDED_PURPOSE, SCOPE_NOT_CLASSIFIED: the out-of-scope reason of a
     *       record, fed per record;</li>
     *   <li>RENEWAL, COUNTED: the person-history verdict of an in-scope registration, fed from the person's history
     *       ({@code Quality#ofRenewal}, {@code Quality#ofCounted}), so they move when a correction or deletion of
     *       another registration of the person changes it;</li>
     *   <li>SEX_UNKNOWN, AGE_UNKNOWN, COUNTERPART_UNKNOWN, DURATION_UNKNOWN: counted registrations with that code
     *       {@code _U};</li>
     *   <li>LATE_AFTER_FINAL: registrations (in scope or not) whose current version was harmonized at or after the
     *       earliest instant the node's agreements make the month's datasets FINAL (end of month UTC +
     *       final-after), fed per record; a part of REGISTRATIONS overlapping every other counter;</li>
     *   <li>the intake counters, FLOW {@code _Z}, unit rows or records, fed as deltas from {@code <cc>.intake.quality}
     *       ({@code Quality#observationOfIntake}): ROWS_RECEIVED, ROWS_ACCEPTED, ROWS_REJECTED per committed upload
     *       (ingestion), QUARANTINED and QUARANTINED_&lt;rule&gt; for the records in quarantine now
     *       (harmonization). {@code ROWS_RECEIVED = ROWS_ACCEPTED + ROWS_REJECTED}; a quarantined record with several
     *       rules counts once in QUARANTINED and once under each of its rules.</li>
     * </ul>
     * In every cell of REF_AREA, SOURCE, FLOW and TIME_PERIOD: {@code REGISTRATIONS = INTERNAL_OR_UNKNOWN +
     * TEMPORARY_STAY + EXCLUDED_PURPOSE + SCOPE_NOT_CLASSIFIED + RENEWAL + COUNTED}. Shares are the reader's: a
     * reason's is {@code reason / REGISTRATIONS}, an unknown's {@code unknown / COUNTED}. INDICATOR has no total
     * (the indicators overlap) nor has FLOW (as in MIGR_FLOW); SOURCE is uncoded (node-defined ids matching
     * {@link #SOURCE_PATTERN}, the source part of the record key) and totalled.
     */
    public static final Dataflow<QualityObservation> MIGR_QUALITY = new Dataflow<>("MIGR_QUALITY", "MIGREX", "1.0",
            "Data quality of migration flows (records)",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (reporting country)", "CL_AREA", true,
                            QualityObservation::refArea),
                    Dimension.uncoded("SOURCE", "Source of the records (the node's source id)", SOURCE_PATTERN,
                            true, QualityObservation::source),
                    new Dimension<>("FLOW", "Migration flow of the registration (_Z: an intake counter)",
                            Codelists.CL_QUALITY_FLOW, false, QualityObservation::flow),
                    new Dimension<>("INDICATOR", "Data quality indicator", Codelists.CL_QUALITY_INDICATOR, false,
                            q -> q.indicator().name()),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (month of the event)", null, false,
                            QualityObservation::timePeriod)),
            "OBS_VALUE", "records");

    /**
     * {@code REMITTANCES} 1.0: remittance costs (SDG 10.c.1, World Bank RPW method) and flows per corridor and quarter
     * (docs/remittances.md). Not a count of persons: INDICATOR says what a value is
     * ({@code org.migrex.statistics.Remittances.Indicator}). The price indicators PRICE_POINTS, COSTED_POINTS and
     * COST_SUM (0.0001 percentage points) are the additive sums of the node's surveyed price points
     * ({@code Remittances#observationsOf}); the average total cost of a corridor-quarter and band is
     * {@code COST_SUM / COSTED_POINTS}, derived where it is read. FLOW_VALUE (0.0001 units of CURRENCY) is the money
     * the node's country recorded through a corridor, in USD and in the national currency. The corridor is absolute:
     * an outflow has REF_AREA = SENDING_AREA, an inflow REF_AREA = RECEIVING_AREA, so a partner's mirror figure has
     * the same key with the other REF_AREA. No dimension but REF_AREA has a {@code _T}: a sum over indicators, bands
     * or currencies means nothing, and the SDG averages are per corridor. Periods are quarters {@code YYYY-Qn}.
     */
    public static final Dataflow<RemittanceObservation> REMITTANCES = new Dataflow<>("REMITTANCES", "MIGREX", "1.0",
            "Remittance costs (SDG 10.c.1 sums) and flows by corridor",
            List.of(
                    new Dimension<>("REF_AREA", "Reference area (reporting country)", "CL_AREA", true,
                            RemittanceObservation::refArea),
                    new Dimension<>("INDICATOR", "Remittance indicator", Codelists.CL_REMIT_INDICATOR, false,
                            o -> o.indicator().name()),
                    new Dimension<>("SENDING_AREA", "Sending country of the corridor", "CL_AREA", false,
                            RemittanceObservation::sendingArea),
                    new Dimension<>("RECEIVING_AREA", "Receiving country of the corridor", "CL_AREA", false,
                            RemittanceObservation::receivingArea),
                    new Dimension<>("AMOUNT", "Amount priced (RPW band; _Z for a flow)", Codelists.CL_AMOUNT_BAND,
                            false, RemittanceObservation::amount),
                    new Dimension<>("CURRENCY", "Currency of a flow (_Z for a price indicator)", Codelists.CL_CURRENCY,
                            false, RemittanceObservation::currency),
                    new Dimension<>(Dataflow.TIME_PERIOD, "Time period (quarter)", null, false,
                            RemittanceObservation::quarter)),
            "OBS_VALUE", "see INDICATOR: price points, 0.0001 percentage points, 0.0001 currency units",
            PeriodType.QUARTER, Long.MAX_VALUE, false);

    /**
     * The dataflow whose aggregate keys carry no dataflow prefix and whose cells keep the first binary encoding
     * ({@link Cell#key()}, {@link CellSerde}): {@code MIGR_FLOW}, the only dataflow before there were several.
     */
    public static final Dataflow<Registration> UNPREFIXED = MIGR_FLOW;

    private static final List<Dataflow<?>> ALL = List.of(MIGR_FLOW, MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY,
            MIGR_STOCK, REMITTANCES);

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
