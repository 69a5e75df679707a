package org.migrex.exchange.receiving;

/**
 * One text field of the CSV this node writes (SDMX-CSV and the mirror table), RFC 4180 quoting plus protection
 * against CSV injection. Codes, statuses and notes come from partners' datasets as well as from this node, and a
 * statistician opens the file in a spreadsheet: a field starting with {@code = + - @}, a tab or a carriage return
 * would run there as a formula, so it is written quoted with a leading apostrophe, which spreadsheets show as text.
 * No valid SDMX code starts with one of those characters, so valid data never changes. Numbers this node computes
 * are not text fields (a negative difference stays {@code -5}).
 */
public final class CsvField {
    private CsvField() {
    }

    /**
     * Rule: null is empty; a formula start gives {@code "'<value>"}; a comma, quote or line break gives
     * {@code "<value>"}; quotes inside are doubled; anything else is written as is.
     */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
