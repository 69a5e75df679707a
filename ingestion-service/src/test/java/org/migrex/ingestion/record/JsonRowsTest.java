package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.migrex.ingestion.profile.TemplateColumn;

class JsonRowsTest {

    @Test
    void readsObjectsOneByOneWithStringsNumbersAndNulls() {
        JsonRows rows = new JsonRows(new StringReader("""
                [{"record_id": 17, "event_type": "ENTRY", "event_date": "2025-03-14", "person_id": "N1",
                  "intended_duration_days": 90, "sex": null, "unknown": {"x": 1}},
                 {"record_id": "K-2", "person_id": ["not", "scalar"]},
                 42]"""));
        assertThat(rows.next()).isTrue();
        assertThat(rows.line()).isEqualTo(1);
        assertThat(rows.value(TemplateColumn.RECORD_ID)).isEqualTo("17");
        assertThat(rows.value(TemplateColumn.INTENDED_DURATION_DAYS)).isEqualTo("90");
        assertThat(rows.value(TemplateColumn.SEX)).isNull();
        assertThat(rows.rowProblem()).isNull();
        assertThat(rows.next()).isTrue();
        assertThat(rows.value(TemplateColumn.RECORD_ID)).isEqualTo("K-2");
        assertThat(rows.value(TemplateColumn.EVENT_TYPE)).isNull();
        assertThat(rows.rowProblem()).isEqualTo(new RowError(2, "person_id", null,
                "person_id must be a string, a number or null"));
        assertThat(rows.next()).isTrue();
        assertThat(rows.rowProblem().message()).startsWith("array element 3 is not an object");
        assertThat(rows.next()).isFalse();
    }

    @Test
    void brokenJsonIsUnreadableWithoutQuotingTheContent() {
        JsonRows rows = new JsonRows(new StringReader("[{\"person_id\": N99887766}]"));
        assertThatThrownBy(rows::next)
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageStartingWith("the body is not valid JSON (line 1, column")
                .message().doesNotContain("N99887766");
        assertThatThrownBy(() -> new JsonRows(new StringReader("{\"a\": 1}")))
                .hasMessageStartingWith("the body is not a JSON array of objects");
    }

    /** A JSON upload with one value of 99 million characters, generated as it is read (never held by the test). */
    static Reader bomb(String property, long valueChars) {
        return new Reader() {
            final char[] head = ("[{\"record_id\": \"K-1\", \"" + property + "\": \"").toCharArray();
            long at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                long total = head.length + valueChars;
                if (at >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - at);
                for (int i = 0; i < n; i++, at++) {
                    buffer[offset + i] = at < head.length ? head[(int) at] : 'x';
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aValueOf99MillionCharactersIsUnreadableNamingElementPropertyAndLimitAfterAtMostTheLimit() {
        JsonRows rows = new JsonRows(bomb("region", 99_000_000L));

        assertThatThrownBy(rows::next)
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessage("array element 1, property region: the value is longer than 1048576 characters, the most"
                        + " a row may have (as a CSV record); accepted per column: see the template (record_id up to"
                        + " 100 characters, person_id up to 64, ...)");
    }

    @Test
    void valuesOfOneObjectTogetherAreBoundedAsACsvRecord() {
        String half = "y".repeat(600_000);
        JsonRows rows = new JsonRows(new StringReader("[{\"person_id\": \"" + half + "\", \"region\": \"" + half
                + "\"}]"));

        assertThatThrownBy(rows::next)
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageStartingWith("array element 1, property region: the values of the object have more than"
                        + " 1048576 characters together")
                .message().doesNotContain("yyyy");
    }

    @Test
    void aHugeUnknownPropertyIsSkippedWithoutBeingKeptAndTooLongNamesOrDeepNestingAreRefused() {
        JsonRows skipped = new JsonRows(new StringReader("[{\"note\": \"" + "z".repeat(2_000_000)
                + "\", \"record_id\": \"K-9\"}]"));
        assertThat(skipped.next()).isTrue();
        assertThat(skipped.value(TemplateColumn.RECORD_ID)).isEqualTo("K-9");

        JsonRows longName = new JsonRows(new StringReader("[{\"" + "n".repeat(5000) + "\": 1}]"));
        assertThatThrownBy(longName::next)
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageContaining("names up to 1000 characters");
        JsonRows deep = new JsonRows(new StringReader("[{\"x\": " + "[".repeat(100) + "]".repeat(100) + "}]"));
        assertThatThrownBy(deep::next)
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageContaining("nesting up to 32 levels");
    }
}
