package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The XLSX download of a portal table, read back with Apache POI: its layout (title, sexes within duration classes,
 * age groups down, C and – with footnotes) and its numbers, which must equal the SDMX-CSV download of the same
 * release cell by cell, and the figures put into the release here by hand.
 *
 * <p>The release is {@link HandRelease}'s.
 */
class PortalXlsxTest {
    private static Workbook xlsx(String lang, String period, String counterpart) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setParameter("lang", lang);
        ResponseEntity<byte[]> answer = HandRelease.controller().xlsx("MIGR_FLOW", period, counterpart, request);
        assertThat(answer.getHeaders().getContentType()).hasToString(PortalController.XLSX);
        assertThat(answer.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("KAZ-MIGR_FLOW-" + period + "-" + counterpart + ".xlsx");
        return new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()));
    }

    private static String text(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        Cell c = r == null ? null : r.getCell(column);
        if (c == null) {
            return "";
        }
        return c.getCellType() == CellType.NUMERIC ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue();
    }

    @Test
    void theWorkbookHasTheAgenciesLayout() throws Exception {
        try (Workbook book = xlsx("en", "2026-03", "KGZ")) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            Sheet imm = book.getSheet("Immigration");
            assertThat(book.getSheet("Emigration")).isNotNull();
            assertThat(text(imm, 0, 0)).isEqualTo("Kazakhstan: Immigration, 2026-03; counterpart country: Kyrgyzstan");
            // durations in the release's code order (LONG_TERM, _T), sexes within each (M, F, _T)
            assertThat(text(imm, 2, 0)).isEqualTo("Age group");
            assertThat(text(imm, 2, 1)).isEqualTo("Long-term");
            assertThat(text(imm, 2, 4)).isEqualTo("Total");
            assertThat(List.of(text(imm, 3, 1), text(imm, 3, 2), text(imm, 3, 3), text(imm, 3, 4)))
                    .containsExactly("Men", "Women", "Total", "Men");
            assertThat(imm.getMergedRegions()).anyMatch(r -> r.formatAsString().equals("B3:D3"));
            // rows: 25–29, 30–34, 40–44 (from emigration: one age list for both sheets), Total
            assertThat(List.of(text(imm, 4, 0), text(imm, 5, 0), text(imm, 6, 0), text(imm, 7, 0)))
                    .containsExactly("25–29", "30–34", "40–44", "Total");
            // 30–34: men long-term 6 (a number), women long-term suppressed: C
            assertThat(imm.getRow(5).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(imm.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(6.0);
            assertThat(text(imm, 5, 2)).isEqualTo("C");
            assertThat(text(imm, 4, 1)).isEqualTo("–");
            assertThat(text(imm, 7, 6)).isEqualTo("12");
            assertThat(text(imm, 9, 0)).startsWith("C: confidential");
            assertThat(text(imm, 10, 0)).startsWith("–: none");
        }
    }

    @Test
    void everyNumberEqualsTheSdmxCsvDownloadOfTheSameRelease() throws Exception {
        // the CSV download, parsed here: (flow, age, sex, duration) -> value or C, for March and KGZ
        String csv = HandRelease.controller().csv("MIGR_FLOW").getBody();
        Map<List<String>, String> fromCsv = new HashMap<>();
        for (String line : csv.split("\r\n")) {
            String[] f = line.split(",", -1);
            if (f[0].equals("dataflow") && f[5].equals("KGZ") && f[11].equals("2026-03")) {
                fromCsv.put(List.of(f[4], f[8], f[7], f[10]), f[13].equals("C") ? "C" : f[12]);
            }
        }
        assertThat(fromCsv).hasSize(10);
        Map<String, String> flows = Map.of("Immigration", "IMM", "Emigration", "EMI");
        Map<String, String> sexes = Map.of("Men", "M", "Women", "F", "Total", "_T");
        Map<String, String> durations = Map.of("Long-term", "LONG_TERM", "Total", "_T");
        Map<String, String> ages = Map.of("25–29", "Y25T29", "30–34", "Y30T34", "40–44", "Y40T44", "Total", "_T");
        Map<List<String>, String> fromXlsx = new HashMap<>();
        int marks = 0;
        try (Workbook book = xlsx("en", "2026-03", "KGZ")) {
            for (Sheet sheet : book) {
                String flow = flows.get(sheet.getSheetName());
                for (int r = XlsxTables.FIRST_DATA_ROW; r < XlsxTables.FIRST_DATA_ROW + ages.size(); r++) {
                    String age = ages.get(text(sheet, r, 0));
                    String duration = null;
                    for (int c = 1; c <= durations.size() * sexes.size(); c++) {
                        if (!text(sheet, 2, c).isEmpty()) {
                            duration = durations.get(text(sheet, 2, c));
                        }
                        String value = text(sheet, r, c);
                        if (value.equals("–")) {
                            marks++;
                        } else {
                            fromXlsx.put(List.of(flow, age, sexes.get(text(sheet, 3, c)), duration), value);
                        }
                    }
                }
            }
        }
        assertThat(fromXlsx).isEqualTo(fromCsv);
        assertThat(marks).isEqualTo(2 * 4 * 6 - 10);
        // and the figures put in by hand
        assertThat(fromXlsx.get(List.of("IMM", "Y30T34", "M", "LONG_TERM"))).isEqualTo("6");
        assertThat(fromXlsx.get(List.of("IMM", "Y30T34", "F", "LONG_TERM"))).isEqualTo("C");
        assertThat(fromXlsx.get(List.of("EMI", "Y40T44", "M", "LONG_TERM"))).isEqualTo("3");
    }

    @Test
    void anotherMonthAndCountryAndRussianLabels() throws Exception {
        try (Workbook book = xlsx("ru", "2026-02", "KGZ")) {
            assertThat(book.getNumberOfSheets()).isEqualTo(1);
            Sheet imm = book.getSheet("Иммиграция");
            assertThat(text(imm, 0, 0)).isEqualTo("Казахстан: Иммиграция, 2026-02; страна-контрагент: Киргизия");
            assertThat(text(imm, 2, 0)).isEqualTo("Возрастная группа");
            assertThat(text(imm, 2, 1)).isEqualTo("Долгосрочная");
            assertThat(text(imm, 3, 1)).isEqualTo("Мужчины");
            assertThat(text(imm, 4, 1)).isEqualTo("5");
            assertThat(text(imm, 6, 0)).startsWith("C: конфиденциально");
        }
        try (Workbook book = xlsx("en", "2026-03", "_T")) {
            Sheet imm = book.getSheet("Immigration");
            assertThat(text(imm, 0, 0)).endsWith("counterpart country: Total");
            assertThat(text(imm, 4, 1)).isEqualTo("9");
        }
    }
}
