package org.migrex.ingestion.profile;

import java.time.LocalDate;
import java.time.Year;

/**
 * A date pattern made only of {@code yyyy}, {@code MM}, {@code dd} and separator characters (as {@code dd.MM.yyyy}),
 * read by position without {@link java.time.format.DateTimeFormatter}: ingestion reads millions of dates, and a
 * formatter throws an exception for every text that is in another of the profile's formats. Same result as the
 * strict formatter: two-digit day and month, four-digit year, a real calendar date.
 */
final class FixedWidthDate {
    private final String pattern;
    private final int year;
    private final int month;
    private final int day;

    private FixedWidthDate(String pattern, int year, int month, int day) {
        this.pattern = pattern;
        this.year = year;
        this.month = month;
        this.day = day;
    }

    /** The fixed-width reader of a pattern, or null when the pattern has other letters or repeats a field. */
    static FixedWidthDate of(String pattern) {
        int year = pattern.indexOf("yyyy");
        int month = pattern.indexOf("MM");
        int day = pattern.indexOf("dd");
        if (year < 0 || month < 0 || day < 0 || pattern.indexOf("yyyy", year + 1) >= 0
                || pattern.indexOf("MM", month + 1) >= 0 || pattern.indexOf("dd", day + 1) >= 0) {
            return null;
        }
        for (int i = 0; i < pattern.length(); i++) {
            boolean field = i >= year && i < year + 4 || i >= month && i < month + 2 || i >= day && i < day + 2;
            char c = pattern.charAt(i);
            if (!field && (Character.isLetter(c) || c == '\'' || c == '[' || c == ']' || c == '#' || c == '{' || c == '}')) {
                return null;
            }
        }
        return new FixedWidthDate(pattern, year, month, day);
    }

    /** The date, or null when the text does not match the pattern or is not a calendar date. */
    LocalDate parse(String text) {
        if (text.length() != pattern.length()) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            boolean field = i >= year && i < year + 4 || i >= month && i < month + 2 || i >= day && i < day + 2;
            char c = text.charAt(i);
            if (field ? c < '0' || c > '9' : c != pattern.charAt(i)) {
                return null;
            }
        }
        int y = number(text, year, 4);
        int m = number(text, month, 2);
        int d = number(text, day, 2);
        if (m < 1 || m > 12 || d < 1 || d > java.time.Month.of(m).length(Year.isLeap(y))) {
            return null;
        }
        return LocalDate.of(y, m, d);
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }
}
