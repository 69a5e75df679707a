package org.migrex.ingestion.profile;

import java.util.Locale;
import java.util.Optional;

/** The columns of the Migrex template v1 (see docs/ingestion.md), with whether a row must fill them. */
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
    REGION(false);

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

    /** Number of template columns. */
    public static int count() {
        return ALL.length;
    }

    /** All columns in template order (shared array: do not modify). */
    static TemplateColumn[] all() {
        return ALL;
    }
}
