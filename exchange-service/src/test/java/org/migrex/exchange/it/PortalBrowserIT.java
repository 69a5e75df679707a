package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.migrex.exchange.portal.PortalConfiguration;
import org.migrex.exchange.portal.PortalController;
import org.migrex.exchange.sending.DisclosureAuditController;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroSerializer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public portal in a real browser (Debian's headless chromium through its chromedriver, driven by Selenium), on
 * the exchange service of node KAZ with a real Kafka broker and a real Apicurio registry (LocalStack): harmonized
 * events in, the PUBLIC agreement's dataset delivered through disclosure control, then the browser opens the public
 * page without a login, reads the table, switches to Russian (kept for the next page), opens the chart, and downloads
 * SDMX-CSV, whose numbers must equal both the portal's API answer over plain HTTP and a count made here by hand from
 * the events. Screenshots go to {@code target/portal-screenshots}.
 *
 * <p>Skipped, with the reason, only when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing;
 * {@code .ci/run} installs both.
 */
@EnabledIf(value = "browserInstalled", disabledReason = "no headless browser: /usr/bin/chromium and /usr/bin/chromedriver"
        + " (Debian packages chromium, chromium-driver) are not installed; .ci/run installs them")
@SpringBootTest(classes = PortalBrowserIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SendingConfiguration.class, DisclosureAuditController.class, PortalConfiguration.class,
            PortalController.class})
    static class App {
    }

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path work;

    @LocalServerPort
    int port;

    static boolean browserInstalled() {
        return HeadlessChromium.installed();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-portal-it");
        Ed25519Keys.generate(work.resolve("kaz.key"), work.resolve("kaz.pub"));
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        Files.writeString(agreements.resolve("kaz-public.yml"), """
                id: KAZ-PUBLIC-MIGR_FLOW
                version: 1
                partner: PUBLIC
                dataflow: MIGR_FLOW
                keep: [FLOW, COUNTERPART_AREA, SEX, AGE, DURATION, TIME_PERIOD]
                disclosure:
                  k: 3
                resend:
                  min-interval: PT1S
                final-after: P2M
                """);
        registry.add("management.endpoint.health.group.readiness.include", () -> "readinessState,exchangeStreams");
        registry.add("spring.cloud.function.definition", () -> "aggregation;delivery;forwarding");
        registry.add("migrex.node.country", () -> "KAZ");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.exchange.agreements-dir", agreements::toString);
        registry.add("migrex.exchange.signing.key-id", () -> "KAZ-IT-1");
        registry.add("migrex.exchange.signing.private-key", () -> work.resolve("kaz.key").toString());
        registry.add("migrex.exchange.signing.public-key", () -> work.resolve("kaz.pub").toString());
        registry.add("migrex.exchange.state-dir", () -> work.resolve("state").toString());
        registry.add("migrex.exchange.schedule-interval", () -> "PT0.5S");
        registry.add("migrex.security.users.kaz-ops.password", () -> "{noop}ops-pw");
        registry.add("migrex.security.users.kaz-ops.roles", () -> "OPERATOR");
        registry.add("migrex.security.users.kaz-stat.password", () -> "{noop}stat-pw");
        registry.add("migrex.security.users.kaz-stat.roles", () -> "STATISTICIAN");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** One migrant's event: (flow, sex, age group, month), counterpart and citizenship KGZ, long-term. */
    private record Move(String id, String flow, String sex, String age, String month) {
    }

    // by hand: March, 6 men 30-34 and 4 women 25-29 arrive from KGZ; April, 5 men 30-34 and 3 women 30-34 arrive,
    // 3 men 40-44 leave for KGZ. Every cell and margin is at least k = 3, so nothing is suppressed
    private static List<Move> moves() {
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            moves.add(new Move("m3-" + i, "IMM", "M", "Y30T34", "2026-03"));
        }
        for (int i = 0; i < 4; i++) {
            moves.add(new Move("f3-" + i, "IMM", "F", "Y25T29", "2026-03"));
        }
        for (int i = 0; i < 5; i++) {
            moves.add(new Move("m4-" + i, "IMM", "M", "Y30T34", "2026-04"));
        }
        for (int i = 0; i < 3; i++) {
            moves.add(new Move("f4-" + i, "IMM", "F", "Y30T34", "2026-04"));
        }
        for (int i = 0; i < 3; i++) {
            moves.add(new Move("e4-" + i, "EMI", "M", "Y40T44", "2026-04"));
        }
        return moves;
    }

    private static HarmonizedMigrationEvent event(Move m) {
        boolean imm = m.flow().equals("IMM");
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(imm ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .setEventDate(m.month() + "-10").setTimePeriod(m.month()).setFlow(m.flow())
                .setScope(MigrationScope.IN_SCOPE).setPersonPseudonym("p-" + m.id())
                .setSex(m.sex()).setAgeYears(30).setAgeGroup(m.age()).setCitizenship("KGZ").setCountryOfBirth("KGZ")
                .setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis(imm ? "INTENDED" : "REGISTRATION").setIntendedDurationDays(imm ? 400 : null)
                .setLineage(new Lineage("template", m.id(), "b1", 2L, "1", "ref-1", Instant.now()))
                .build();
    }

    /**
     * The expected SDMX-CSV observations, counted here from the moves: each move adds 1 to its own cell and to every
     * cell where any of COUNTERPART_AREA, SEX, AGE, DURATION is replaced by _T (the totalled kept dimensions);
     * CITIZENSHIP and PURPOSE are not kept, so always _T. Key: the CSV's dimension columns joined with ','.
     */
    private static Map<String, Long> expected() {
        Map<String, Long> counts = new TreeMap<>();
        for (Move m : moves()) {
            for (int mask = 0; mask < 16; mask++) {
                String counterpart = (mask & 1) != 0 ? "_T" : "KGZ";
                String sex = (mask & 2) != 0 ? "_T" : m.sex();
                String age = (mask & 4) != 0 ? "_T" : m.age();
                String duration = (mask & 8) != 0 ? "_T" : "LONG_TERM";
                counts.merge(String.join(",", "KAZ", m.flow(), counterpart, "_T", sex, age, "_T", duration,
                        m.month()), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void aReaderSeesTheReleaseSwitchesToRussianOpensTheChartAndDownloadsTheSameNumbers() throws Exception {
        Map<String, Object> serde = Map.of("schema.registry.url", stack.registryConfluentUrl(),
                "auto.register.schemas", true);
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde, false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            for (Move m : moves()) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|" + m.id(), event(m)));
            }
            producer.flush();
        }
        Map<String, Long> expected = expected();
        // the API (no login): wait until both months' final tables are released
        String apiCsv = awaitRelease(expected);
        assertThat(values(apiCsv)).isEqualTo(expected);

        Files.createDirectories(SCREENSHOTS);
        Path downloads = Files.createDirectories(Path.of("target", "portal-downloads").toAbsolutePath());
        try (var files = Files.list(downloads)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        WebDriver browser = HeadlessChromium.open(downloads);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;
            browser.get(base + "/portal/public");
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Published migration statistics");
            // the newest month and all counterparts by default; choose March and KGZ by the labelled selects
            new Select(browser.findElement(By.id("period"))).selectByValue("2026-03");
            new Select(browser.findElement(By.id("counterpart"))).selectByValue("KGZ");
            assertThat(browser.findElement(By.cssSelector("label[for=counterpart]")).getText())
                    .isEqualTo("Counterpart country");
            browser.findElement(By.id("show")).click();
            wait.until(d -> d.getCurrentUrl().contains("period=2026-03"));
            // columns: men (long-term, total), women (long-term, total), total (long-term, total)
            assertThat(row(browser, "table-IMM", "30–34")).containsExactly("6", "6", "–", "–", "6", "6");
            assertThat(row(browser, "table-IMM", "25–29")).containsExactly("–", "–", "4", "4", "4", "4");
            assertThat(row(browser, "table-IMM", "Total")).containsExactly("6", "6", "4", "4", "10", "10");
            assertThat(browser.findElements(By.id("table-EMI"))).isEmpty(); // nobody left in March
            HeadlessChromium.screenshot(browser, "01-tables-en");
            HeadlessChromium.accessible(browser, "axe-tables-en");

            // switch the language: the page, its labels and the country names (CLDR) in Russian
            browser.findElement(By.id("lang-ru")).click();
            wait.until(d -> "ru".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Опубликованная статистика миграции");
            // the same selection, now in Russian
            assertThat(new Select(browser.findElement(By.id("period"))).getFirstSelectedOption().getText())
                    .isEqualTo("2026-03");
            assertThat(row(browser, "table-IMM", "Всего")).containsExactly("6", "6", "4", "4", "10", "10");
            assertThat(browser.findElement(By.cssSelector("label[for=counterpart]")).getText())
                    .isEqualTo("Страна-контрагент");
            assertThat(new Select(browser.findElement(By.id("counterpart"))).getOptions().stream()
                    .map(WebElement::getText)).contains("Киргизия", "Всего"); // CLDR's Russian name of KG
            assertThat(browser.findElement(By.cssSelector("#table-IMM caption")).getText()).startsWith("Иммиграция");
            HeadlessChromium.screenshot(browser, "02-tables-ru");
            HeadlessChromium.accessible(browser, "axe-tables-ru");

            // the chart, still in Russian (the choice is kept): series by flow and sex over both months
            browser.findElement(By.id("nav-chart")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/public/chart"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Иммиграция и эмиграция по полу");
            WebElement svg = browser.findElement(By.cssSelector("svg#chart"));
            assertThat(svg.getDomAttribute("role")).isEqualTo("img");
            assertThat(browser.findElements(By.cssSelector("svg#chart polyline"))).isNotEmpty();
            assertThat(svg.getText()).contains("Иммиграция, мужчины").contains("Эмиграция, женщины");
            // the chart's figures, all counterparts, all ages and durations: by hand from the moves
            assertThat(row(browser, "chart-data", "Иммиграция, мужчины")).containsExactly("6", "5");
            assertThat(row(browser, "chart-data", "Иммиграция, женщины")).containsExactly("4", "3");
            assertThat(row(browser, "chart-data", "Эмиграция, мужчины")).containsExactly("–", "3");
            assertThat(row(browser, "chart-data", "Эмиграция, женщины")).containsExactly("–", "–");
            HeadlessChromium.screenshot(browser, "03-chart-ru");
            HeadlessChromium.accessible(browser, "axe-chart-ru");

            // the age-sex pyramid and the stock page, still in Russian: drawn, or saying why not, and accessible
            browser.findElement(By.id("nav-pyramid")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/public/pyramid"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Половозрастная пирамида мигрантов");
            assertThat(browser.findElements(By.cssSelector("figure svg"))).isNotEmpty();
            // April's immigrants (the newest month, all counterparts), all aged 30-34: the chart's April figures
            assertThat(row(browser, "chart-data", "30–34")).containsExactly("5", "3");
            HeadlessChromium.screenshot(browser, "05-pyramid-ru");
            HeadlessChromium.accessible(browser, "axe-pyramid-ru");
            browser.findElement(By.id("nav-stock")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/public/stock"));
            assertThat(browser.findElement(By.id("not-released")).getText())
                    .as("this node releases no MIGR_STOCK to PUBLIC").contains("MIGR_STOCK");
            HeadlessChromium.screenshot(browser, "06-stock-ru");
            HeadlessChromium.accessible(browser, "axe-stock-ru");

            // download SDMX-CSV from the tables page: the file is the API's answer, and its numbers are the hand count
            browser.findElement(By.linkText("Таблицы")).click();
            wait.until(d -> !d.findElements(By.id("download-csv")).isEmpty());
            browser.findElement(By.id("download-csv")).click();
            Path file = downloads.resolve("KAZ-MIGR_FLOW-public.csv");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(file));
            String downloaded = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(values(downloaded)).isEqualTo(expected);
            assertThat(downloaded).isEqualTo(get("/portal/public/data.csv?dataflow=MIGR_FLOW").body());
            HeadlessChromium.screenshot(browser, "04-downloaded");
        } finally {
            browser.quit();
        }
        xlsxOfMarchFromKgzEqualsTheHandCount(expected);
        // the rest of the node keeps its logins
        assertThat(get("/sdmx/v2/data/dataflow/MIGREX/MIGR_FLOW/2.0").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/disclosure-audit?partner=PUBLIC&period=2026-04").statusCode()).isEqualTo(401);
        // and an operator audits the public release like any partner's: April's table, published, passes
        HttpResponse<String> audit = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/disclosure-audit?partner=PUBLIC&period=2026-04"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "kaz-ops:ops-pw".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("\"partner\":\"PUBLIC\"").contains("\"passes\":true")
                .contains("KAZ-PUBLIC-MIGR_FLOW");
    }

    /**
     * The XLSX of March's table from KGZ (over plain HTTP, English): every number in it, read back with Apache POI
     * and located by its sheet (flow), row (age group) and header cells (duration class, sex), equals the hand count;
     * every other cell is the mark for none (nothing is suppressed in this release).
     */
    private void xlsxOfMarchFromKgzEqualsTheHandCount(Map<String, Long> expected) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/portal/public/table.xlsx?dataflow=MIGR_FLOW&period=2026-03&counterpart=KGZ&lang=en")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        Path downloads = Files.createDirectories(Path.of("target", "portal-downloads"));
        Files.write(downloads.resolve("KAZ-MIGR_FLOW-2026-03-KGZ.xlsx"), answer.body());
        Map<String, String> flows = Map.of("Immigration", "IMM", "Emigration", "EMI");
        Map<String, String> sexes = Map.of("Men", "M", "Women", "F", "Total", "_T");
        Map<String, String> durations = Map.of("Long-term", "LONG_TERM", "Total", "_T");
        Map<String, String> ages = Map.of("25–29", "Y25T29", "30–34", "Y30T34", "Total", "_T");
        Map<String, Long> fromXlsx = new TreeMap<>();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            for (Sheet sheet : book) {
                String flow = flows.get(sheet.getSheetName());
                Row durationRow = sheet.getRow(2);
                Row sexRow = sheet.getRow(3);
                for (int r = 4; sheet.getRow(r) != null && sheet.getRow(r).getCell(1) != null; r++) {
                    Row row = sheet.getRow(r);
                    String duration = null;
                    for (int c = 1; c < row.getLastCellNum(); c++) {
                        String d = durationRow.getCell(c).getStringCellValue();
                        duration = d.isEmpty() ? duration : durations.get(d);
                        Cell cell = row.getCell(c);
                        if (cell.getCellType() == CellType.NUMERIC) {
                            fromXlsx.put(String.join(",", "KAZ", flow, "KGZ", "_T",
                                    sexes.get(sexRow.getCell(c).getStringCellValue()),
                                    ages.get(row.getCell(0).getStringCellValue()), "_T", duration, "2026-03"),
                                    (long) cell.getNumericCellValue());
                        } else {
                            assertThat(cell.getStringCellValue()).isEqualTo("–");
                        }
                    }
                }
            }
        }
        Map<String, Long> march = new TreeMap<>();
        expected.forEach((key, value) -> {
            if (key.startsWith("KAZ,IMM,KGZ,") && key.endsWith(",2026-03") || key.startsWith("KAZ,EMI,KGZ,")
                    && key.endsWith(",2026-03")) {
                march.put(key, value);
            }
        });
        assertThat(fromXlsx).isNotEmpty().isEqualTo(march);
    }

    private static List<String> row(WebDriver browser, String tableId, String header) {
        for (WebElement tr : browser.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            if (tr.findElement(By.tagName("th")).getText().equals(header)) {
                return tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            }
        }
        throw new AssertionError("no row '" + header + "' in #" + tableId);
    }

    /** The observations of an SDMX-CSV 2.0 answer: dimension columns joined with ',' to OBS_VALUE (F only). */
    private static Map<String, Long> values(String csv) {
        Map<String, Long> values = new TreeMap<>();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FLOW,COUNTERPART_AREA,CITIZENSHIP,"
                + "SEX,AGE,PURPOSE,DURATION,TIME_PERIOD,OBS_VALUE,CONF_STATUS");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertThat(f[13]).as(lines[i]).isEqualTo("F");
            values.put(String.join(",", List.of(f).subList(3, 12)), Long.parseLong(f[12]));
        }
        return values;
    }

    private String awaitRelease(Map<String, Long> expected) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> answer = get("/portal/public/data.csv?dataflow=MIGR_FLOW");
            if (answer.statusCode() == 200) {
                last = answer.body();
                if (values(last).equals(expected)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the public release never reached the hand count; last answer:\n" + last);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
