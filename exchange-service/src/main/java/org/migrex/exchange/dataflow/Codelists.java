package org.migrex.exchange.dataflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SDMX code lists {@code MIGREX:<id>(2.0)} of every dataflow, as plain data, and the concept scheme
 * {@code MIGREX:CS_MIGR(2.0)}. A code list is shared by every dataflow whose dimensions name it (CL_SEX, CL_AGE,
 * CL_AREA, CL_PURPOSE are in both MIGR_FLOW and MIGR_PERMITS); its version is that of statistical definitions v2, not
 * of any one dataflow.
 *
 * <p>{@code CL_AREA} holds every ISO 3166-1 alpha-3 code the JDK knows (names from its CLDR data) plus {@code _T}
 * and {@code _U}; the list is generated, not typed, so it cannot drift from the codes harmonization emits.
 */
public final class Codelists {
    public static final String AGENCY = "MIGREX";
    /** Version of the code lists and the concept scheme. */
    public static final String VERSION = "2.0";
    public static final String CL_CONF_STATUS = "CL_CONF_STATUS";
    /** MIGR_QUALITY's INDICATOR: the names of {@code org.migrex.statistics.QualityCounter}. */
    public static final String CL_QUALITY_INDICATOR = "CL_QUALITY_INDICATOR";
    /** MIGR_QUALITY's FLOW: CL_FLOW's codes and {@code _Z} for the intake counters. */
    public static final String CL_QUALITY_FLOW = "CL_QUALITY_FLOW";
    /** REMITTANCES' INDICATOR: the names of {@code org.migrex.statistics.Remittances.Indicator}. */
    public static final String CL_REMIT_INDICATOR = "CL_REMIT_INDICATOR";
    /** REMITTANCES' AMOUNT: the RPW bands and {@code _Z} for a flow. */
    public static final String CL_AMOUNT_BAND = "CL_AMOUNT_BAND";
    /** REMITTANCES' CURRENCY: every ISO 4217 code the JDK knows and {@code _Z} for the price indicators. */
    public static final String CL_CURRENCY = "CL_CURRENCY";
    /** The observation attribute every dataflow has: F free, C confidential. */
    public static final String CONF_STATUS = "CONF_STATUS";

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

    private static final Map<String, Codelist> CODELISTS = new LinkedHashMap<>();

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
        // no _T: a residence permit and a work permit are different acts, often for the same person, and their sum
        // is neither a number of persons nor of permissions to stay (like IMM + EMI); tables never total them
        add(new Codelist("CL_PERMIT_TYPE", "Type of permit issued", List.of(
                new Code("RESIDENCE_PERMIT", "Residence permit"), new Code("WORK_PERMIT", "Work permit"))));
        // no _T: the indicators overlap (REGISTRATIONS is the sum of six others, the unknowns are parts of COUNTED),
        // so their sum counts records several times; shares are derived by the reader (docs/statistics.md)
        add(new Codelist(CL_QUALITY_INDICATOR, "Data quality indicator (records)", List.of(
                new Code("REGISTRATIONS", "Registrations (IMM or EMI), in scope or not: the denominator of the reasons"),
                new Code("INTERNAL_OR_UNKNOWN", "Out of scope: internal move or no international counterpart"),
                new Code("TEMPORARY_STAY", "Out of scope: stay under 3 months (mobility, not migration)"),
                new Code("EXCLUDED_PURPOSE",
                        "Out of scope: short-term stay for a private, business, medical or religious purpose"),
                new Code("SCOPE_NOT_CLASSIFIED", "Scope unknown: harmonized before definitions v2"),
                new Code("RENEWAL", "In scope, not counted: renewal (IMM) or repeat (EMI) within 12 months"),
                new Code("COUNTED", "Counted in MIGR_FLOW: the denominator of the unknown shares"),
                new Code("SEX_UNKNOWN", "Counted with SEX unknown"),
                new Code("AGE_UNKNOWN", "Counted with AGE unknown"),
                new Code("COUNTERPART_UNKNOWN", "Counted with COUNTERPART_AREA unknown"),
                new Code("DURATION_UNKNOWN", "Counted with DURATION unknown"),
                new Code("LATE_AFTER_FINAL",
                        "Registrations accepted after the month's datasets became FINAL (held for a revision)"),
                new Code("ROWS_RECEIVED", "Rows of committed uploads"),
                new Code("ROWS_ACCEPTED", "Rows accepted by ingestion's checks"),
                new Code("ROWS_REJECTED", "Rows rejected by ingestion's checks"),
                new Code("QUARANTINED", "Records in quarantine (each once)"),
                new Code("QUARANTINED_EVENT_TYPE_UNKNOWN", "In quarantine: event type unknown"),
                new Code("QUARANTINED_EVENT_DATE_INVALID", "In quarantine: event date not a date"),
                new Code("QUARANTINED_EVENT_DATE_IN_FUTURE", "In quarantine: event date in the future"),
                new Code("QUARANTINED_BIRTH_DATE_INVALID", "In quarantine: birth date not a date"),
                new Code("QUARANTINED_AGE_IMPOSSIBLE", "In quarantine: age impossible (before definitions v2)"),
                new Code("QUARANTINED_SEX_UNKNOWN", "In quarantine: sex unknown"),
                new Code("QUARANTINED_COUNTRY_UNKNOWN", "In quarantine: country unknown"),
                new Code("QUARANTINED_PURPOSE_UNKNOWN", "In quarantine: purpose unknown"),
                new Code("QUARANTINED_DURATION_INVALID", "In quarantine: intended duration invalid"))));
        add(new Codelist(CL_QUALITY_FLOW, "Migration flow of a quality counter", List.of(
                new Code("IMM", "Immigration"), new Code("EMI", "Emigration"),
                new Code("_Z", "Not applicable: rows and quarantined records, before they have a flow"))));
        // REMITTANCES (docs/remittances.md); no _T in any: the indicators are different quantities, a sum over the
        // bands or over currencies means nothing
        add(new Codelist(CL_REMIT_INDICATOR, "Remittance indicator (SDG 10.c.1 sums and flows)", List.of(
                new Code("PRICE_POINTS", "Price points surveyed (RPW: a provider's product in the corridor)"),
                new Code("COSTED_POINTS", "Price points with a total cost (fee and FX margin observed)"),
                new Code("COST_SUM", "Sum of the costed points' total costs, in 0.0001 percentage points"),
                new Code("FLOW_VALUE", "Money sent through the corridor, in 0.0001 units of CURRENCY"))));
        add(new Codelist(CL_AMOUNT_BAND, "Amount priced (RPW)", List.of(
                new Code("USD200", "Equivalent of USD 200"), new Code("USD500", "Equivalent of USD 500"),
                new Code("_Z", "Not applicable (a flow)"))));
        add(new Codelist(CL_CURRENCY, "Currency (ISO 4217)", currencyCodes()));
        add(new Codelist(CL_CONF_STATUS, "Confidentiality status", List.of(
                new Code("F", "Free"), new Code("C", "Confidential statistical information"))));
    }

    private Codelists() {
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

    private static List<Code> currencyCodes() {
        Map<String, String> byCode = new TreeMap<>();
        for (java.util.Currency c : java.util.Currency.getAvailableCurrencies()) {
            byCode.put(c.getCurrencyCode(), c.getDisplayName(Locale.ENGLISH));
        }
        List<Code> codes = new ArrayList<>();
        byCode.forEach((id, name) -> codes.add(new Code(id, name)));
        codes.add(new Code("_Z", "Not applicable (a count or a percentage)"));
        return List.copyOf(codes);
    }

    /** Every code list, in definition order. */
    public static List<Codelist> all() {
        return List.copyOf(CODELISTS.values());
    }

    public static List<String> ids() {
        return List.copyOf(CODELISTS.keySet());
    }

    public static Optional<Codelist> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(CODELISTS.get(id));
    }

    public static String codelistUrn(String id) {
        return "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=" + AGENCY + ":" + id + "(" + VERSION + ")";
    }

    public static String conceptUrn(String id) {
        return "urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=" + AGENCY + ":CS_MIGR(" + VERSION + ")." + id;
    }
}
