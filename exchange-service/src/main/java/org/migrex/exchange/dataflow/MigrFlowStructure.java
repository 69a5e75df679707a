package org.migrex.exchange.dataflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data structure definition {@code MIGREX:MIGR_FLOW(2.0)} and its code lists, as plain data; the dimensions
 * (order, names, code list ids) come from {@link Dataflows#MIGR_FLOW}.
 *
 * <p>Dimension order (the order of the dot-separated SDMX key and of the aggregate key on {@code <cc>.aggregates}):
 * {@code REF_AREA.FLOW.COUNTERPART_AREA.CITIZENSHIP.SEX.AGE.PURPOSE.DURATION.TIME_PERIOD}. One measure
 * {@code OBS_VALUE} (a count) and one observation-level attribute {@code CONF_STATUS} (F free, C confidential).
 *
 * <p>{@code CL_AREA} holds every ISO 3166-1 alpha-3 code the JDK knows (names from its CLDR data) plus {@code _T}
 * and {@code _U}; the list is generated, not typed, so it cannot drift from the codes harmonization emits.
 */
public final class MigrFlowStructure {
    public static final String AGENCY = "MIGREX";
    public static final String DATAFLOW = Dataflows.MIGR_FLOW.id();
    public static final String DSD = "MIGR_FLOW";
    public static final String VERSION = Dataflows.MIGR_FLOW.version();
    public static final String TIME_PERIOD = "TIME_PERIOD";
    public static final String OBS_VALUE = "OBS_VALUE";
    public static final String CONF_STATUS = "CONF_STATUS";
    public static final String TOTAL = "_T";

    /** Dimensions in DSD order, from the one definition {@link Dataflows#MIGR_FLOW}; the last is the time dimension. */
    public static final List<String> DIMENSIONS = Dataflows.MIGR_FLOW.dimensionIds();

    /** A code of a code list. */
    public record Code(String id, String name) {
    }

    /** A code list {@code MIGREX:<id>(<VERSION>)}. */
    public record Codelist(String id, String name, List<Code> codes) {
        public boolean contains(String code) {
            return codes.stream().anyMatch(c -> c.id().equals(code));
        }

        public int indexOf(String code) {
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i).id().equals(code)) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }
    }

    /** A dimension, its human name and its code list ({@code null} for TIME_PERIOD, which is not coded). */
    public record Dimension(String id, String name, int position, String codelistId) {
    }

    private static final Map<String, Codelist> CODELISTS = new LinkedHashMap<>();
    private static final List<Dimension> DIMENSION_DEFS;

    static {
        add(new Codelist("CL_FLOW", "Migration flow", List.of(
                new Code("IMM", "Immigration"), new Code("EMI", "Emigration"))));
        add(new Codelist("CL_SEX", "Sex", List.of(
                new Code("M", "Male"), new Code("F", "Female"), new Code("_U", "Unknown"), new Code("_T", "Total"))));
        List<Code> ages = new ArrayList<>();
        for (int from = 0; from < 85; from += 5) {
            ages.add(new Code("Y" + from + "T" + (from + 4), "From " + from + " to " + (from + 4) + " years"));
        }
        ages.add(new Code("Y_GE85", "85 years or over"));
        ages.add(new Code("_U", "Unknown"));
        ages.add(new Code("_T", "Total"));
        add(new Codelist("CL_AGE", "Age group", List.copyOf(ages)));
        add(new Codelist("CL_PURPOSE", "Purpose of migration", List.of(
                new Code("WORK", "Work"), new Code("FAMILY", "Family"), new Code("EDUCATION", "Education"),
                new Code("HUMANITARIAN", "Humanitarian"),
                new Code("PRIVATE", "Private (visits, tourism, recreation)"), new Code("BUSINESS", "Business"),
                new Code("MEDICAL", "Medical treatment"), new Code("RELIGIOUS", "Religious (pilgrimage)"),
                new Code("OTHER", "Other"),
                new Code("_U", "Unknown"), new Code("_T", "Total"))));
        add(new Codelist("CL_DURATION", "Duration class (UN Recommendations, Rev.1)", List.of(
                new Code("LONG_TERM", "Long-term (12 months or more)"),
                new Code("SHORT_TERM", "Short-term (3 to 12 months)"),
                new Code("_U", "Unknown"), new Code("_T", "Total"))));
        add(new Codelist("CL_AREA", "Countries (ISO 3166-1 alpha-3)", areaCodes()));
        add(new Codelist("CL_CONF_STATUS", "Confidentiality status", List.of(
                new Code("F", "Free"), new Code("C", "Confidential statistical information"))));
        List<Dimension> dimensions = new ArrayList<>();
        List<? extends Dataflow.Dimension<?>> defined = Dataflows.MIGR_FLOW.dimensions();
        for (int i = 0; i < defined.size(); i++) {
            Dataflow.Dimension<?> d = defined.get(i);
            if (d.codelistId() != null && !CODELISTS.containsKey(d.codelistId())) {
                throw new IllegalStateException("dimension " + d.id() + " names code list " + d.codelistId()
                        + ", which is not defined; defined: " + CODELISTS.keySet());
            }
            dimensions.add(new Dimension(d.id(), d.name(), i, d.codelistId()));
        }
        DIMENSION_DEFS = List.copyOf(dimensions);
    }

    private MigrFlowStructure() {
    }

    private static void add(Codelist cl) {
        CODELISTS.put(cl.id(), cl);
    }

    private static List<Code> areaCodes() {
        Map<String, String> byAlpha3 = new TreeMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale country = Locale.of("", alpha2);
            try {
                byAlpha3.put(country.getISO3Country(), country.getDisplayCountry(Locale.ENGLISH));
            } catch (java.util.MissingResourceException noAlpha3) {
                // a code without alpha-3 cannot appear in harmonized data
            }
        }
        List<Code> codes = new ArrayList<>();
        byAlpha3.forEach((id, name) -> codes.add(new Code(id, name)));
        codes.add(new Code("_U", "Unknown"));
        codes.add(new Code("_T", "Total"));
        return List.copyOf(codes);
    }

    public static List<Dimension> dimensions() {
        return DIMENSION_DEFS;
    }

    public static Optional<Codelist> codelist(String id) {
        return Optional.ofNullable(CODELISTS.get(id));
    }

    public static List<Codelist> codelists() {
        return List.copyOf(CODELISTS.values());
    }

    /** Code list of a dimension; empty for TIME_PERIOD. */
    public static Optional<Codelist> codelistOf(String dimension) {
        return DIMENSION_DEFS.stream().filter(d -> d.id().equals(dimension)).findFirst()
                .map(Dimension::codelistId).map(CODELISTS::get);
    }

    /** Orders codes of a dimension as its code list does (unknown codes last, alphabetically). */
    public static Comparator<String> codeOrder(String dimension) {
        Optional<Codelist> cl = codelistOf(dimension);
        return Comparator.<String>comparingInt(code -> cl.map(c -> c.indexOf(code)).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder());
    }

    /** Human name of a code, or the code itself. */
    public static String codeName(String dimension, String code) {
        return codelistOf(dimension).flatMap(cl -> cl.codes().stream().filter(c -> c.id().equals(code)).findFirst())
                .map(Code::name).orElse(code);
    }

    /** {@code MIGREX:MIGR_FLOW(2.0)}, the SDMX-CSV STRUCTURE_ID. */
    public static String structureId() {
        return AGENCY + ":" + DATAFLOW + "(" + VERSION + ")";
    }

    public static String dataflowUrn() {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=" + structureId();
    }

    public static String dsdUrn() {
        return "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=" + AGENCY + ":" + DSD + "(" + VERSION + ")";
    }

    public static String codelistUrn(String id) {
        return "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=" + AGENCY + ":" + id + "(" + VERSION + ")";
    }

    public static String conceptUrn(String id) {
        return "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=" + AGENCY + ":CS_MIGR(" + VERSION + ")." + id;
    }
}
