package org.migrex.ingestion.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.Template;
import org.migrex.ingestion.profile.TemplateColumn;
import org.migrex.schema.CountryCode;
import org.migrex.schema.Provenance;
import org.migrex.schema.RemittanceFlow;
import org.migrex.schema.RemittancePrice;
import org.migrex.schema.RemittanceRecord;
import org.migrex.statistics.Remittances;

import static org.migrex.ingestion.profile.TemplateColumn.*;

/**
 * Checks one row of a remittance template (docs/remittances.md) and turns it into a {@link RemittanceRecord}. Unlike a
 * migration row, a remittance row is checked for meaning here too: it carries no person and no national
 * classification that harmonization would map, so nothing after ingestion looks at it again before it is counted.
 *
 * <ul>
 *   <li>Countries: ISO 3166-1 alpha-3 codes assigned by ISO (any case; sent upper case); a corridor joins two
 *       different countries. A flow is recorded by one of its own ends: the node's country must be the sending
 *       (an outflow) or the receiving country (an inflow).</li>
 *   <li>Quarter {@code YYYY-Qn}; amounts plain decimals with at most 4 places, in the profile's decimal separator
 *       (sent with {@code .}); price fields as {@link Remittances#validatePrice}; codes from the code lists below,
 *       after the profile's value maps.</li>
 * </ul>
 * Every problem of a row is reported, each naming the column as the file names it, the value (cut to 100 characters)
 * and what is accepted.
 */
public final class RemittanceRowValidator {
    /** CL_PROVIDER_TYPE: the RPW firm types. */
    public static final List<String> PROVIDER_TYPES = List.of("BANK", "MTO", "POST", "MOBILE_OPERATOR", "OTHER");
    /** CL_TRANSFER_SPEED: the RPW speed classes. */
    public static final List<String> TRANSFER_SPEEDS = List.of("LESS_THAN_1_HOUR", "SAME_DAY", "NEXT_DAY", "2_DAYS",
            "3_5_DAYS", "6_DAYS_OR_MORE");
    static final int MAX_TEXT = RowValidator.MAX_TEXT;
    private static final int MAX_ECHO = 100;
    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

    private final Profile profile;
    private final String node;
    private final String source;
    private final String batchId;

    public RemittanceRowValidator(Profile profile, String node, String source, String batchId) {
        if (profile.template() == Template.MIGRATION) {
            throw new IllegalArgumentException("profile " + profile.id() + " reads migration records, not remittances");
        }
        this.profile = profile;
        this.node = CountryCode.of(node).code();
        this.source = source;
        this.batchId = batchId;
    }

    /** The record of the current row, or empty when it is rejected; every problem is added to {@code errors}. */
    public Optional<RemittanceRecord> validate(RowSource row, ErrorLog errors, Instant now) {
        RowError problem = row.rowProblem();
        if (problem != null) {
            errors.add(problem);
            return Optional.empty();
        }
        Check check = new Check(row, errors);
        String recordId = check.text(RECORD_ID, false);
        String sending = check.country(SENDING_COUNTRY);
        String receiving = check.country(RECEIVING_COUNTRY);
        if (sending != null && sending.equals(receiving)) {
            check.fail(RECEIVING_COUNTRY, receiving, "a corridor joins two different countries; sending_country is "
                    + sending + " too");
        }
        String quarter = check.text(QUARTER, true);
        if (quarter != null) {
            check.failIf(QUARTER, quarter, Remittances.checkQuarter(quarter));
        }
        RemittancePrice price = null;
        RemittanceFlow flow = null;
        if (profile.template() == Template.REMITTANCE_PRICES) {
            price = price(check);
        } else {
            if (sending != null && receiving != null && !sending.equals(receiving) && !node.equals(sending)
                    && !node.equals(receiving)) {
                check.fail(null, null, "a flow is recorded by the country it leaves or enters; this node is " + node
                        + ", so sending_country or receiving_country must be " + node + " (found " + sending + " → "
                        + receiving + ")");
            }
            flow = flow(check);
        }
        if (check.failed) {
            return Optional.empty();
        }
        Provenance provenance = new Provenance(node, source, batchId, row.line(), profile.id(), profile.version(), now);
        return Optional.of(new RemittanceRecord(recordId, sending, receiving, quarter.strip(), price, flow,
                provenance));
    }

    private RemittancePrice price(Check check) {
        String provider = check.text(PROVIDER, false);
        String providerType = check.code(PROVIDER_TYPE, PROVIDER_TYPES);
        String product = check.text(PRODUCT, false);
        String band = check.text(AMOUNT_BAND, true);
        String currency = check.text(SEND_CURRENCY, true);
        String amount = check.decimal(AMOUNT_SENT);
        String fee = check.decimal(FEE);
        String margin = check.decimal(FX_MARGIN_PERCENT);
        String speed = check.code(TRANSFER_SPEED, TRANSFER_SPEEDS);
        // the method's own field checks (ranges, bands, ISO 4217), on the fields not already refused above
        for (String[] error : Remittances.validatePrice("AAA", "BBB", "2000-Q1", band, currency, amount, fee, margin)) {
            TemplateColumn column = TemplateColumn.byColumnName(error[0]).orElseThrow();
            if (!check.refused.contains(column)) {
                check.fail(column, check.raw(column), error[1]);
            }
        }
        return new RemittancePrice(provider, providerType, product, band, currency, amount, fee, margin, speed);
    }

    private RemittanceFlow flow(Check check) {
        String usd = check.decimal(VALUE_USD);
        check.nonNegative(VALUE_USD, usd);
        String currency = check.text(NATIONAL_CURRENCY, true);
        if (currency != null) {
            check.failIf(NATIONAL_CURRENCY, currency, Remittances.checkCurrency(currency));
        }
        String national = check.decimal(VALUE_NATIONAL);
        check.nonNegative(VALUE_NATIONAL, national);
        if ((currency == null) != (national == null) && !check.refused.contains(NATIONAL_CURRENCY)
                && !check.refused.contains(VALUE_NATIONAL)) {
            TemplateColumn missing = currency == null ? NATIONAL_CURRENCY : VALUE_NATIONAL;
            check.fail(missing, null, "national_currency and value_national go together: give both or neither");
        }
        return new RemittanceFlow(usd, currency, national);
    }

    private final class Check {
        private final RowSource row;
        private final ErrorLog errors;
        private final Set<TemplateColumn> refused = EnumSet.noneOf(TemplateColumn.class);
        boolean failed;

        Check(RowSource row, ErrorLog errors) {
            this.row = row;
            this.errors = errors;
        }

        String raw(TemplateColumn column) {
            String raw = row.value(column);
            return raw == null || raw.isBlank() ? null : raw.strip();
        }

        /** The trimmed value, or null when blank (then refused if the column is required). */
        String text(TemplateColumn column, boolean mapped) {
            String value = raw(column);
            if (value == null) {
                if (column.required()) {
                    fail(column, null, column.columnName() + " is required and is blank");
                }
                return null;
            }
            if (value.length() > MAX_TEXT) {
                fail(column, value, "is " + value.length() + " characters long; at most " + MAX_TEXT
                        + " are accepted");
                return null;
            }
            return mapped ? profile.mapValue(column, value) : value;
        }

        String country(TemplateColumn column) {
            String value = text(column, true);
            if (value == null) {
                return null;
            }
            String upper = value.toUpperCase(Locale.ROOT);
            if (!CountryCode.isValid(upper) || !ISO_COUNTRIES.contains(upper)) {
                fail(column, value, "'" + echo(value) + "' is not an ISO 3166-1 alpha-3 country code; expected e.g."
                        + " RUS, TJK, KAZ (a national name needs the profile's values map)");
                return null;
            }
            return upper;
        }

        String code(TemplateColumn column, List<String> codes) {
            String value = text(column, true);
            if (value == null) {
                return null;
            }
            String upper = value.toUpperCase(Locale.ROOT);
            if (!codes.contains(upper)) {
                fail(column, value, "'" + echo(value) + "' is not a code of " + column.columnName() + "; accepted: "
                        + codes + (column.required() ? "" : ", or blank"));
                return null;
            }
            return upper;
        }

        /** A decimal in the profile's separator, sent with '.', or null when blank or refused. */
        String decimal(TemplateColumn column) {
            String value = text(column, false);
            if (value == null) {
                return null;
            }
            String text = profile.decimalSeparator() == ',' ? value.replace(',', '.') : value;
            BigDecimal number = Remittances.decimal(text);
            if (number == null) {
                fail(column, value, "'" + echo(value) + "' is not a plain decimal; accepted: digits with at most "
                        + Remittances.COST_SCALE + " decimal places after '" + profile.decimalSeparator()
                        + "', no thousands separator or exponent (e.g. " + (profile.decimalSeparator() == ','
                        ? "18000,50" : "18000.50") + ")");
                return null;
            }
            return number.toPlainString();
        }

        void nonNegative(TemplateColumn column, String decimal) {
            if (decimal != null && new BigDecimal(decimal).signum() < 0) {
                fail(column, raw(column), "is negative; an amount of money sent is 0 or more");
            }
        }

        void failIf(TemplateColumn column, String value, String error) {
            if (error != null) {
                fail(column, value, error);
            }
        }

        void fail(TemplateColumn column, String value, String message) {
            failed = true;
            if (column != null) {
                refused.add(column);
            }
            errors.add(new RowError(row.line(), column == null ? null : row.columnName(column),
                    value == null ? null : echo(value), message));
        }
    }

    private static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }
}
