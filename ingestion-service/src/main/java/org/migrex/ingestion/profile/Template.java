package org.migrex.ingestion.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.migrex.ingestion.profile.TemplateColumn.*;

/**
 * A kind of file agencies send, with its columns in template order. A profile reads files of one template; the
 * template decides what a row becomes and which topic it goes to (docs/ingestion.md, docs/remittances.md).
 */
public enum Template {
    /** Administrative migration records (person events): to {@code <cc>.raw.records}, then harmonization. */
    MIGRATION("migration", true, List.of(RECORD_ID, EVENT_TYPE, EVENT_DATE, PERSON_ID, SEX, BIRTH_DATE, CITIZENSHIP,
            COUNTRY_OF_BIRTH, COUNTERPART_COUNTRY, PURPOSE, INTENDED_DURATION_DAYS, REGION)),
    /** A corridor price survey by the World Bank RPW method: one provider's product per corridor, quarter and amount. */
    REMITTANCE_PRICES("remittance-prices", false, List.of(RECORD_ID, SENDING_COUNTRY, RECEIVING_COUNTRY, QUARTER,
            PROVIDER, PROVIDER_TYPE, PRODUCT, AMOUNT_BAND, SEND_CURRENCY, AMOUNT_SENT, FEE, FX_MARGIN_PERCENT,
            TRANSFER_SPEED)),
    /** Remittance flows by corridor and quarter as the central bank or money-transfer operators report them. */
    REMITTANCE_FLOWS("remittance-flows", false, List.of(RECORD_ID, SENDING_COUNTRY, RECEIVING_COUNTRY, QUARTER,
            VALUE_USD, NATIONAL_CURRENCY, VALUE_NATIONAL));

    private final String id;
    private final boolean hasDates;
    private final List<TemplateColumn> columns;

    Template(String id, boolean hasDates, List<TemplateColumn> columns) {
        this.id = id;
        this.hasDates = hasDates;
        this.columns = columns;
    }

    /** The name a profile gives in its {@code template} key ({@code remittance-prices}). */
    public String id() {
        return id;
    }

    /** Whether rows of this template hold dates (then a profile must name its date formats). */
    public boolean hasDates() {
        return hasDates;
    }

    /** Its columns in template order. */
    public List<TemplateColumn> columns() {
        return columns;
    }

    public boolean has(TemplateColumn column) {
        return columns.contains(column);
    }

    /** Its columns' names, in order, as a user reads them. */
    public List<String> columnNames() {
        return columns.stream().map(TemplateColumn::columnName).toList();
    }

    /** The template with this id, ignoring case and surrounding blanks. */
    public static Optional<Template> byId(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (Template template : values()) {
            if (template.id.equals(wanted)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }
}
