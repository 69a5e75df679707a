package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
