package org.migrex.ingestion.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    /** Each record as "line:field|field|...". */
    private static List<String> read(Reader text, char delimiter) throws IOException {
        CsvReader reader = new CsvReader(text, delimiter, 1000);
        List<String> records = new ArrayList<>();
        while (reader.next()) {
            records.add(reader.line() + ":" + String.join("|", reader.fields()));
        }
        return records;
    }

    private static List<String> read(String text, char delimiter) throws IOException {
        return read(new StringReader(text), delimiter);
    }

    @Test
    void splitsOnCommaWithLfLineEnds() throws IOException {
        assertThat(read("a,b,c\n1,2,3\n", ',')).containsExactly("1:a|b|c", "2:1|2|3");
    }

    @Test
    void splitsOnSemicolonWithCrlfAndNoFinalLineEnd() throws IOException {
        assertThat(read("a;b\r\n1;2\r\n3;4", ';')).containsExactly("1:a|b", "2:1|2", "3:3|4");
    }

    @Test
    void oldMacCrLineEndsCount() throws IOException {
        assertThat(read("a,b\r1,2\r", ',')).containsExactly("1:a|b", "2:1|2");
    }

    @Test
    void skipsTheByteOrderMark() throws IOException {
        assertThat(read("\uFEFFa;b\r\n1;2\r\n", ';')).containsExactly("1:a|b", "2:1|2");
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
        String text = "id,note,x\r\n1,\"a, b\",y\r\n2,\"say \"\"hi\"\"\",z\r\n3,\"two\r\nlines\nthree\",w\r\n4,,v\r\n";
        assertThat(read(text, ',')).containsExactly("1:id|note|x", "2:1|a, b|y", "3:2|say \"hi\"|z",
                "4:3|two\r\nlines\nthree|w", "7:4||v");
    }

    @Test
    void keepsEmptyFieldsIncludingTheLast() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("a;;\n"), ';', 1000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.fields()).containsExactly("a", "", "");
    }

    @Test
    void skipsBlankLinesButCountsThem() throws IOException {
        assertThat(read("a,b\n\n1,2\r\n\r\n3,4\n", ',')).containsExactly("1:a|b", "3:1|2", "5:3|4");
    }

    @Test
    void detectsTheDelimiterFromTheHeader() throws IOException {
        CsvReader semicolons = new CsvReader(new StringReader("\uFEFFa;b;\"c,d\"\n1;2;3\n"), (char) 0, 1000);
        assertThat(semicolons.next()).isTrue();
        assertThat(semicolons.delimiter()).isEqualTo(';');
        assertThat(semicolons.fields()).containsExactly("a", "b", "c,d");
        CsvReader commas = new CsvReader(new StringReader("a,b,c\n"), (char) 0, 1000);
        assertThat(commas.next()).isTrue();
        assertThat(commas.delimiter()).isEqualTo(',');
    }

    @Test
    void detectsTheDelimiterWhenTheHeaderArrivesInPieces() throws IOException {
        Reader trickle = new Reader() {
            private final String text = "a;b;c\r\n1;2;3\r\n";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at >= text.length()) {
                    return -1;
                }
                buffer[offset] = text.charAt(at++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        assertThat(read(trickle, (char) 0)).containsExactly("1:a|b|c", "2:1|2|3");
    }

    @Test
    void readsRecordsAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder("id;value\r\n");
        for (int i = 1; i <= 20_000; i++) {
            text.append(i).append(";\"v").append(i).append("\"\r\n");
        }
        List<String> records = read(text.toString(), ';');
        assertThat(records).hasSize(20_001);
        assertThat(records.get(20_000)).isEqualTo("20001:20000|v20000");
    }

    @Test
    void aQuoteNeverClosedIsReportedWithItsLine() {
        assertThatThrownBy(() -> read("a,b\n1,\"open\n2,3\n", ','))
                .isInstanceOf(MalformedCsvException.class)
                .hasMessage("line 2: a quoted field is not closed before the end of the file");
    }

    @Test
    void aRecordOverTheLimitIsRefusedInsteadOfFillingTheHeap() {
        String longField = "x".repeat(2000);
        assertThatThrownBy(() -> read("a\n" + longField + "\n", ','))
                .isInstanceOf(MalformedCsvException.class)
                .hasMessageStartingWith("line 2: the record is longer than 1000 characters");
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        assertThat(read("", ',')).isEmpty();
        assertThat(read("\uFEFF", ',')).isEmpty();
    }
}
