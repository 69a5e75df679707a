package org.migrex.ingestion.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.TemplateColumn;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;

/**
 * Checks the syntax of one row and turns it into a {@link RawMigrationRecord}: required columns filled, dates
 * valid in one of the profile's formats (sent as {@code yyyy-MM-dd}), {@code intended_duration_days} an integer from
 * 0 to 36500, text at most 100 characters ({@code person_id} at most 64). Values are trimmed, blanks become null,
 * the profile's value maps are applied, and {@code person_id} is replaced by its pseudonym. Meaning (codes,
 * vocabularies) is not checked here: that is harmonization's job.
 */
public final class RowValidator {
    static final int MAX_TEXT = 100;
    static final int MAX_PERSON_ID = 64;
    static final int MAX_DURATION_DAYS = 36_500;
    private static final int MAX_ECHO = 100;

    private final Profile profile;
    private final Pseudonymizer pseudonymizer;
    private final String node;
    private final String source;
    private final String batchId;
    private String eventMonth;

    public RowValidator(Profile profile, Pseudonymizer pseudonymizer, String node, String source, String batchId) {
        this.profile = profile;
        this.pseudonymizer = pseudonymizer;
        this.node = node;
        this.source = source;
        this.batchId = batchId;
    }

    /**
     * The record of the current row, or empty when it is rejected; every problem of the row is added to
     * {@code errors} (a row may have several).
     */
    public Optional<RawMigrationRecord> validate(RowSource row, ErrorLog errors, Instant now) {
        eventMonth = null;
        RowError problem = row.rowProblem();
        if (problem != null) {
            errors.add(problem);
            return Optional.empty();
        }
        Check check = new Check(row, errors);
        String recordId = check.text(TemplateColumn.RECORD_ID, MAX_TEXT, false);
        String eventType = check.text(TemplateColumn.EVENT_TYPE, MAX_TEXT, true);
        String eventDate = check.date(TemplateColumn.EVENT_DATE);
        eventMonth = eventDate == null ? null : eventDate.substring(0, 7);
        String personId = check.personId();
        String sex = check.text(TemplateColumn.SEX, MAX_TEXT, true);
        String birthDate = check.date(TemplateColumn.BIRTH_DATE);
        String citizenship = check.text(TemplateColumn.CITIZENSHIP, MAX_TEXT, true);
        String countryOfBirth = check.text(TemplateColumn.COUNTRY_OF_BIRTH, MAX_TEXT, true);
        String counterpart = check.text(TemplateColumn.COUNTERPART_COUNTRY, MAX_TEXT, true);
        String purpose = check.text(TemplateColumn.PURPOSE, MAX_TEXT, true);
        Integer duration = check.days(TemplateColumn.INTENDED_DURATION_DAYS);
        String region = check.text(TemplateColumn.REGION, MAX_TEXT, true);
        if (check.failed) {
            return Optional.empty();
        }
        Provenance provenance = new Provenance(node, source, batchId, row.line(), profile.id(), profile.version(), now);
        return Optional.of(new RawMigrationRecord(recordId, eventType, eventDate, pseudonymizer.pseudonym(personId),
                sex, birthDate, citizenship, countryOfBirth, counterpart, purpose, duration, region, provenance,
                pseudonymizer.keyVersion()));
    }

    /**
     * The month ({@code yyyy-MM}) of the event date of the row last validated, accepted or not; null when that row's
     * event date could not be read (MIGR_QUALITY's rows counters then take the month the row was received).
     */
    public String lastEventMonth() {
        return eventMonth;
    }

    private final class Check {
        private final RowSource row;
        private final ErrorLog errors;
        boolean failed;

        Check(RowSource row, ErrorLog errors) {
            this.row = row;
            this.errors = errors;
        }

        /** Trimmed value or null when blank; a blank required column is an error. */
        private String present(TemplateColumn column) {
            String raw = row.value(column);
            String value = raw == null ? null : raw.strip();
            if (value == null || value.isEmpty()) {
                if (column.required()) {
                    fail(column, null, column.columnName() + " is required and is blank");
                }
                return null;
            }
            return value;
        }

        String text(TemplateColumn column, int maxLength, boolean mapped) {
            String value = present(column);
            if (value == null) {
                return null;
            }
            if (value.length() > maxLength) {
                fail(column, value, "is " + value.length() + " characters long; at most " + maxLength
                        + " are accepted");
                return null;
            }
            return mapped ? profile.mapValue(column, value) : value;
        }

        String personId() {
            String value = present(TemplateColumn.PERSON_ID);
            if (value != null && value.length() > MAX_PERSON_ID) {
                // the value is personal data: it is not echoed
                fail(TemplateColumn.PERSON_ID, null, "is " + value.length() + " characters long; at most "
                        + MAX_PERSON_ID + " are accepted");
                return null;
            }
            return value;
        }

        String date(TemplateColumn column) {
            String value = present(column);
            if (value == null) {
                return null;
            }
            Optional<LocalDate> date = profile.parseDate(value);
            if (date.isEmpty()) {
                fail(column, value, "'" + echo(value) + "' is not a date; accepted: " + profile.dateFormatsText()
                        + ", a real calendar date with a year from 1900 to 2999");
                return null;
            }
            return date.get().toString();
        }

        Integer days(TemplateColumn column) {
            String value = present(column);
            if (value == null) {
                return null;
            }
            try {
                int days = Integer.parseInt(value);
                if (days >= 0 && days <= MAX_DURATION_DAYS) {
                    return days;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            fail(column, value, "'" + echo(value) + "' is not a number of days; accepted: a whole number from 0 to "
                    + MAX_DURATION_DAYS + ", or blank");
            return null;
        }

        private void fail(TemplateColumn column, String value, String message) {
            failed = true;
            errors.add(new RowError(row.line(), row.columnName(column), value == null ? null : echo(value), message));
        }
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }
}
