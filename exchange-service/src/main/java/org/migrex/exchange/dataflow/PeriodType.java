package org.migrex.exchange.dataflow;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of period a dataflow's {@value Dataflow#TIME_PERIOD} codes are, and the one place they are parsed: the
 * migration dataflows count by calendar month ({@code yyyy-MM}, e.g. {@code 2025-03}), REMITTANCES by calendar
 * quarter as SDMX writes it ({@code YYYY-Qn}, e.g. {@code 2024-Q1}). A period is the half-open UTC interval
 * {@code [start, end)}: a month from its first day, a quarter {@code Qn} from the first day of month {@code 3n-2}.
 */
public enum PeriodType {
    /** A calendar month {@code yyyy-MM}: four-digit year, month 01 to 12. */
    MONTH("month", "yyyy-MM", "2025-03", Pattern.compile("\\d{4}-\\d{2}")),
    /** A calendar quarter {@code YYYY-Qn}: four-digit year, n from 1 to 4. */
    QUARTER("quarter", "YYYY-Qn", "2024-Q1", Pattern.compile("(\\d{4})-Q([1-4])"));

    private final String word;
    private final String format;
    private final String example;
    private final Pattern pattern;

    PeriodType(String word, String format, String example, Pattern pattern) {
        this.word = word;
        this.format = format;
        this.example = example;
        this.pattern = pattern;
    }

    /** {@code yyyy-MM, e.g. 2025-03}: the format and an example, for messages. */
    public String formatAndExample() {
        return format + ", e.g. " + example;
    }

    /** {@code a month yyyy-MM (e.g. 2025-03)}: what this type accepts, for messages. */
    public String accepted() {
        return "a " + word + " " + format + " (e.g. " + example + ")";
    }

    /** {@code month} or {@code quarter}. */
    public String word() {
        return word;
    }

    /** Whether {@code text} is a period of this type, exactly as written in a key (no blanks, no other form). */
    public boolean accepts(String text) {
        return text != null && firstMonth(text) != null;
    }

    /**
     * The period, checked; an IllegalArgumentException naming the value and what is accepted when it is not one of
     * this type.
     */
    public String require(String name, String text) {
        if (!accepts(text)) {
            throw new IllegalArgumentException(name + " '" + text + "' is not " + accepted());
        }
        return text;
    }

    /** The first month of a period of this type (the month itself), or null when the text is not one. */
    private YearMonth firstMonth(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return null;
        }
        if (this == MONTH) {
            try {
                return YearMonth.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return YearMonth.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2);
    }

    private int months() {
        return this == MONTH ? 1 : 3;
    }

    /** The first instant (UTC) of the period. */
    public Instant start(String period) {
        return firstMonth(require("period", period)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant (UTC) after the period: the end of the half-open interval. */
    public Instant end(String period) {
        return firstMonth(require("period", period)).plusMonths(months()).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    /** The period after this one ({@code 2026-12} → {@code 2027-01}, {@code 2024-Q4} → {@code 2025-Q1}). */
    public String next(String period) {
        return of(firstMonth(require("period", period)).plusMonths(months()));
    }

    /** The period of this type that contains the month. */
    public String of(YearMonth month) {
        return this == MONTH ? month.toString()
                : String.format("%04d-Q%d", month.getYear(), (month.getMonthValue() - 1) / 3 + 1);
    }

    /** Every period from {@code first} to {@code last}, both included, in order; at most {@code max} of them. */
    public List<String> range(String first, String last, int max) {
        require("from", first);
        require("to", last);
        if (start(last).isBefore(start(first))) {
            throw new IllegalArgumentException("to " + last + " is before from " + first);
        }
        List<String> periods = new ArrayList<>();
        for (String p = first; start(p).compareTo(start(last)) <= 0; p = next(p)) {
            if (periods.size() == max) {
                throw new IllegalArgumentException("from " + first + " to " + last + " spans more than " + max
                        + " " + word + "s");
            }
            periods.add(p);
        }
        return periods;
    }

    /** The type whose periods {@code text} is one of, for an endpoint that serves every dataflow; or an error. */
    public static PeriodType ofPeriod(String name, String text) {
        for (PeriodType type : values()) {
            if (type.accepts(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException(name + " '" + text + "' is not "
                + String.join(" nor ", Arrays.stream(values()).map(PeriodType::accepted).toList()));
    }
}
