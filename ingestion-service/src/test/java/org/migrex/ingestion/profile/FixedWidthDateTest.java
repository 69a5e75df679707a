package org.migrex.ingestion.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The fast date reader must agree with java.time's strict formatter on every text. */
class FixedWidthDateTest {

    private static LocalDate byFormatter(String pattern, String text) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void agreesWithTheStrictFormatter() {
        for (String pattern : List.of("yyyy-MM-dd", "dd.MM.yyyy", "dd/MM/yyyy", "yyyyMMdd", "MM/dd/yyyy")) {
            FixedWidthDate fast = FixedWidthDate.of(pattern);
            assertThat(fast).as(pattern).isNotNull();
            List<String> texts = new ArrayList<>();
            for (int year : new int[] {1900, 2000, 2023, 2024, 2100}) {
                for (int month = 0; month <= 13; month++) {
                    for (int day = 0; day <= 32; day++) {
                        texts.add(pattern.replace("yyyy", String.format("%04d", year))
                                .replace("MM", String.format("%02d", month)).replace("dd", String.format("%02d", day)));
                    }
                }
            }
            texts.addAll(List.of("", "2025-1-01", "1.01.2025", "2025-01-01 ", "20250101x", "2025/01/01", "2025-01-0a",
                    "01.01.25", "+2025-01-01"));
            for (String text : texts) {
                assertThat(fast.parse(text)).as("%s with %s", text, pattern).isEqualTo(byFormatter(pattern, text));
            }
        }
    }

    @Test
    void patternsWithOtherFieldsUseTheFormatter() {
        assertThat(FixedWidthDate.of("d.M.yyyy")).isNull();
        assertThat(FixedWidthDate.of("dd MMM yyyy")).isNull();
        assertThat(FixedWidthDate.of("yyyy-MM-dd'T'")).isNull();
    }
}
