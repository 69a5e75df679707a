package org.migrex.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RUS file follows the ru-registry-export contract of docs/ingestion.md. */
class DemoFilesTest {
    @Test
    void russianExportHasTheContractsHeadersTermsAndLayout() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("record_id", "RU-000001");
        f.put("event_type", "STAY_REGISTRATION");
        f.put("event_date", "2025-03-14");
        f.put("person_id", "AN1234567");
        f.put("sex", "F");
        f.put("birth_date", "1990-05-02");
        f.put("citizenship", "KGZ");
        f.put("country_of_birth", "KGZ");
        f.put("counterpart_country", "KGZ");
        f.put("purpose", "WORK");
        f.put("intended_duration_days", "300");
        f.put("region", "RU-1");
        String file = DemoFiles.render("RUS", List.of(new DemoRow("RUS", f, DemoRow.Fate.COUNTED, "IMM", "KGZ", "F",
                YearMonth.of(2025, 3), true)));
        assertThat(file).startsWith("\uFEFFНомер записи;Тип события;Дата регистрации;Паспорт;Пол;Дата рождения;Гражданство;"
                + "Страна рождения;Откуда прибыл / Куда убыл;Цель;Срок пребывания (дней);Регион\r\n");
        String row = file.split("\r\n")[1];
        assertThat(row).startsWith("RU-000001;Постановка на миграционный учет;14.03.2025;AN1234567;Ж;02.05.1990;"
                + "Киргизия;Киргизия;Киргизия;Трудовая деятельность;300;");
        assertThat(DemoFiles.source("RUS")).isEqualTo("registry-export");
    }

    @Test
    void templateFileHasTheTemplateHeader() {
        assertThat(DemoFiles.render("KAZ", List.of())).isEqualTo(String.join(",", DemoFiles.TEMPLATE_COLUMNS) + "\n");
    }
}
