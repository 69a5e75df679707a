package org.migrex.exchange.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;

/**
 * The portal's tables as an XLSX workbook in the layout of the Excel tables agencies exchange today (CIS-Stat's and
 * the national offices' forms): one sheet per table, and on each
 * <pre>
 *   row 1   the title: country, flow, period, counterpart country
 *   row 3   "Age group" | duration class 1 (over its sexes) | duration class 2 ...
 *   row 4             | sex 1 | sex 2 | ...               | sex 1 | ...
 *   row 5.. one row per age group: the counts as numbers, a suppressed cell as the text C, no observation as –
 *   then    the footnotes (what C and – mean)
 * </pre>
 * Columns are sexes within duration classes. Numbers are written as numbers, so that a spreadsheet can add them;
 * the true count of a suppressed cell is never known here ({@link PublicRelease}).
 */
public final class XlsxTables {
    /** First row of the figures (0-based): after the title, a blank row and two header rows. */
    static final int FIRST_DATA_ROW = 4;

    /** The texts of one workbook, in the reader's language. */
    public record Texts(String ageHeader, String confidentialMark, String noneMark, List<String> footnotes) {
    }

    /** One sheet: its name, its title row and its table; labels name the codes of the table. */
    public record Part(String name, String title, PublicTable table) {
    }

    private XlsxTables() {
    }

    /**
     * Writes the workbook.
     *
     * @param labels a code of the table's dimension to its name: {@code labels.apply("AGE").apply("Y30T34")}
     */
    public static byte[] write(List<Part> parts, Texts texts, Function<String, Function<String, String>> labels) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle title = book.createCellStyle();
            title.setFont(bold);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setWrapText(true);
            CellStyle mark = book.createCellStyle();
            mark.setAlignment(HorizontalAlignment.RIGHT);
            CellStyle number = book.createCellStyle();
            number.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            for (Part part : parts) {
                PublicTable t = part.table();
                Sheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(part.name()));
                int sexes = t.sexes().size();
                int lastColumn = t.durations().size() * sexes;
                sheet.createRow(0).createCell(0).setCellValue(part.title());
                sheet.getRow(0).getCell(0).setCellStyle(title);
                Row durations = sheet.createRow(2);
                Row sexRow = sheet.createRow(3);
                durations.createCell(0).setCellValue(texts.ageHeader());
                durations.getCell(0).setCellStyle(header);
                sexRow.createCell(0).setCellStyle(header);
                sheet.addMergedRegion(new CellRangeAddress(2, 3, 0, 0));
                for (int d = 0; d < t.durations().size(); d++) {
                    int first = 1 + d * sexes;
                    for (int s = 0; s < sexes; s++) {
                        durations.createCell(first + s).setCellStyle(header);
                        sexRow.createCell(first + s).setCellValue(label(labels, "SEX", t.sexes().get(s)));
                        sexRow.getCell(first + s).setCellStyle(header);
                    }
                    durations.getCell(first).setCellValue(label(labels, "DURATION", t.durations().get(d)));
                    if (sexes > 1) {
                        sheet.addMergedRegion(new CellRangeAddress(2, 2, first, first + sexes - 1));
                    }
                }
                int r = FIRST_DATA_ROW;
                for (String age : t.ages()) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(label(labels, "AGE", age));
                    int c = 1;
                    for (String duration : t.durations()) {
                        for (String sex : t.sexes()) {
                            SdmxObservation o = t.cell(age, sex, duration);
                            var cell = row.createCell(c++);
                            if (o != null && o.value() != null) {
                                cell.setCellValue(o.value());
                                cell.setCellStyle(number);
                            } else {
                                cell.setCellValue(o == null ? texts.noneMark() : texts.confidentialMark());
                                cell.setCellStyle(mark);
                            }
                        }
                    }
                }
                r++;
                for (String footnote : texts.footnotes()) {
                    sheet.createRow(r++).createCell(0).setCellValue(footnote);
                }
                sheet.setColumnWidth(0, 18 * 256);
                for (int c = 1; c <= lastColumn; c++) {
                    sheet.setColumnWidth(c, 12 * 256);
                }
                sheet.createFreezePane(1, FIRST_DATA_ROW);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing an XLSX workbook in memory", e);
        }
    }

    private static String label(Function<String, Function<String, String>> labels, String dimension, String code) {
        return code.isEmpty() ? "" : labels.apply(dimension).apply(code);
    }
}
