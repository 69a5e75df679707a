package org.migrex.exchange.dataflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The definition of one dataflow, from which everything downstream of counting derives: the cube cell
 * ({@link Cell}, its serde and its key on {@code <cc>.aggregates}), the Avro aggregate's dimension map, the dataset
 * projection and totals (agreements name these dimension ids), the receiver's validation, and the SDMX structures
 * (DSD, code lists, dataflow) and data. Its dimensions in order, each with its code list, whether tables give it a
 * {@code _T} total, and how its code is read from the counted unit; its measure and unit of count. A new dataflow is a
 * new constant in {@link Dataflows} (and, for its counting, a rule in the aggregation), not new code downstream.
 *
 * <p>Instances are the constants of {@link Dataflows} and compare by identity.
 *
 * @param <U> what one unit of count is read from: for {@code MIGR_FLOW} a counted registration of a person
 *            ({@code org.migrex.statistics.Registration}), after the renewal rule has decided that it counts; for
 *            {@code MIGR_PERMITS} a permit issued ({@code org.migrex.statistics.Permits.PermitObservation})
 */
public final class Dataflow<U> {
    /** The code of a total, in every totalled dimension. */
    public static final String TOTAL = "_T";
    /** The time dimension's id in every dataflow of this node. */
    public static final String TIME_PERIOD = "TIME_PERIOD";

    /**
     * A dimension.
     *
     * @param id SDMX dimension id
     * @param name human name
     * @param codelistId its code list ({@link Codelists}), or null for the (uncoded) time dimension and for an
     *                   uncoded dimension with a {@code textPattern}
     * @param totalled whether a delivered table adds a {@code _T} total over this dimension's codes when it keeps it;
     *                 false where a sum of the codes means nothing (IMM + EMI) and for the time dimension
     * @param code the dimension's code of a counted unit
     * @param textPattern for an uncoded dimension whose codes are node-defined ids rather than a code list
     *                    (MIGR_QUALITY's SOURCE): the regular expression every code matches (besides {@code _T}); null
     *                    for a coded dimension and for the time dimension
     * @param <U> the counted unit
     */
    public record Dimension<U>(String id, String name, String codelistId, boolean totalled, Function<U, String> code,
            String textPattern) {
        /** A coded dimension (or, with a null code list, the time dimension). */
        public Dimension(String id, String name, String codelistId, boolean totalled, Function<U, String> code) {
            this(id, name, codelistId, totalled, code, null);
        }

        /** An uncoded dimension whose codes match {@code textPattern}. */
        public static <U> Dimension<U> uncoded(String id, String name, String textPattern, boolean totalled,
                Function<U, String> code) {
            return new Dimension<>(id, name, null, totalled, code, textPattern);
        }

        /** Whether this is the time dimension {@value Dataflow#TIME_PERIOD}. */
        public boolean isTime() {
            return TIME_PERIOD.equals(id);
        }

        /** Whether {@code code} is a code of this (non-time) dimension: in its code list, or matching its pattern. */
        public boolean accepts(String code) {
            if (textPattern != null) {
                return code.matches(textPattern);
            }
            return Codelists.find(codelistId).map(cl -> cl.contains(code)).orElse(false);
        }
    }

    private final String id;
    private final String agency;
    private final String version;
    private final String name;
    private final List<Dimension<U>> dimensions;
    private final List<String> dimensionIds;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String measure;
    private final String unitOfCount;
    private final PeriodType periodType;
    private final long valueBound;
    private final boolean disclosureControlled;

    /** The bound of an observation's value in a dataset of a counting dataflow: {@code 0 <= v < 10^9}. */
    public static final long COUNT_BOUND = 1_000_000_000L;

    /** A dataflow by month ({@link PeriodType#MONTH}), as every migration dataflow is. */
    public Dataflow(String id, String agency, String version, String name, List<Dimension<U>> dimensions,
            String measure, String unitOfCount) {
        this(id, agency, version, name, dimensions, measure, unitOfCount, PeriodType.MONTH, COUNT_BOUND, true);
    }

    /**
     * @param id dataflow id ({@code MIGR_FLOW}); also the id of its DSD
     * @param agency SDMX maintenance agency
     * @param version SDMX version of the dataflow and its DSD
     * @param name human name
     * @param dimensions dimensions in key order; the last is the time dimension {@value #TIME_PERIOD}
     * @param measure the measure's id ({@code OBS_VALUE})
     * @param unitOfCount what one unit of the measure is (e.g. {@code persons})
     * @param periodType what its {@value #TIME_PERIOD} codes are: months or quarters
     * @param valueBound a delivered observation's value {@code v} is {@code 0 <= v < valueBound}
     * @param disclosureControlled whether its values count persons or their acts, so that an agreement's
     *                             disclosure control (k, protection interval) applies; false for published prices
     *                             and money amounts (REMITTANCES)
     */
    public Dataflow(String id, String agency, String version, String name, List<Dimension<U>> dimensions,
            String measure, String unitOfCount, PeriodType periodType, long valueBound, boolean disclosureControlled) {
        this.disclosureControlled = disclosureControlled;
        this.periodType = java.util.Objects.requireNonNull(periodType, "periodType");
        this.valueBound = valueBound;
        this.id = id;
        this.agency = agency;
        this.version = version;
        this.name = name;
        this.dimensions = List.copyOf(dimensions);
        if (this.dimensions.isEmpty()) {
            throw new IllegalArgumentException("dataflow " + id + " has no dimensions");
        }
        if (!TIME_PERIOD.equals(this.dimensions.getLast().id()) || this.dimensions.getLast().codelistId() != null
                || this.dimensions.getLast().textPattern() != null || this.dimensions.getLast().totalled()) {
            throw new IllegalArgumentException("dataflow " + id + " must end with the uncoded, untotalled "
                    + TIME_PERIOD + " dimension");
        }
        List<String> ids = new ArrayList<>();
        for (Dimension<U> d : this.dimensions) {
            if (positions.putIfAbsent(d.id(), ids.size()) != null) {
                throw new IllegalArgumentException("dataflow " + id + " lists dimension " + d.id() + " twice");
            }
            if (d.codelistId() == null && d.textPattern() == null && !d.isTime()) {
                throw new IllegalArgumentException("dataflow " + id + ", dimension " + d.id()
                        + ": neither a code list nor a text pattern");
            }
            if (d.codelistId() != null && d.textPattern() != null) {
                throw new IllegalArgumentException("dataflow " + id + ", dimension " + d.id()
                        + ": a code list and a text pattern");
            }
            if (d.codelistId() != null && Codelists.find(d.codelistId()).isEmpty()) {
                throw new IllegalArgumentException("dataflow " + id + ", dimension " + d.id() + " names code list "
                        + d.codelistId() + ", which is not defined; defined: " + Codelists.ids());
            }
            ids.add(d.id());
        }
        this.dimensionIds = List.copyOf(ids);
        this.measure = measure;
        this.unitOfCount = unitOfCount;
    }

    public String id() {
        return id;
    }

    public String agency() {
        return agency;
    }

    public String version() {
        return version;
    }

    public String name() {
        return name;
    }

    /** Dimensions in key order; the last is the time dimension. */
    public List<Dimension<U>> dimensions() {
        return dimensions;
    }

    public String measure() {
        return measure;
    }

    public String unitOfCount() {
        return unitOfCount;
    }

    /** A delivered observation's value {@code v} is {@code 0 <= v < valueBound()} ({@link #COUNT_BOUND} for counts). */
    public long valueBound() {
        return valueBound;
    }

    /** Whether an agreement's disclosure control (k, protection interval) applies to the dataflow's values. */
    public boolean disclosureControlled() {
        return disclosureControlled;
    }

    /** What the dataflow's periods are ({@link PeriodType#MONTH} or {@link PeriodType#QUARTER}). */
    public PeriodType periodType() {
        return periodType;
    }

    /** Dimension ids in key order. */
    public List<String> dimensionIds() {
        return dimensionIds;
    }

    /** The time dimension (the last). */
    public Dimension<U> timeDimension() {
        return dimensions.getLast();
    }

    /** Whether the dataflow has this dimension. */
    public boolean hasDimension(String dimensionId) {
        return positions.containsKey(dimensionId);
    }

    /** Position of the dimension in key order, or -1. */
    public int indexOf(String dimensionId) {
        Integer position = positions.get(dimensionId);
        return position == null ? -1 : position;
    }

    /** The dimension with this id. */
    public Optional<Dimension<U>> dimension(String dimensionId) {
        int i = indexOf(dimensionId);
        return i < 0 ? Optional.empty() : Optional.of(dimensions.get(i));
    }

    /** The cell one counted unit counts in: its code of every dimension, in key order. */
    public Cell cellOf(U unit) {
        List<String> codes = new ArrayList<>(dimensions.size());
        for (Dimension<U> dimension : dimensions) {
            codes.add(dimension.code().apply(unit));
        }
        return new Cell(this, codes);
    }

    // --- SDMX identity and code lists ---------------------------------------------------------------------------

    /** {@code MIGREX:MIGR_FLOW(2.0)}, the SDMX-CSV STRUCTURE_ID. */
    public String structureId() {
        return agency + ":" + id + "(" + version + ")";
    }

    public String dataflowUrn() {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + structureId();
    }

    /** The DSD has the dataflow's id and version. */
    public String dsdUrn() {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + structureId();
    }

    /** The code lists the DSD references (its dimensions' and CONF_STATUS'), in {@link Codelists#all()} order. */
    public List<Codelists.Codelist> codelists() {
        List<String> used = new ArrayList<>();
        dimensions.stream().map(Dimension::codelistId).filter(c -> c != null).forEach(used::add);
        used.add(Codelists.CL_CONF_STATUS);
        return Codelists.all().stream().filter(cl -> used.contains(cl.id())).toList();
    }

    /** Code list of a dimension; empty for the time dimension or an id the dataflow lacks. */
    public Optional<Codelists.Codelist> codelistOf(String dimensionId) {
        return dimension(dimensionId).map(Dimension::codelistId).flatMap(Codelists::find);
    }

    /** Orders codes of a dimension as its code list does (unknown codes last, alphabetically); periods by text. */
    public Comparator<String> codeOrder(String dimensionId) {
        Optional<Codelists.Codelist> cl = codelistOf(dimensionId);
        return Comparator.<String>comparingInt(code -> cl.map(c -> c.indexOf(code)).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder());
    }

    /** Human name of a code, or the code itself. */
    public String codeName(String dimensionId, String code) {
        return codelistOf(dimensionId).flatMap(cl -> cl.codes().stream().filter(c -> c.id().equals(code)).findFirst())
                .map(Codelists.Code::name).orElse(code);
    }

    @Override
    public String toString() {
        return structureId();
    }
}
