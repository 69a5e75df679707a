package org.migrex.sandbox.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.migrex.sandbox.CommandLine;
import org.migrex.sandbox.Migrex;
import org.migrex.sandbox.MigrexHttp;
import org.migrex.sandbox.PortPlan;
import org.migrex.sandbox.Sandbox;
import org.migrex.sandbox.SandboxConfig;
import org.migrex.sandbox.SandboxUsers;
import org.migrex.sandbox.ServiceProcess;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./migrex bench}: one node on a local broker and registry (free ports, so it runs beside a sandbox), measured
 * against the same broker's ceiling in the same run.
 *
 * <ul>
 *   <li>baseline: N Avro {@link RawMigrationRecord}s through plain kafka-clients (acks=all, idempotent producer, the
 *       Confluent-wire serde), from the first send to the last record consumed;</li>
 *   <li>pipeline: N template rows uploaded over HTTP until the sum of the MIGR_FLOW cells on the compacted
 *       {@code <cc>.aggregates} reaches N, from the first upload to that moment;</li>
 *   <li>latency: uploads every 200 ms at the offered rate; per upload, from its HTTP answer to the aggregates' sum
 *       reaching the rows uploaded so far;</li>
 *   <li>peak resident memory ({@code VmHWM}) of each service.</li>
 * </ul>
 * The last line printed is one JSON object.
 */
public final class Bench {
    private static final String COUNTRY = "KAZ";
    private static final int UPLOAD_ROWS = 50_000;

    private final PrintStream out;
    private final Sandbox sandbox;
    private final AtomicLong counted = new AtomicLong();
    private final List<long[]> progress = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean following = true;
    private long rowSeq;

    private final Duration countTimeout;

    private Bench(PrintStream out, Sandbox sandbox, boolean quick) {
        this.out = out;
        this.sandbox = sandbox;
        this.countTimeout = quick ? Duration.ofSeconds(40) : Duration.ofMinutes(30);
    }

    public static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse(args, Set.of("records", "rate", "seconds", "partitions", "work-dir"), Set.of("quick"));
        boolean quick = line.flag("quick");
        long records = line.longValue("records", quick ? 20_000 : 1_000_000);
        long rate = line.longValue("rate", 5_000);
        long seconds = line.longValue("seconds", quick ? 10 : 30);
        int partitions = Math.toIntExact(line.longValue("partitions", 1));
        Path work = line.value("work-dir").map(Path::of).orElse(Migrex.repositoryRoot().resolve(".migrex").resolve("bench"))
                .toAbsolutePath();
        List<String> countries = List.of(COUNTRY);
        SandboxConfig config = SandboxConfig.standard(countries, work, Migrex.repositoryRoot())
                .withPorts(PortPlan.free(countries)).withJvmOptions(SandboxConfig.THROUGHPUT_JVM)
                // plain text, as every earlier figure was measured, and so the bench's own clients need no credentials
                .withSecured(false)
                .withPartitions(partitions)
                .withEnvironmentJvmOptions();
        out.printf("Benchmark: %d records, latency at %d rows/s for %d s, one node (%s), %d partition(s) per topic%n",
                records, rate, seconds, COUNTRY, partitions);
        String json;
        try (Sandbox sandbox = Migrex.startWithShutdownHook(config, out)) {
            json = new Bench(out, sandbox, quick).measure(records, rate, seconds);
            out.println("Stopping the benchmark's node...");
        }
        out.println(json); // the last line, after everything the stop prints
        return 0;
    }

    private String measure(long records, long rate, long seconds) {
        out.println("(a) baseline: plain kafka-clients on the same broker...");
        double baselineRps = baseline(records);
        out.printf("    %.0f records/s%n", baselineRps);

        Thread follower = Thread.ofPlatform().name("bench-aggregates").daemon().start(this::followAggregates);
        out.println("(b) pipeline: HTTP upload -> raw -> harmonized -> aggregates...");
        MigrexHttp http = MigrexHttp.sandboxUser(SandboxUsers.agency(COUNTRY));
        String rawTopic = Topics.forNode(COUNTRY).rawRecords().name();
        StageProgress broker = new StageProgress(sandbox.bootstrapServers(), BASELINE_PREFIX);
        Map<String, Long> writesBefore = broker.endOffsets();
        long harmonizedBefore = StageProgress.sum(broker.committed(rawTopic));
        List<long[]> harmonizing = java.util.Collections.synchronizedList(new ArrayList<>()); // {at, committed on raw}
        Thread sampler = Thread.ofPlatform().name("bench-stages").daemon().start(() -> {
            while (following && !Thread.currentThread().isInterrupted()) {
                try {
                    harmonizing.add(new long[] {System.nanoTime(), StageProgress.sum(broker.committed(rawTopic))});
                } catch (IllegalStateException e) {
                    // a slow admin answer under full load: the next sample will do
                }
                sleepNanos(100_000_000L);
            }
        });
        long start = System.nanoTime();
        long uploaded = 0;
        while (uploaded < records) {
            int n = (int) Math.min(UPLOAD_ROWS, records - uploaded);
            JsonNode report = http.uploadCsv(sandbox.endpoints(COUNTRY).ingestion(), "template", rows(n));
            uploaded += report.path("accepted").asLong();
        }
        long uploadedAt = System.nanoTime();
        Map<TopicPartition, Long> rawEnd = broker.endOffsets(rawTopic);
        long countedAt = awaitCount(uploaded, countTimeout);
        double pipelineRps = countedAt < 0 ? 0 : uploaded / ((countedAt - start) / 1e9);
        out.printf("    uploaded %d rows in %.1f s, all counted after %.1f s: %.0f records/s%n", uploaded,
                (uploadedAt - start) / 1e9, countedAt < 0 ? -1 : (countedAt - start) / 1e9, pipelineRps);
        // Harmonization is done when its committed offsets reach the raw topic's end, less one transaction marker per
        // partition at most (the group's position may stop before the last marker).
        long harmonizedTarget = StageProgress.sum(rawEnd) - rawEnd.size();
        long awaitHarmonized = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < awaitHarmonized && firstAtLeast(harmonizing, harmonizedTarget) < 0) {
            sleepNanos(100_000_000L);
        }
        Map<String, Long> writesAfter = broker.endOffsets();
        Map<String, Double> writes = StageProgress.writesPerRecord(writesBefore, writesAfter, uploaded);
        Map<String, Double> stageRps = new LinkedHashMap<>();
        stageRps.put("ingestion", uploaded / ((uploadedAt - start) / 1e9));
        stageRps.put("harmonization", rate(uploaded, firstAbove(harmonizing, harmonizedBefore),
                firstAtLeast(harmonizing, harmonizedTarget)));
        stageRps.put("aggregation", rate(uploaded, firstAbove(progress, 0), countedAt));
        out.printf("    stages (records/s, from a stage's first committed output to its last): %s%n", format(stageRps));
        out.printf("    broker writes per record: %s%n", format(writes));

        out.printf("(c) latency at %d rows/s for %d s (rows of 2025: FINAL months, their changes held, so no "
                + "delivery work)...%n", rate, seconds);
        Latency plain = latency(rate, seconds, uploaded, this::rows);
        out.printf("    offered %.0f rows/s; %d uploads; p50 %.0f ms, p99 %.0f ms%n", plain.offered(),
                plain.uploads(), plain.p50(), plain.p99());

        out.printf("(d) latency at %d rows/s for %d s while delivering (rows of %s, a provisional month: its public "
                + "releases are made, suppressed, checked and signed again as they change)...%n", rate, seconds,
                YearMonth.now(ZoneOffset.UTC));
        MigrexHttp operator = MigrexHttp.sandboxUser(SandboxUsers.OPERATOR);
        URI exchange = sandbox.endpoints(COUNTRY).exchange();
        String scrapedBefore = operator.getText(exchange, "/actuator/prometheus", "text/plain");
        Latency delivering = latency(rate, seconds, plain.total(), this::currentMonthRows);
        awaitDeliveries(operator, exchange, scrapedBefore);
        String scrapedAfter = operator.getText(exchange, "/actuator/prometheus", "text/plain");
        DeliveryTimes delivered = DeliveryTimes.between(scrapedBefore, scrapedAfter, "delivered");
        long refused = DeliveryTimes.between(scrapedBefore, scrapedAfter, "refused").count();
        long unchanged = DeliveryTimes.between(scrapedBefore, scrapedAfter, "unchanged").count();
        out.printf("    offered %.0f rows/s; %d uploads; p50 %.0f ms, p99 %.0f ms%n", delivering.offered(),
                delivering.uploads(), delivering.p50(), delivering.p99());
        out.printf("    deliveries: %d delivered (p50 <= %.0f ms, p99 <= %.0f ms, mean %.0f ms, %d over %d s), %d "
                        + "refused by the disclosure check, %d unchanged%n", delivered.count(),
                delivered.percentileAtMostMs(0.50), delivered.percentileAtMostMs(0.99), delivered.meanMs(),
                delivered.over(SLOW_DELIVERY_SECONDS), SLOW_DELIVERY_SECONDS, refused, unchanged);
        following = false;
        try {
            follower.join(Duration.ofSeconds(10));
            sampler.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broker.close();
        double p50 = plain.p50();
        double p99 = plain.p99();
        double offered = plain.offered();

        out.println("(e) peak resident memory (VmHWM):");
        Map<String, Long> rss = new LinkedHashMap<>();
        long rssTotal = 0;
        for (ServiceProcess service : sandbox.services()) {
            long mb = service.peakRssMb().orElse(-1L);
            rss.put(service.kind().shortName(), mb);
            rssTotal += Math.max(0, mb);
        }

        out.println();
        out.printf("  %-34s %14s%n", "measure", "value");
        out.printf("  %-34s %14d%n", "records", uploaded);
        out.printf("  %-34s %14.0f%n", "baseline records/s (kafka-clients)", baselineRps);
        out.printf("  %-34s %14.0f%n", "pipeline records/s (HTTP->aggregates)", pipelineRps);
        out.printf("  %-34s %14.3f%n", "ratio pipeline/baseline", baselineRps == 0 ? 0 : pipelineRps / baselineRps);
        out.printf("  %-34s %14.0f%n", "offered rate rows/s", offered);
        out.printf("  %-34s %14.0f%n", "latency p50 ms", p50);
        out.printf("  %-34s %14.0f%n", "latency p99 ms", p99);
        out.printf("  %-34s %14.0f%n", "latency p99 ms while delivering", delivering.p99());
        out.printf("  %-34s %14d%n", "datasets delivered in (d)", delivered.count());
        out.printf("  %-34s %14.0f%n", "delivery attempt p99 ms (at most)", delivered.percentileAtMostMs(0.99));
        rss.forEach((k, v) -> out.printf("  %-34s %14d%n", "peak RSS MB " + k, v));
        out.printf("  %-34s %14d%n", "peak RSS MB node total", rssTotal);
        stageRps.forEach((k, v) -> out.printf("  %-34s %14.0f%n", "stage records/s " + k, v));
        out.printf("  %-34s %14.2f%n", "broker writes per record (hops)", writes.get("total"));
        out.println();
        StringBuilder rssJson = new StringBuilder("{");
        rss.forEach((k, v) -> rssJson.append(rssJson.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        rssJson.append(",\"total\":").append(rssTotal).append('}');
        return String.format(java.util.Locale.ROOT, "{\"records\":%d,\"partitions\":%d,\"baseline_rps\":%.0f,\"pipeline_rps\":%.0f,\"ratio\":%.4f,"
                        + "\"rate\":%d,\"offered_rps\":%.0f,\"latency_p50_ms\":%.0f,\"latency_p99_ms\":%.0f,\"rss_mb\":%s,"
                        + "\"stage_rps\":%s,\"hops\":%.2f,\"writes_per_record\":%s,\"delivering\":%s,\"at\":\"%s\"}",
                uploaded, sandbox.config().partitions(), baselineRps, pipelineRps, baselineRps == 0 ? 0 : pipelineRps / baselineRps, rate, offered, p50, p99,
                rssJson, json(stageRps, "%.0f"), writes.get("total"), json(writes, "%.3f"),
                String.format(java.util.Locale.ROOT, "{\"offered_rps\":%.0f,\"latency_p50_ms\":%.0f,"
                                + "\"latency_p99_ms\":%.0f,\"delivered\":%d,\"delivery_p50_ms_at_most\":%s,"
                                + "\"delivery_p99_ms_at_most\":%s,\"delivery_mean_ms\":%.0f,\"delivery_over_2s\":%d,"
                                + "\"refused\":%d,\"unchanged\":%d}", delivering.offered(), delivering.p50(),
                        delivering.p99(), delivered.count(), jsonNumber(delivered.percentileAtMostMs(0.50)),
                        jsonNumber(delivered.percentileAtMostMs(0.99)), delivered.meanMs(),
                        delivered.over(SLOW_DELIVERY_SECONDS), refused, unchanged),
                Instant.now());
    }

    private static final String BASELINE_PREFIX = "bench.baseline.";
    /** The exchange's delivery target (docs/performance.md), a bucket bound of its delivery timer. */
    private static final long SLOW_DELIVERY_SECONDS = 2;

    /** One latency phase: the rate offered, each upload's latency, and the rows uploaded by its end (all phases). */
    private record Latency(double offered, List<Long> sortedNanos, long total) {
        int uploads() {
            return sortedNanos.size();
        }

        double p50() {
            return percentile(sortedNanos, 0.50);
        }

        double p99() {
            return percentile(sortedNanos, 0.99);
        }
    }

    /**
     * Uploads every 200 ms at the offered rate for {@code seconds}, then waits until everything is counted; per
     * upload, the time from its HTTP answer to the aggregates' sum reaching the rows uploaded so far.
     */
    private Latency latency(long rate, long seconds, long before, java.util.function.IntFunction<String> rows) {
        MigrexHttp http = MigrexHttp.sandboxUser(SandboxUsers.agency(COUNTRY));
        long perBatch = Math.max(1, rate / 5);
        List<long[]> batches = new ArrayList<>(); // {answeredAt, rows counted once this batch is}
        long total = before;
        long begin = System.nanoTime();
        for (long tick = 0; System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(seconds); tick++) {
            long due = begin + tick * 200_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            JsonNode report = http.uploadCsv(sandbox.endpoints(COUNTRY).ingestion(), "template", rows.apply((int) perBatch));
            total += report.path("accepted").asLong();
            batches.add(new long[] {System.nanoTime(), total});
        }
        double offered = (total - before) / ((System.nanoTime() - begin) / 1e9);
        awaitCount(total, countTimeout);
        List<long[]> seen = new ArrayList<>(progress);
        List<Long> latencies = new ArrayList<>();
        for (long[] batch : batches) {
            for (long[] p : seen) {
                if (p[1] >= batch[1]) {
                    latencies.add(Math.max(0, p[0] - batch[0]));
                    break;
                }
            }
        }
        latencies.sort(null);
        return new Latency(offered, latencies, total);
    }

    /**
     * After the last rows are counted, the releases follow within their re-send interval (5 s in the sandbox's
     * agreements): waits until no delivery attempt was made for 12 s, at most 2 minutes, so that the phase's last
     * deliveries are in the second scrape.
     */
    private void awaitDeliveries(MigrexHttp operator, URI exchange, String before) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long attempts = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(12)) {
            sleepNanos(1_000_000_000L);
            String now = operator.getText(exchange, "/actuator/prometheus", "text/plain");
            long n = 0;
            for (String outcome : List.of("delivered", "refused", "unchanged")) {
                n += DeliveryTimes.between(before, now, outcome).count();
            }
            if (n != attempts) {
                attempts = n;
                quietSince = System.nanoTime();
            }
        }
    }

    private static String jsonNumber(double value) {
        return Double.isInfinite(value) ? "null" : String.format(java.util.Locale.ROOT, "%.0f", value);
    }

    /** The first sample time whose value exceeds {@code floor}, or -1. */
    private static long firstAbove(List<long[]> samples, long floor) {
        synchronized (samples) {
            for (long[] s : samples) {
                if (s[1] > floor) {
                    return s[0];
                }
            }
        }
        return -1;
    }

    /** The first sample time whose value reached {@code target}, or -1. */
    private static long firstAtLeast(List<long[]> samples, long target) {
        synchronized (samples) {
            for (long[] s : samples) {
                if (s[1] >= target) {
                    return s[0];
                }
            }
        }
        return -1;
    }

    private static double rate(long records, long fromNanos, long toNanos) {
        return fromNanos < 0 || toNanos <= fromNanos ? 0 : records / ((toNanos - fromNanos) / 1e9);
    }

    private static String format(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT,
                e.getValue() >= 100 ? "%.0f" : "%.3f", e.getValue())).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String json(Map<String, Double> values, String number) {
        return values.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + String.format(java.util.Locale.ROOT,
                number, e.getValue())).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** Produces and consumes N records of a RawMigrationRecord's size; records/s from first send to last receipt. */
    private double baseline(long n) {
        String topic = BASELINE_PREFIX + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic + ": " + e, e);
        }
        Map<String, Object> serde = Map.of(RegistryClientConfig.URL, sandbox.registryUrl(), RegistryClientConfig.AUTO_REGISTER, true);
        Map<String, Object> producerConfig = new LinkedHashMap<>(serde);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Map<String, Object> consumerConfig = new LinkedHashMap<>(serde);
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        ConfluentAvroSerializer<RawMigrationRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(serde, false);
        ConfluentAvroDeserializer<RawMigrationRecord> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(serde, false);
        AtomicLong received = new AtomicLong();
        long[] lastAt = new long[1];
        long start;
        try (KafkaConsumer<String, RawMigrationRecord> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), deserializer);
             KafkaProducer<String, RawMigrationRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Thread reader = Thread.ofPlatform().name("bench-baseline-consumer").start(() -> {
                while (received.get() < n) {
                    for (ConsumerRecord<String, RawMigrationRecord> r : consumer.poll(Duration.ofMillis(200))) {
                        received.incrementAndGet();
                    }
                }
                lastAt[0] = System.nanoTime();
            });
            start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                RawMigrationRecord record = rawRecord(i);
                producer.send(new ProducerRecord<>(topic, Topics.recordKey("bench", record.getRecordId()), record));
            }
            producer.flush();
            try {
                reader.join(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return received.get() / ((lastAt[0] - start) / 1e9);
    }

    private static RawMigrationRecord rawRecord(long i) {
        return RawMigrationRecord.newBuilder()
                .setRecordId("B" + i).setEventType(i % 2 == 0 ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .setEventDate("2025-" + String.format("%02d", 1 + i % 12) + "-15")
                .setPersonPseudonym("3f8a1c0e9b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1" + (i % 10))
                .setSex(i % 3 == 0 ? "F" : "M").setBirthDate("1990-05-02").setCitizenship("KGZ").setCountryOfBirth("KGZ")
                .setCounterpartCountry("KGZ").setPurpose("WORK").setIntendedDurationDays(null).setRegion("KZ-ALA")
                .setProvenance(Provenance.newBuilder().setNode(COUNTRY).setSource("template").setBatchId("bench-baseline")
                        .setLine(i + 2).setProfile("template").setProfileVersion("1").setIngestedAt(Instant.now()).build())
                .build();
    }

    private static final String[] COUNTERPARTS = {"KGZ", "TJK", "RUS", "UZB", "TKM"};

    private static final String TEMPLATE_HEADER = "record_id,event_type,event_date,person_id,sex,birth_date,citizenship,"
            + "country_of_birth,counterpart_country,purpose,intended_duration_days,region\n";

    /** Template rows that are all flows (half arrivals, half departures), each with an id never used before. */
    private String rows(int n) {
        StringBuilder csv = new StringBuilder(n * 110 + 200).append(TEMPLATE_HEADER);
        for (int i = 0; i < n; i++) {
            long id = rowSeq++;
            appendFlow(csv, "B", id, "2025-" + String.format("%02d", 1 + id % 12) + "-15", id % 3 == 0 ? 'F' : 'M',
                    60 + id % 40, COUNTERPARTS[(int) (id % COUNTERPARTS.length)]);
        }
        return csv.toString();
    }

    /**
     * One template row: a flow of a new person (arrival for an even id, departure for an odd one) with the country as
     * citizenship, birth country and counterpart, working, no intended duration: in scope, so it counts once.
     */
    private static void appendFlow(StringBuilder csv, String idPrefix, long id, String date, char sex, long birthYear,
            String country) {
        csv.append(idPrefix).append(id).append(',').append(id % 2 == 0 ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .append(',').append(date).append(",N").append(10_000_000 + id)
                .append(',').append(sex).append(",19").append(birthYear).append("-05-02,")
                .append(country).append(',').append(country).append(',').append(country)
                .append(",WORK,,KZ-ALA\n");
    }

    /**
     * Forty countries of citizenship and counterpart, most frequent first: a row's country is drawn with weight
     * 1/rank^2.5, so the first few fill their cells and the tail leaves the many small cells a real month of a
     * national register has, which is what disclosure control works on.
     */
    private static final String[] REGION = {"UZB", "TJK", "KGZ", "RUS", "CHN", "TUR", "AZE", "TKM", "UKR", "BLR",
            "ARM", "GEO", "AFG", "IND", "PAK", "KOR", "DEU", "MNG", "IRN", "USA", "MDA", "ISR", "LVA", "LTU", "EST",
            "POL", "FRA", "ITA", "ESP", "GBR", "JPN", "VNM", "EGY", "NLD", "BEL", "CZE", "HUN", "SRB", "BGR", "ROU"};
    private static final double[] REGION_CUMULATIVE = cumulativeWeights(REGION.length, 2.5);

    private static double[] cumulativeWeights(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += Math.pow(rank, -exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /**
     * Template rows dated in the current month, up to today (UTC): flows of new persons (half arrivals, half
     * departures) with citizens of {@link #REGION} in its skewed mix, so the public releases of a provisional month
     * change with every upload.
     */
    private String currentMonthRows(int n) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder csv = new StringBuilder(n * 110 + 200).append(TEMPLATE_HEADER);
        for (int i = 0; i < n; i++) {
            long id = rowSeq++;
            // a fixed mix of the id's bits: a run is reproducible, and country, day, sex and age vary apart
            long h = id * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
            double u = (h >>> 11) * 0x1.0p-53;
            int rank = 0;
            while (u > REGION_CUMULATIVE[rank]) {
                rank++;
            }
            String country = REGION[rank];
            LocalDate date = today.withDayOfMonth(1 + (int) Math.floorMod(h >>> 7, today.getDayOfMonth()));
            appendFlow(csv, "D", id, date.toString(), (h >>> 3) % 2 == 0 ? 'F' : 'M', 60 + Math.floorMod(h >>> 13, 40),
                    country);
        }
        return csv.toString();
    }

    /** Keeps {@link #counted} equal to the sum of MIGR_FLOW cells on the compacted aggregates topic. */
    private void followAggregates() {
        Map<String, Object> serde = Map.of(RegistryClientConfig.URL, sandbox.registryUrl());
        ConfluentAvroDeserializer<MigrationAggregate> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(serde, false);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Long> cells = new java.util.HashMap<>();
        long sum = 0;
        String topic = Topics.forNode(COUNTRY).aggregates().name();
        try (KafkaConsumer<String, MigrationAggregate> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (following) {
                boolean changed = false;
                for (ConsumerRecord<String, MigrationAggregate> r : consumer.poll(Duration.ofMillis(50))) {
                    long count = r.value() == null || !"MIGR_FLOW".equals(r.value().getDataflow()) ? 0 : r.value().getCount();
                    Long before = cells.put(r.key(), count);
                    sum += count - (before == null ? 0 : before);
                    changed = true;
                }
                if (changed) {
                    counted.set(sum);
                    progress.add(new long[] {System.nanoTime(), sum});
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // stopping
        }
    }

    /** Waits until the aggregates count {@code n} rows; the time it happened, or -1 after the timeout. */
    private long awaitCount(long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (counted.get() >= n) {
                synchronized (progress) {
                    for (long[] p : progress) {
                        if (p[1] >= n) {
                            return p[0];
                        }
                    }
                }
                return System.nanoTime();
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                out.printf("    ... %d of %d counted%n", counted.get(), n);
                lastReport = System.nanoTime();
            }
            sleepNanos(20_000_000L);
        }
        out.printf("    only %d of %d counted after %d s%n", counted.get(), n, timeout.toSeconds());
        return -1;
    }

    private static double percentile(List<Long> sortedNanos, double q) {
        if (sortedNanos.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(q * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
