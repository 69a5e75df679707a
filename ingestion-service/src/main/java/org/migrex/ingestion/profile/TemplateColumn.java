package org.migrex.ingestion.profile;

import java.util.Locale;
import java.util.Optional;

/**
 * The columns of Migrex's templates (see docs/ingestion.md and docs/remittances.md), with whether a row of a template
 * that has the column must fill it. Which template has which columns is {@link Template}'s: one enum for all of them
 * keeps the rows' lookups by column an array index.
 */
public enum TemplateColumn {
    RECORD_ID(true),
    EVENT_TYPE(true),
    EVENT_DATE(true),
    PERSON_ID(true),
    SEX(false),
    BIRTH_DATE(false),
    CITIZENSHIP(false),
    COUNTRY_OF_BIRTH(false),
    COUNTERPART_COUNTRY(false),
    PURPOSE(false),
    INTENDED_DURATION_DAYS(false),
    REGION(false),
    // the remittance templates (docs/remittances.md)
    SENDING_COUNTRY(true),
    RECEIVING_COUNTRY(true),
    QUARTER(true),
    PROVIDER(true),
    PROVIDER_TYPE(true),
    PRODUCT(true),
    AMOUNT_BAND(true),
    SEND_CURRENCY(true),
    AMOUNT_SENT(true),
    FEE(true),
    FX_MARGIN_PERCENT(false),
    TRANSFER_SPEED(false),
    VALUE_USD(true),
    NATIONAL_CURRENCY(false),
    VALUE_NATIONAL(false);

    private static final TemplateColumn[] ALL = values();

    private final boolean required;
    private final String columnName;

    TemplateColumn(boolean required) {
        this.required = required;
        this.columnName = name().toLowerCase(Locale.ROOT);
    }

    /** Whether a row without a value in this column is rejected. */
    public boolean required() {
        return required;
    }

    /** The column's name in the template header and in JSON uploads ({@code record_id}). */
    public String columnName() {
        return columnName;
    }

    /** The column with this template name, ignoring case and surrounding blanks. */
    public static Optional<TemplateColumn> byColumnName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (TemplateColumn column : ALL) {
            if (column.columnName.equals(wanted)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** Number of columns of all templates. */
    public static int count() {
        return ALL.length;
    }

    /** All columns of all templates (shared array: do not modify). */
    static TemplateColumn[] all() {
        return ALL;
    }
}
