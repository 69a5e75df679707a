package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.MirrorDefinitions;
import org.migrex.exchange.receiving.OwnAggregates;
import org.migrex.exchange.receiving.PartnerKeys;
import org.migrex.exchange.receiving.Receipt;
import org.migrex.exchange.sending.AvroBinarySerde;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The mirror page of node KAZ against KGZ rendered by Thymeleaf from {@link MirrorPageController}'s model, over real
 * Kafka Streams in-memory state stores (the inbox and our aggregates, filled as the receipt function fills them) and
 * the real message bundles: above the figures, whether the two sides count alike, each difference as a sentence in
 * the page's language, and both agreements. Expected text written by hand from the agreements of each case.
 */
class MirrorPageDefinitionsTest {
    private static final List<String> STANDARD_KEEP = List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD");
    private final MockServletContext servletContext = new MockServletContext();
    private final ResourceBundleMessageSource messages = messages();
    private TopologyTestDriver driver;

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @AfterEach
    void close() {
        RequestContextHolder.resetRequestAttributes();
        if (driver != null) {
            driver.close();
        }
    }

    private static ExchangeAgreement kazToKgz(Map<String, Set<String>> filter, List<String> keep) {
        return new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ", "MIGR_FLOW", filter, keep, 5, Duration.ofSeconds(5),
                Period.ofMonths(2), "test");
    }

    /** KGZ's dataset for March: 4 emigrants to KAZ in all, as its agreement {@code keep}/{@code filter} states. */
    private static ExchangeDataset kgzMarch(List<String> keep, Map<String, List<String>> filter) {
        Observation total = Observation.newBuilder().setDimensions(Map.of("FLOW", "EMI", "SEX", "_T", "AGE", "_T",
                "DURATION", "_T", "TIME_PERIOD", "2026-03")).setValue(4L).setConfStatus("F").build();
        return ExchangeDataset.newBuilder().setDatasetId("KGZ:KGZ-KAZ-MIGR_FLOW:2026-03:r1").setSender("KGZ")
                .setReceiver("KAZ").setAgreementId("KGZ-KAZ-MIGR_FLOW").setDataflow("MIGR_FLOW").setPeriod("2026-03")
                .setRevision(1).setStatus("FINAL").setGeneratedAt(Instant.parse("2026-04-02T00:00:00Z"))
                .setObservations(List.of(total)).setKeyId("KGZ-1").setSignature(ByteBuffer.allocate(0))
                .setKeep(keep).setFilter(filter).build();
    }

    /** KAZ's one immigrant from KGZ in March. */
    private static MigrationAggregate ourMarch() {
        return MigrationAggregate.newBuilder().setDataflow("MIGR_FLOW").setDimensions(Map.of("REF_AREA", "KAZ",
                        "FLOW", "IMM", "COUNTERPART_AREA", "KGZ", "CITIZENSHIP", "KGZ", "SEX", "F", "AGE", "Y30T34",
                        "PURPOSE", "WORK", "DURATION", "LONG_TERM", "TIME_PERIOD", "2026-03"))
                .setCount(1).setUpdatedAt(Instant.parse("2026-04-01T00:00:00Z")).build();
    }

    /** The controller over in-memory stores holding {@code received} (KGZ's datasets) and our March cell. */
    private MirrorPageController controller(List<ExchangeAgreement> agreements, List<ExchangeDataset> received)
            throws Exception {
        Topology topology = new Topology();
        topology.addSource("in", "unused");
        ProcessorSupplier<Object, Object, Void, Void> holder = () -> new Processor<>() {
            @Override
            public void process(Record<Object, Object> record) {
                // holds the stores; nothing flows through it
            }
        };
        topology.addProcessor("stores", holder, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Receipt.INBOX_STORE),
                Serdes.String(), AvroBinarySerde.of(ExchangeDataset.class)), "stores");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OwnAggregates.STORE),
                Serdes.String(), AvroBinarySerde.of(MigrationAggregate.class)), "stores");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "mirror-page-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        driver = new TopologyTestDriver(topology, config);
        for (ExchangeDataset d : received) {
            driver.<String, ExchangeDataset>getKeyValueStore(Receipt.INBOX_STORE)
                    .put(Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod()), d);
        }
        driver.<String, MigrationAggregate>getKeyValueStore(OwnAggregates.STORE).put("KAZ|IMM|KGZ|2026-03", ourMarch());
        TopologyTestDriver stores = driver;
        InteractiveQueryService queries = new InteractiveQueryService(null, null) {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getQueryableStore(String storeName, QueryableStoreType<T> storeType) {
                return (T) stores.getKeyValueStore(storeName);
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("queries", queries);
        QueryableStores queryable = new QueryableStores(beans.getBeanProvider(InteractiveQueryService.class));
        beans.addBean("own", new OwnAggregates(queryable));
        beans.addBean("inbox", new InboxStore(queryable));
        beans.addBean("partners", new PartnerKeys(Map.of("KGZ", new PartnerKeys.PartnerKey("KGZ-1",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))));
        return new MirrorPageController(HandRelease.RELEASE, beans.getBeanProvider(OwnAggregates.class),
                beans.getBeanProvider(InboxStore.class), beans.getBeanProvider(PartnerKeys.class), messages,
                new PortalLocales(), agreements);
    }

    /** The page as the browser gets it, HTML entities decoded (Thymeleaf writes an apostrophe as &#39;). */
    private String page(MirrorPageController controller, String lang) {
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/portal/mirror");
        request.setParameter("lang", lang);
        request.setParameter("partner", "KGZ");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();
        String view = controller.mirror("KGZ", null, null, null, request, response, model);
        assertThat(response.getStatus()).isEqualTo(200);
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(messages);
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(request, response), Locale.forLanguageTag(lang), model);
        return HtmlUtils.htmlUnescape(engine.process(view, context));
    }

    /** The text of the element with {@code id}, tags removed and white space collapsed. */
    private static String text(String html, String id, String tag) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        int end = html.indexOf("</" + tag + ">", start);
        return html.substring(html.indexOf('>', start) + 1, end).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ")
                .trim();
    }

    /** The list items of the element with {@code id}, in order. */
    private static List<String> items(String html, String id) {
        String list = html.substring(html.indexOf("id=\"" + id + "\""), html.indexOf("</ul>", html.indexOf("id=\"" + id + "\"")));
        return java.util.regex.Pattern.compile("<li>(.*?)</li>").matcher(list).results().map(m -> m.group(1)).toList();
    }

    @Test
    void theSandboxsStandardAgreementsAreComparableAboveTheTable() throws Exception {
        MirrorPageController controller = controller(
                List.of(kazToKgz(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)),
                List.of(kgzMarch(STANDARD_KEEP, Map.of("COUNTERPART_AREA", List.of("KAZ")))));
        String en = page(controller, "en");
        assertThat(en).contains("<h2 id=\"definitions-heading\">Do the two sides count alike?</h2>")
                .contains("data-verdict=\"COMPARABLE\"").doesNotContain("id=\"mirror-differences\"");
        assertThat(text(en, "mirror-verdict", "p")).isEqualTo("Comparable: both agreements keep the same dimensions"
                + " and filter alike, each side restricted to the other. Differences in the figures come from how each"
                + " side registers moves.");
        assertThat(text(en, "mirror-agreements", "table")).isEqualTo("The two agreements: what each side's figures count"
                + " Kazakhstan (ours) Kyrgyzstan (partner)"
                + " Agreement KAZ-KGZ-MIGR_FLOW KGZ-KAZ-MIGR_FLOW"
                + " Dimensions kept FLOW, SEX, AGE, DURATION, TIME_PERIOD FLOW, SEX, AGE, DURATION, TIME_PERIOD"
                + " Filter COUNTERPART_AREA = KGZ COUNTERPART_AREA = KAZ");
        // above the figures, which are still there: March, ours 1, KGZ's 4
        assertThat(en.indexOf("id=\"mirror-definitions\"")).isLessThan(en.indexOf("id=\"mirror-data\""));
        assertThat(en).contains("<th scope=\"row\">2026-03</th>");
        String ru = page(controller, "ru");
        assertThat(ru).contains("<h2 id=\"definitions-heading\">Одинаково ли считают обе стороны?</h2>");
        assertThat(text(ru, "mirror-verdict", "p")).startsWith("Сопоставимо: оба соглашения сохраняют");
    }

    /**
     * KGZ's agreement keeps FLOW, SEX, PURPOSE and TIME_PERIOD and only PURPOSE=WORK; ours keeps the standard five
     * and filters nothing but COUNTERPART_AREA. By hand: ours keeps AGE and DURATION, KGZ's sums them out; KGZ's keeps
     * PURPOSE, ours sums it out; PURPOSE: ours all codes, KGZ's WORK. Not comparable.
     */
    @Test
    void unlikeAgreementsAreNotComparableAndEachDifferenceIsASentenceInThePagesLanguage() throws Exception {
        MirrorPageController controller = controller(
                List.of(kazToKgz(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)),
                List.of(kgzMarch(List.of("FLOW", "SEX", "PURPOSE", "TIME_PERIOD"),
                        Map.of("COUNTERPART_AREA", List.of("KAZ"), "PURPOSE", List.of("WORK")))));
        String en = page(controller, "en");
        assertThat(en).contains("data-verdict=\"NOT_COMPARABLE\"");
        assertThat(text(en, "mirror-verdict", "p")).isEqualTo("Not comparable: the two agreements define the figures"
                + " differently (listed below). The figures are shown, but they may differ for these reasons too.");
        assertThat(en).contains("<h3 id=\"differences-heading\">Why the figures may differ</h3>");
        assertThat(items(en, "mirror-differences")).containsExactly(
                "Our agreement keeps AGE, Kyrgyzstan's sums it out.",
                "Our agreement keeps DURATION, Kyrgyzstan's sums it out.",
                "Kyrgyzstan's agreement keeps PURPOSE, ours sums it out.",
                "PURPOSE: our agreement covers all codes, Kyrgyzstan's WORK.");
        assertThat(text(en, "mirror-agreements", "table")).endsWith(
                " Dimensions kept FLOW, SEX, AGE, DURATION, TIME_PERIOD FLOW, SEX, PURPOSE, TIME_PERIOD"
                + " Filter COUNTERPART_AREA = KGZ COUNTERPART_AREA = KAZ; PURPOSE = WORK");
        String ru = page(controller, "ru");
        assertThat(text(ru, "mirror-verdict", "p")).isEqualTo("Несопоставимо: соглашения сторон определяют данные"
                + " по-разному (см. список ниже). Данные показаны, но могут расходиться и по этим причинам.");
        assertThat(items(ru, "mirror-differences")).containsExactly(
                "Наше соглашение сохраняет разбивку AGE, а соглашение партнёра Киргизия суммирует по ней.",
                "Наше соглашение сохраняет разбивку DURATION, а соглашение партнёра Киргизия суммирует по ней.",
                "Соглашение партнёра Киргизия сохраняет разбивку PURPOSE, а наше суммирует по ней.",
                "PURPOSE: наше соглашение охватывает все коды, соглашение партнёра Киргизия — WORK.");
        assertThat(text(ru, "mirror-agreements", "table")).startsWith("Соглашения сторон: что учитывают данные каждой"
                + " стороны Казахстан (наши) Киргизия (партнёр) Соглашение KAZ-KGZ-MIGR_FLOW KGZ-KAZ-MIGR_FLOW");
    }

    /** No agreement of ours with KGZ and no dataset from it: unknown, never comparable, with both reasons. */
    @Test
    void noAgreementAndNoDatasetAreUnknownWithTheirReasons() throws Exception {
        MirrorPageController controller = controller(List.of(), List.of());
        String en = page(controller, "en");
        assertThat(en).contains("data-verdict=\"UNKNOWN\"");
        assertThat(text(en, "mirror-verdict", "p")).isEqualTo("Unknown: whether the two sides count alike cannot be"
                + " said (the reason is listed below). The figures are shown, but do not read them as comparable.");
        assertThat(items(en, "mirror-differences")).containsExactly(
                "We deliver no MIGR_FLOW to Kyrgyzstan, so Kyrgyzstan has none of our figures to compare.",
                "No MIGR_FLOW dataset received from Kyrgyzstan for these months.");
        assertThat(text(en, "mirror-agreements", "table")).endsWith(
                " Agreement none (we deliver no MIGR_FLOW to this partner) unknown (see above)"
                + " Dimensions kept none (we deliver no MIGR_FLOW to this partner) unknown (see above)"
                + " Filter none (we deliver no MIGR_FLOW to this partner) unknown (see above)");
        String ru = page(controller, "ru");
        assertThat(text(ru, "mirror-verdict", "p")).startsWith("Неизвестно: одинаково ли считают стороны, сказать"
                + " нельзя");
        assertThat(items(ru, "mirror-differences")).containsExactly(
                "Мы не передаём MIGR_FLOW партнёру Киргизия, поэтому ему не с чем сравнить наши данные.",
                "От партнёра Киргизия за эти месяцы не получено ни одного набора данных MIGR_FLOW.");
    }

    /** A partner whose agreement is not restricted to us, and ours to more than KGZ: both named, by country. */
    @Test
    void counterpartsNotRestrictedAreNamedByCountry() throws Exception {
        MirrorPageController controller = controller(
                List.of(kazToKgz(Map.of("COUNTERPART_AREA", Set.of("KGZ", "TJK")), STANDARD_KEEP)),
                List.of(kgzMarch(STANDARD_KEEP, Map.of())));
        assertThat(items(page(controller, "en"), "mirror-differences")).containsExactly(
                "Our agreement covers COUNTERPART_AREA KGZ, TJK, not only Kyrgyzstan.",
                "Kyrgyzstan's agreement does not restrict COUNTERPART_AREA to Kazakhstan: its figures may count other"
                        + " countries too.");
        assertThat(items(page(controller, "ru"), "mirror-differences")).containsExactly(
                "Наше соглашение охватывает COUNTERPART_AREA KGZ, TJK, а не только Киргизия.",
                "Соглашение партнёра Киргизия не ограничивает COUNTERPART_AREA страной Казахстан: в его данные могут"
                        + " входить и другие страны.");
    }

    /**
     * Every code, on each side where it has one (KEPT_BY_ONE_SIDE and the two COUNTERPART codes are about one side's
     * agreement, the others about neither), has a sentence in both bundles with every argument filled in; and, by
     * hand, the two sentences no page case above shows.
     */
    @Test
    void everyCodeHasASentenceInBothLanguages() {
        Set<MirrorDefinitions.Code> sided = Set.of(MirrorDefinitions.Code.KEPT_BY_ONE_SIDE,
                MirrorDefinitions.Code.COUNTERPART_NOT_RESTRICTED, MirrorDefinitions.Code.COUNTERPART_NOT_ONLY);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.of("ru"))) {
            for (MirrorDefinitions.Code code : MirrorDefinitions.Code.values()) {
                List<MirrorDefinitions.Side> sides = sided.contains(code)
                        ? List.of(MirrorDefinitions.Side.values()) : java.util.Collections.singletonList(null);
                for (MirrorDefinitions.Side side : sides) {
                    String sentence = MirrorPageController.sentence(new MirrorDefinitions.Difference(code, side,
                            "PURPOSE", "KAZ", "MIGR_FLOW", "KGZ-KAZ-MIGR_FLOW", List.of("KGZ", "TJK"),
                            List.of("WORK"), null), messages, locale, "Kyrgyzstan", "Kazakhstan");
                    assertThat(sentence).as(locale + " " + code + " " + side).isNotBlank().doesNotContain("{")
                            .doesNotContain("null").doesNotContain("''");
                }
            }
        }
        assertThat(MirrorPageController.sentence(new MirrorDefinitions.Difference(
                MirrorDefinitions.Code.PARTNERS_AGREEMENT_CHANGED, null, null, "KGZ", null, "KGZ-KAZ-MIGR_FLOW", null,
                null, null), messages, Locale.ENGLISH, "Kyrgyzstan", "Kazakhstan"))
                .isEqualTo("Kyrgyzstan's agreement changed within these months; compared: its latest, KGZ-KAZ-MIGR_FLOW.");
        assertThat(MirrorPageController.sentence(new MirrorDefinitions.Difference(
                MirrorDefinitions.Code.PARTNERS_AGREEMENT_CHANGED, null, null, "KGZ", null, "KGZ-KAZ-MIGR_FLOW", null,
                null, null), messages, Locale.of("ru"), "Киргизия", "Казахстан"))
                .isEqualTo("Соглашение партнёра Киргизия менялось в эти месяцы; сравнивается последнее, KGZ-KAZ-MIGR_FLOW.");
        assertThat(MirrorPageController.sentence(new MirrorDefinitions.Difference(
                MirrorDefinitions.Code.DEFINITION_NOT_STATED, null, null, "KGZ", null, null, null, null, null),
                messages, Locale.ENGLISH, "Kyrgyzstan", "Kazakhstan"))
                .isEqualTo("Kyrgyzstan's datasets do not state what its agreement keeps and filters (a sender older"
                        + " than that field): whether the two sides count alike is unknown.");
    }
}
