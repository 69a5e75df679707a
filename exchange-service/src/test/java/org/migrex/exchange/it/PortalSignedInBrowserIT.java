package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.migrex.exchange.portal.MirrorPageController;
import org.migrex.exchange.portal.QualityPageController;
import org.migrex.exchange.portal.RemittancePageController;
import org.migrex.exchange.portal.PortalConfiguration;
import org.migrex.exchange.receiving.InboxController;
import org.migrex.exchange.receiving.MirrorController;
import org.migrex.exchange.receiving.ReceivingConfiguration;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.migrex.exchange.portal.PortalController;
import org.migrex.exchange.portal.PortalUserAdvice;
import org.migrex.exchange.portal.SignedInController;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.Ed25519Keys;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's signed-in pages in a real browser (Debian's headless chromium through chromedriver, driven by
 * Selenium), on node KAZ: the exchange service in this JVM, ingestion and harmonization from their packaged jars as
 * child JVMs, all on one real KRaft broker and Apicurio registry (LocalStack). An agency signs in (a browser that is
 * not signed in is sent to the sign-in page), uploads a CSV file whose report must match a count made by hand of the
 * file below, switches to Russian, and opens its quarantine, whose figures must equal harmonization's API answer and
 * the hand count, and its inbox (datasets signed here with a key generated here, as partner KGZ). A statistician is
 * refused the upload page (403) and opens the mirror page, whose figures must equal the mirror API's and the hand
 * count (a suppressed partner figure is C, not 0), then the data-quality page, whose indicators must equal the hand
 * count of the file; an operator replays the quarantine. axe-core finds
 * no serious or critical violation on any of these pages. Screenshots: {@code target/portal-screenshots/signed-in-*}.
 */
@EnabledIf(value = "browserInstalled", disabledReason = "no headless browser: /usr/bin/chromium and /usr/bin/chromedriver"
        + " (Debian packages chromium, chromium-driver) are not installed; .ci/run installs them")
@SpringBootTest(classes = PortalSignedInBrowserIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalSignedInBrowserIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SendingConfiguration.class, ReceivingConfiguration.class, InboxController.class, MirrorController.class,
            PortalConfiguration.class, PortalController.class, SignedInController.class, MirrorPageController.class,
            RemittancePageController.class, QualityPageController.class, PortalUserAdvice.class})
    static class App {
    }

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "portal-it-secret-0123456789abcdefghij";
    private static LocalStack stack;
    private static ChildService ingestion;
    private static ChildService harmonization;
    private static KeyPair kgz;

    @Autowired
    AvroSerdeFactory serdes;

    /**
     * The uploaded file, counted by hand: 5 data rows (lines 2-6). Line 4 has 31 February (not a date) and line 6
     * has 2 fields for the header's 12: rejected, so 3 accepted. Of those, line 5's citizenship "Кыргызия" is no
     * country code or name harmonization knows (reference data as shipped): 1 record in quarantine, rule
     * COUNTRY_UNKNOWN, field citizenship. Lines 2 and 3 are residence registrations (immigration, long-term): KAZ's
     * immigration from KGZ in March is line 2 alone, 1 person.
     */
    static final String FILE = """
            record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,counterpart_country,purpose,intended_duration_days,region
            P-1,RESIDENCE_REGISTRATION,2026-03-14,N10000001,F,1990-05-02,KGZ,KGZ,KGZ,WORK,365,KZ-ALA
            P-2,RESIDENCE_REGISTRATION,2026-03-15,N10000002,M,1985-01-20,UZB,UZB,UZB,WORK,400,KZ-AST
            P-3,EXIT,31.02.2026,N10000003,M,,UZB,,UZB,,,KZ-AST
            P-4,RESIDENCE_REGISTRATION,2026-03-16,N10000004,F,1992-07-07,Кыргызия,KGZ,KGZ,FAMILY,500,KZ-ALA
            P-5,ENTRY
            """;

    @LocalServerPort
    int port;

    static boolean browserInstalled() {
        return HeadlessChromium.installed();
    }

    private static List<String> users() {
        return List.of(
                "--migrex.security.users.kaz-agency.password={noop}agency-pw",
                "--migrex.security.users.kaz-agency.roles=AGENCY",
                "--migrex.security.users.kaz-stat.password={noop}stat-pw",
                "--migrex.security.users.kaz-stat.roles=STATISTICIAN",
                "--migrex.security.users.kaz-ops.password={noop}ops-pw",
                "--migrex.security.users.kaz-ops.roles=OPERATOR");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        Path work = Files.createTempDirectory("migrex-portal-signed-in-it");
        List<String> node = List.of("--migrex.node.country=KAZ",
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl());
        Path watch = stack.workDir().resolve("parent-watch.jar");
        List<String> ingestionArgs = new java.util.ArrayList<>(node);
        ingestionArgs.addAll(users());
        ingestionArgs.addAll(List.of("--migrex.ingestion.pseudonym-secret=" + SECRET,
                "--migrex.ingestion.sources.template.owner=kaz-agency"));
        ingestion = ChildService.start("ingestion-service", "migrex.ingestion.jar", watch, ingestionArgs);
        List<String> harmonizationArgs = new java.util.ArrayList<>(node);
        harmonizationArgs.addAll(users());
        Path referenceData = Files.createDirectories(work.resolve("reference-data"));
        harmonizationArgs.addAll(List.of("--migrex.harmonization.reference-data-dir=" + referenceData,
                "--migrex.harmonization.sources.template.owner=kaz-agency",
                "--spring.cloud.stream.kafka.streams.binder.configuration.state.dir=" + work.resolve("h-state")));
        harmonization = ChildService.start("harmonization-service", "migrex.harmonization.jar", watch,
                harmonizationArgs);

        Ed25519Keys.generate(work.resolve("kaz.key"), work.resolve("kaz.pub"));
        kgz = Ed25519Keys.generate(work.resolve("kgz.key"), work.resolve("kgz.pub"));
        registry.add("migrex.exchange.partners.KGZ.public-key", () -> work.resolve("kgz.pub").toString());
        registry.add("migrex.exchange.partners.KGZ.key-id", () -> "KGZ-IT-1");
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        registry.add("management.endpoint.health.group.readiness.include", () -> "readinessState,exchangeStreams");
        registry.add("spring.cloud.function.definition", () -> "aggregation;delivery;forwarding;receipt");
        registry.add("migrex.node.country", () -> "KAZ");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.exchange.agreements-dir", agreements::toString);
        registry.add("migrex.exchange.signing.key-id", () -> "KAZ-IT-1");
        registry.add("migrex.exchange.signing.private-key", () -> work.resolve("kaz.key").toString());
        registry.add("migrex.exchange.signing.public-key", () -> work.resolve("kaz.pub").toString());
        registry.add("migrex.exchange.state-dir", () -> work.resolve("state").toString());
        registry.add("migrex.portal.ingestion-url", () -> ingestion.url().toString());
        registry.add("migrex.portal.harmonization-url", () -> harmonization.url().toString());
        for (String user : users()) {
            String[] kv = user.substring(2).split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ChildService service : new ChildService[] {ingestion, harmonization}) {
            if (service != null) {
                service.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAgencyUploadsReadsItsReportAndQuarantineAStatisticianIsRefusedAnOperatorReplays() throws Exception {
        // partner KGZ's datasets for KAZ, signed with its key: March (revision 1, then 2, final), April
        deliver(kgzDataset("2026-03", 1, "PROVISIONAL", 3L));
        deliver(kgzDataset("2026-03", 2, "FINAL", 4L));
        deliver(kgzDataset("2026-04", 1, "PROVISIONAL", null));
        ingestion.awaitReady(Duration.ofSeconds(180));
        harmonization.awaitReady(Duration.ofSeconds(180));
        Files.createDirectories(SCREENSHOTS);
        Path upload = Files.createDirectories(Path.of("target", "portal-uploads").toAbsolutePath())
                .resolve("kaz-march.csv");
        Files.writeString(upload, FILE, StandardCharsets.UTF_8);
        String base = "http://localhost:" + port;
        // without a browser: no login, 401 with the node's Basic challenge; the public pages stay open
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/portal/upload")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"migrex\"");

        WebDriver browser = HeadlessChromium.open(null);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // a browser that is not signed in is sent to the sign-in page, and back to the page it asked for
            browser.get(base + "/portal/upload");
            wait.until(d -> d.getCurrentUrl().contains("/portal/signin"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
            HeadlessChromium.accessible(browser, "axe-signed-in-signin-en");
            HeadlessChromium.screenshot(browser, "signed-in-01-signin-en");
            signIn(browser, "kaz-agency", "wrong");
            wait.until(d -> !d.findElements(By.id("signin-error")).isEmpty());
            assertThat(browser.findElement(By.id("signin-error")).getText()).isEqualTo("Wrong user name or password.");
            signIn(browser, "kaz-agency", "agency-pw");
            wait.until(d -> d.getCurrentUrl().contains("/portal/home") || d.getCurrentUrl().contains("/portal/upload"));
            browser.get(base + "/portal/upload");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as kaz-agency");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Upload records");
            // the agency's own sources only (ingestion's list filtered by owner)
            assertThat(new Select(browser.findElement(By.id("source"))).getOptions().stream().map(WebElement::getText))
                    .containsExactly("template (profile template)");
            assertThat(browser.findElement(By.cssSelector("label[for=file]")).getText()).isEqualTo("File (CSV or JSON)");
            browser.findElement(By.id("file")).sendKeys(upload.toString());
            browser.findElement(By.id("upload-submit")).click();
            wait.until(d -> !d.findElements(By.id("report")).isEmpty() || !d.findElements(By.id("upload-refused")).isEmpty());
            assertThat(browser.findElements(By.id("upload-refused"))).as("refusal").isEmpty();
            // the report, by hand from FILE: 5 rows read, 3 accepted, 2 rejected (lines 4 and 6)
            assertThat(browser.findElement(By.id("report-received")).getText()).isEqualTo("5");
            assertThat(browser.findElement(By.id("report-accepted")).getText()).isEqualTo("3");
            assertThat(browser.findElement(By.id("report-rejected")).getText()).isEqualTo("2");
            List<List<String>> errors = rows(browser, "report-errors");
            assertThat(errors).hasSize(2);
            assertThat(errors.get(0)).startsWith("4", "event_date", "31.02.2026");
            assertThat(errors.get(0).get(3)).contains("'31.02.2026' is not a date");
            assertThat(errors.get(1)).startsWith("6", "(the whole row)", "–");
            assertThat(errors.get(1).get(3)).contains("the row has 2 fields but the header has 12");
            assertThat(browser.getPageSource()).doesNotContain("N10000003"); // person ids are never shown
            HeadlessChromium.screenshot(browser, "signed-in-02-report-en");
            HeadlessChromium.accessible(browser, "axe-signed-in-report-en");

            // Russian: the language link keeps the page; labels, headings and the navigation in Russian
            browser.findElement(By.id("lang-ru")).click();
            wait.until(d -> "ru".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Загрузка записей");
            assertThat(browser.findElement(By.cssSelector("label[for=source]")).getText()).isEqualTo("Источник");
            assertThat(browser.findElement(By.id("nav-quarantine")).getText()).isEqualTo("Карантин");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Вы вошли как kaz-agency");
            HeadlessChromium.accessible(browser, "axe-signed-in-upload-ru");

            // the quarantine, in Russian: line 5's record, and the same figures as harmonization's API answer
            browser.findElement(By.id("nav-quarantine")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/quarantine"));
            new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofSeconds(1)).until(d -> {
                if (d.findElement(By.id("quarantine-records")).getText().equals("1")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Карантин");
            assertThat(browser.findElement(By.id("quarantine-covers")).getText()).isEqualTo("template");
            assertThat(rows(browser, "quarantine-rules")).containsExactly(List.of("COUNTRY_UNKNOWN", "1"));
            assertThat(rows(browser, "quarantine-fields")).containsExactly(List.of("citizenship", "1"));
            assertThat(rows(browser, "quarantine-unmapped")).containsExactly(List.of("citizenship", "Кыргызия", "1"));
            JsonNode api = JSON.readTree(get(harmonization.url().resolve("/api/v1/quarantine"), "kaz-agency:agency-pw"));
            assertThat(api.path("records").asLong()).isEqualTo(1);
            assertThat(api.path("reasonsByRule").path("COUNTRY_UNKNOWN").asLong()).isEqualTo(1);
            assertThat(api.path("reasonsByField").path("citizenship").asLong()).isEqualTo(1);
            assertThat(browser.findElements(By.id("replay"))).as("no replay for an agency").isEmpty();
            HeadlessChromium.screenshot(browser, "signed-in-03-quarantine-ru");
            HeadlessChromium.accessible(browser, "axe-signed-in-quarantine-ru");

            // the inbox, by partner: KGZ's two months, March with both revisions, all verified with KGZ's key
            browser.findElement(By.id("nav-inbox")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/inbox"));
            new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(1)).until(d -> {
                if (d.findElements(By.id("history-1")).size() == 1) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            assertThat(new Select(browser.findElement(By.id("partner"))).getFirstSelectedOption().getText())
                    .isEqualTo("Киргизия (KGZ)");
            assertThat(browser.findElement(By.id("dataset-heading-0")).getText()).isEqualTo("MIGR_FLOW, 2026-04");
            assertThat(browser.findElement(By.id("dataset-heading-1")).getText()).isEqualTo("MIGR_FLOW, 2026-03");
            // revision, status, generated, cells, confidential cells, verification, reason: by hand from kgzDataset
            assertThat(rows(browser, "history-1")).containsExactly(
                    List.of("1", "Предварительный", "2026-04-02 08:00:00 UTC", "3", "0", "Подпись верна, ключ KGZ-IT-1", "–"),
                    List.of("2", "Окончательный", "2026-04-02 08:00:00 UTC", "3", "0", "Подпись верна, ключ KGZ-IT-1", "–"));
            assertThat(rows(browser, "history-0")).containsExactly(
                    List.of("1", "Предварительный", "2026-04-02 08:00:00 UTC", "3", "3", "Подпись верна, ключ KGZ-IT-1", "–"));
            HeadlessChromium.screenshot(browser, "signed-in-06-inbox-ru");
            HeadlessChromium.accessible(browser, "axe-signed-in-inbox-ru");

            // sign out; a statistician may not upload (403, in Russian: the cookie keeps the language)
            browser.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/public"));
            browser.get(base + "/portal/signin");
            signIn(browser, "kaz-stat", "stat-pw");
            wait.until(d -> d.getCurrentUrl().contains("/portal/home"));
            assertThat(browser.findElements(By.id("nav-upload"))).isEmpty();
            browser.get(base + "/portal/upload");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Нет доступа");
            assertThat(browser.findElement(By.id("denied-role")).getText()).contains("kaz-stat").contains("/portal/upload");
            HeadlessChromium.accessible(browser, "axe-signed-in-denied-ru");
            HeadlessChromium.screenshot(browser, "signed-in-04-denied-ru");

            // the statistician's mirror page (Russian): our immigration from KGZ against KGZ's emigration to us
            browser.findElement(By.id("nav-mirror")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/mirror"));
            HeadlessChromium.screenshot(browser, "signed-in-07-mirror-first-ru");
            new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofSeconds(1)).until(d -> {
                if (!d.findElements(By.id("mirror-data")).isEmpty() && rows(d, "mirror-data").size() == 2
                        && rows(d, "mirror-data").get(0).get(1).equals("1")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            // by hand: ours, line 2 of FILE only (P-1, from KGZ, March; P-4 is in quarantine); KGZ's: its datasets
            // (March's final revision 4, April suppressed: C, no difference, no ratio, never 0)
            List<List<String>> mirror = rows(browser, "mirror-data");
            assertThat(mirror.get(0).subList(0, 5)).containsExactly("2026-03", "1", "4", "-3", "4,0000");
            assertThat(mirror.get(1).subList(0, 5)).containsExactly("2026-04", "0", "C", "–", "–");
            assertThat(browser.findElements(By.cssSelector("svg#chart polyline, svg#chart circle, svg#chart path")))
                    .isNotEmpty();
            assertThat(browser.findElement(By.id("chart-ratio")).getDomAttribute("role")).isEqualTo("img");
            // the same figures as the API's mirror table
            JsonNode apiMirror = JSON.readTree(get(URI.create(base + "/api/v1/mirror?partner=KGZ&from=2026-03&to=2026-04"),
                    "kaz-stat:stat-pw"));
            List<String> fromApi = new ArrayList<>();
            for (JsonNode r : apiMirror.path("rows")) {
                if (r.path("flowPair").asString().equals("IMM_FROM_PARTNER") && r.path("sex").asString().equals("_T")
                        && r.path("duration").asString().equals("_T")) {
                    fromApi.add(r.path("period").asString() + " " + r.path("ourValue").asLong() + " "
                            + (r.path("partnerValue").isNull() ? r.path("partnerConfStatus").asString()
                            : r.path("partnerValue").asLong()));
                }
            }
            assertThat(fromApi).containsExactly("2026-03 1 4", "2026-04 0 C");
            HeadlessChromium.screenshot(browser, "signed-in-07-mirror-ru");
            HeadlessChromium.accessible(browser, "axe-signed-in-mirror-ru");
            // matched on a breakdown: women, by hand: ours P-1 (a woman), KGZ's March women 1 (April: C)
            new Select(browser.findElement(By.id("sex"))).selectByValue("F");
            browser.findElement(By.id("show")).click();
            wait.until(d -> d.getCurrentUrl().contains("sex=F"));
            assertThat(rows(browser, "mirror-data").get(0).subList(0, 5))
                    .containsExactly("2026-03", "1", "1", "0", "1,0000");
            // a duration class KGZ's agreement does not keep (its datasets have DURATION _T only): not available
            new Select(browser.findElement(By.id("sex"))).selectByValue("_T");
            new Select(browser.findElement(By.id("duration"))).selectByValue("LONG_TERM");
            browser.findElement(By.id("show")).click();
            wait.until(d -> d.getCurrentUrl().contains("duration=LONG_TERM"));
            List<String> longTerm = rows(browser, "mirror-data").get(0);
            assertThat(longTerm.get(0)).isEqualTo("2026-03");
            assertThat(longTerm.get(2)).as("KGZ's long-term emigrants of March").isEqualTo("нет данных");
            assertThat(longTerm.subList(3, 5)).as("no difference, no ratio").containsExactly("–", "–");

            // the data-quality indicators (MIGR_QUALITY), summed over the months, by hand from FILE: 5 rows received,
            // 3 accepted, 2 rejected; 1 record in quarantine (country unknown); 2 registrations (lines 2, 3), both
            // counted (in scope, each person's first), none out of scope or with an unknown code
            browser.findElement(By.id("nav-quality")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/quality"));
            Map<String, Long> quality = Map.of("ROWS_RECEIVED", 5L, "ROWS_ACCEPTED", 3L, "ROWS_REJECTED", 2L,
                    "QUARANTINED", 1L, "QUARANTINED_COUNTRY_UNKNOWN", 1L, "REGISTRATIONS", 2L, "COUNTED", 2L,
                    "SEX_UNKNOWN", 0L, "TEMPORARY_STAY", 0L, "RENEWAL", 0L);
            try {
                new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(1)).until(d -> {
                    if (quality.entrySet().stream().allMatch(e -> indicator(d, e.getKey()) == e.getValue())) {
                        return true;
                    }
                    d.navigate().refresh();
                    return false;
                });
            } finally {
                HeadlessChromium.screenshot(browser, "signed-in-08-quality-ru");
            }
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Качество данных");
            assertThat(browser.findElement(By.cssSelector("#quality-data tr[data-code=ROWS_REJECTED] th")).getText())
                    .isEqualTo("Отклонено строк");
            new Select(browser.findElement(By.id("source"))).selectByValue("template");
            browser.findElement(By.id("show")).click();
            wait.until(d -> d.getCurrentUrl().contains("source=template"));
            assertThat(indicator(browser, "ROWS_RECEIVED")).isEqualTo(5);
            // shares: March has 2 registrations, both counted, none with sex unknown or out of scope (0 of 2 each);
            // the month of the rejected rows registered nothing, so it has no share at all ("–", not 0 %)
            for (String code : List.of("SEX_UNKNOWN", "TEMPORARY_STAY")) {
                assertThat(browser.findElements(By.cssSelector("#quality-shares tr[data-code=" + code + "] td"))
                        .stream().map(WebElement::getText).filter(t -> !t.equals("–")).toList()).as(code)
                        .containsExactly("0,0 %");
            }
            HeadlessChromium.accessible(browser, "axe-signed-in-quality-ru");
            browser.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().contains("/portal/public"));

            // an operator replays: the reference data are unchanged, so the record stays (1 replayed, 1 still in)
            browser.get(base + "/portal/signin?lang=en");
            signIn(browser, "kaz-ops", "ops-pw");
            wait.until(d -> d.getCurrentUrl().contains("/portal/home"));
            browser.get(base + "/portal/quarantine");
            assertThat(browser.findElement(By.id("quarantine-covers")).getText()).isEqualTo("the whole node");
            browser.findElement(By.id("replay")).click();
            wait.until(d -> !d.findElements(By.id("replay-result")).isEmpty() || !d.findElements(By.id("replay-refused")).isEmpty());
            assertThat(browser.findElement(By.id("replay-result")).getText())
                    .startsWith("Replayed 1 records: 0 harmonized, 1 still in quarantine, 0 superseded");
            assertThat(browser.findElement(By.id("quarantine-records")).getText()).isEqualTo("1");
            HeadlessChromium.screenshot(browser, "signed-in-05-replay-en");
            HeadlessChromium.accessible(browser, "axe-signed-in-replay-en");
        } finally {
            browser.quit();
        }
    }

    /**
     * KGZ's MIGR_FLOW dataset for KAZ: emigration to KAZ (KGZ's agreement restricts it to KAZ), total sex, age and
     * duration, and the same for men and women (men: value - 1, women 1); {@code value} null: all three suppressed.
     */
    private static ExchangeDataset kgzDataset(String period, long revision, String status, Long value) {
        List<Observation> o = new ArrayList<>();
        String[] sexes = {"_T", "M", "F"};
        Long[] values = value == null ? new Long[] {null, null, null} : new Long[] {value, value - 1, 1L};
        for (int i = 0; i < 3; i++) {
            o.add(Observation.newBuilder().setDimensions(Map.of("FLOW", "EMI", "SEX", sexes[i], "AGE", "_T",
                    "DURATION", "_T", "TIME_PERIOD", period)).setValue(values[i])
                    .setConfStatus(values[i] == null ? "C" : "F").build());
        }
        ExchangeDataset d = ExchangeDataset.newBuilder().setDatasetId("KGZ-" + period + "-" + revision + "-" + UUID.randomUUID())
                .setSender("KGZ").setReceiver("KAZ").setAgreementId("KGZ-KAZ-MIGR_FLOW").setDataflow("MIGR_FLOW")
                .setPeriod(period).setRevision(revision).setStatus(status)
                .setGeneratedAt(Instant.parse("2026-04-02T08:00:00Z")).setObservations(o).setKeyId("KGZ-IT-1")
                .setSignature(ByteBuffer.allocate(0)).build();
        d.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(d, kgz.getPrivate())));
        return d;
    }

    private void deliver(ExchangeDataset d) throws Exception {
        Topics kaz = Topics.forNode("KAZ");
        try (KafkaProducer<String, ExchangeDataset> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serdes.valueSerializer(kaz.ownInbox()))) {
            producer.send(new ProducerRecord<>(kaz.ownInbox().name(),
                    Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod()), d)).get();
        }
    }

    /** The sum over the months of an indicator's row on the quality page ("–" is none), -1 when not shown. */
    private static long indicator(WebDriver browser, String code) {
        List<WebElement> row = browser.findElements(By.cssSelector("#quality-data tr[data-code=" + code + "] td"));
        if (row.isEmpty()) {
            return -1;
        }
        return row.stream().map(WebElement::getText).filter(t -> !t.equals("–")).mapToLong(Long::parseLong).sum();
    }

    private static void signIn(WebDriver browser, String user, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in-submit")).click();
    }

    private static String get(URI uri, String credentials) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The body rows of a table: the row header, then its cells. */
    private static List<List<String>> rows(WebDriver browser, String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream().map(tr -> {
            List<String> cells = new java.util.ArrayList<>();
            tr.findElements(By.cssSelector("th, td")).forEach(c -> cells.add(c.getText()));
            return cells;
        }).toList();
    }
}
