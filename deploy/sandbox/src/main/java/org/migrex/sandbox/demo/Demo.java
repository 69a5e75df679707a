package org.migrex.sandbox.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.migrex.sandbox.Migrex;
import org.migrex.sandbox.MigrexHttp;
import org.migrex.sandbox.NodeEndpoints;
import org.migrex.sandbox.PortPlan;
import org.migrex.sandbox.Sandbox;
import org.migrex.sandbox.SandboxConfig;
import org.migrex.sandbox.SandboxUsers;
import org.migrex.sandbox.ServiceKind;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./migrex demo}: loads a synthetic region of moves into a sandbox through the public API and tells what each
 * node made of it.
 */
public final class Demo {
    /**
     * How long the demo waits for every dataset it expects: on two cores, disclosure control of the public releases
     * (joint with every partner's table of the month) takes up to tens of seconds per month, and each node's
     * deliveries are made one after the other (docs/performance.md).
     */
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofMinutes(6);

    private final PrintStream out;
    private final List<String> countries;
    private final PortPlan ports;
    private final Path workDir;

    private Demo(PrintStream out, List<String> countries, PortPlan ports, Path workDir) {
        this.out = out;
        this.countries = countries;
        this.ports = ports;
        this.workDir = workDir;
    }

    public static int run(List<String> args, PrintStream out) {
        var line = org.migrex.sandbox.CommandLine.parse(args, Set.of("seed", "countries", "work-dir"), Set.of("keep-running", "no-admin",
                "separate-clusters"));
        long seed = line.longValue("seed", 2025);
        List<String> running = runningNodes();
        Sandbox sandbox = null;
        List<String> countries;
        Path workDir = line.value("work-dir").map(Path::of).orElse(Migrex.defaultWorkDir()).toAbsolutePath();
        if (!running.isEmpty()) {
            countries = running;
            out.println("Using the sandbox already running: " + String.join(", ", countries));
        } else {
            countries = line.value("countries").map(v -> List.of(v.split(","))).orElse(List.of("KAZ", "KGZ", "TJK", "RUS"));
            out.println("Starting a sandbox region of " + String.join(", ", countries) + " (about a minute)...");
            sandbox = Migrex.startWithShutdownHook(SandboxConfig.standard(countries, workDir, Migrex.repositoryRoot())
                    .withAdmin(!line.flag("no-admin")).withSeparateClusters(line.flag("separate-clusters")), out);
            sandbox.admin().ifPresent(admin -> out.printf("Spring Boot Admin: %s (user %s, password '%s')%n", admin.url(),
                    SandboxUsers.OPERATOR, SandboxUsers.PASSWORD));
            out.printf("Migrex sandbox ready in %.1f s%n", sandbox.readyAfter().toMillis() / 1000.0);
        }
        Demo demo = new Demo(out, countries, PortPlan.standard(), workDir);
        demo.tell(seed);
        if (line.flag("keep-running") && sandbox != null) {
            out.println("The sandbox keeps running (--keep-running). Press Ctrl-C to stop it.");
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sandbox != null) {
            out.println("Stopping the sandbox...");
            sandbox.close();
        }
        return 0;
    }

    /** Nodes of the standard plan whose three services answer UP on their readiness endpoint. */
    static List<String> runningNodes() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        List<String> up = new ArrayList<>();
        for (String country : PortPlan.NODE_ORDER) {
            boolean all = true;
            for (ServiceKind kind : ServiceKind.values()) {
                URI uri = URI.create("http://localhost:" + PortPlan.standardPort(country, kind) + "/actuator/health/readiness");
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    all &= r.statusCode() == 200;
                } catch (IOException e) {
                    all = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return up;
                }
                if (!all) {
                    break;
                }
            }
            if (all) {
                up.add(country);
            }
        }
        return up;
    }

    private void tell(long seed) {
        RegionPopulation population = RegionPopulation.generate(seed, countries);
        Path files = workDir.resolve("demo");
        screen("1. A region of moves (seed " + seed + ")");
        out.println("Every move is recorded twice: an emigration (deregistration) where the person left, an immigration");
        out.println("(residence or stay registration) where they arrived. Like real registers, many leavers never");
        out.println("deregister, Russia registers stays of 9-12 months (migrants by its national rule, short-term by the");
        out.println("UN's), RUS sends its Russian-language registry export, and a few rows are broken or misspelled.");
        out.println("Some registrations are not migration: short stays, tourists, and stays registered a second time.");
        out.println();

        Map<String, Story> stories = new LinkedHashMap<>();
        for (String country : countries) {
            List<DemoRow> rows = population.rows().get(country);
            String text = DemoFiles.render(country, rows);
            Path file = files.resolve(country.toLowerCase() + "-" + DemoFiles.source(country) + ".csv");
            write(file, text);
            NodeEndpoints node = NodeEndpoints.local(country, ports);
            JsonNode report = MigrexHttp.sandboxUser(SandboxUsers.agency(country))
                    .uploadCsv(node.ingestion(), DemoFiles.source(country), text);
            Story story = new Story(country, rows, report);
            stories.put(country, story);
            out.printf("  %s  uploaded %-40s %6d rows: %6d accepted, %4d rejected%n", country,
                    files.relativize(file) + " -> " + DemoFiles.source(country), rows.size(),
                    report.path("accepted").asLong(), report.path("rejected").asLong());
        }
        RegionRemittances remittances = RegionRemittances.generate(seed, countries);
        uploadRemittances(remittances, files);
        out.println();
        out.println("  Registrations that are not migration (statistical definitions v2, docs/statistics.md): accepted and");
        out.println("  harmonized, but in no flow. What the generator meant, worked out from the definitions' text:");
        for (Story story : stories.values()) {
            Map<DemoRow.Fate, Long> fates = new java.util.EnumMap<>(DemoRow.Fate.class);
            story.rows.forEach(r -> fates.merge(r.fate(), 1L, Long::sum));
            out.printf("  %s  %6d migrations; not migration: %4d stays under 3 calendar months, %4d tourists'"
                    + " short-term stays, %4d renewals of a person's stay within 12 months%n", story.country,
                    fates.getOrDefault(DemoRow.Fate.COUNTED, 0L), fates.getOrDefault(DemoRow.Fate.TEMPORARY_STAY, 0L),
                    fates.getOrDefault(DemoRow.Fate.EXCLUDED_PURPOSE, 0L), fates.getOrDefault(DemoRow.Fate.RENEWAL, 0L));
        }
        JsonNode anyErrors = stories.values().stream().map(s -> s.report.path("errors")).filter(e -> e.size() > 0)
                .findFirst().orElse(null);
        if (anyErrors != null) {
            out.println();
            out.println("  What ingestion refused, row by row (first errors of one report):");
            for (int i = 0; i < Math.min(3, anyErrors.size()); i++) {
                JsonNode e = anyErrors.get(i);
                out.printf("    line %s, %s = '%s': %s%n", e.path("line").asString(""), e.path("column").asString(""),
                        e.path("value").asString(""), e.path("message").asString(""));
            }
        }

        screen("2. Harmonization: what could not be mapped waits in the quarantine");
        for (Story story : stories.values()) {
            long expected = story.rows.stream().filter(r -> r.fate() == DemoRow.Fate.QUARANTINED).count();
            JsonNode quarantine = awaitQuarantine(story.country, expected);
            out.printf("  %s  %s%n", story.country, summarize(quarantine));
        }
        out.println("  Fix a spelling in the node's reference data and replay: nothing quarantined is ever dropped.");

        screen("3. Exchange: aggregates under the bilateral agreements, disclosure-controlled and signed");
        Map<String, JsonNode> inboxes = awaitInboxes(population);
        for (var entry : inboxes.entrySet()) {
            out.printf("  %s inbox: %s%n", entry.getKey(), summarizeInbox(entry.getValue()));
        }

        out.println();
        out.println("  Data quality as each node counted it (its own MIGR_QUALITY, SDMX-CSV, all sources and months),");
        out.println("  against what the generator meant:");
        for (Story story : stories.values()) {
            printQuality(story);
        }

        screen("4. Mirror statistics: the same moves, seen from both sides");
        String receiver = countries.contains("KAZ") ? "KAZ" : countries.getFirst();
        String partner = countries.contains("KGZ") && !receiver.equals("KGZ") ? "KGZ"
                : countries.stream().filter(c -> !c.equals(receiver)).findFirst().orElse(receiver);
        printMirror(receiver, partner);
        out.println();
        out.println("  The gap is the regional projects' finding: emigration counted at origin falls short of");
        out.println("  immigration counted at destination, because many leavers never deregister.");
        printExpectedGap(population, receiver, partner);

        screen("5. Remittances and their costs (SDG 10.c.1)");
        printRemittances(remittances);

        screen("6. Where to look next");
        NodeEndpoints node = NodeEndpoints.local(receiver, ports);
        String user = SandboxUsers.agency(receiver) + ":" + SandboxUsers.PASSWORD;
        out.printf("  Portal:       %s/portal/public  (in a browser, no login: the published tables, a chart, SDMX"
                + " downloads; English or Russian)%n", node.exchange());
        for (String other : countries) {
            if (!other.equals(receiver)) {
                out.printf("                %s/portal/public  (%s)%n", NodeEndpoints.local(other, ports).exchange(), other);
            }
        }
        out.printf("  Signed in:    %s/portal/signin  as %s, password %s: upload a file and read its report,"
                + " the quarantine, the inbox, the mirror table and charts, data quality; as %s: replay the"
                + " quarantine%n", node.exchange(), SandboxUsers.agency(receiver), SandboxUsers.PASSWORD,
                SandboxUsers.OPERATOR);
        out.printf("  Inbox:        curl -u %s %s/api/v1/inbox%n", user, node.exchange());
        out.printf("  Mirror:       curl -u %s '%s/api/v1/mirror?partner=%s&dataflow=MIGR_FLOW&from=2025-01&to=2025-03'%n",
                user, node.exchange(), partner);
        out.printf("  Quarantine:   curl -u %s %s/api/v1/quarantine%n", user, node.harmonization());
        out.printf("  Metrics:      curl -u operator:sandbox %s/actuator/prometheus%n", node.ingestion());
        out.printf("  Demo files:   %s%n", files);
        out.println("  Dashboards:   deploy/grafana (Prometheus config in deploy/prometheus), docs/operations.md");
        out.println();
        out.println("Demo finished.");
    }

    /**
     * The node's own MIGR_QUALITY summed per indicator, beside the generator's fates: registrations counted, stays
     * under 3 months, tourists' stays, renewals. A difference is printed, not hidden: it would mean the node applies
     * the definitions otherwise than the generator read them.
     */
    /** Uploads each node's price survey (of its outgoing corridors) and the flows it records. */
    private void uploadRemittances(RegionRemittances remittances, Path files) {
        for (String country : countries) {
            MigrexHttp agency = MigrexHttp.sandboxUser(SandboxUsers.agency(country));
            NodeEndpoints node = NodeEndpoints.local(country, ports);
            Map<String, String> texts = new LinkedHashMap<>();
            if (!remittances.prices(country).isEmpty()) {
                texts.put(RegionRemittances.PRICES_SOURCE, remittances.pricesCsv(country));
            }
            if (!remittances.flows(country).isEmpty()) {
                texts.put(RegionRemittances.FLOWS_SOURCE, remittances.flowsCsv(country));
            }
            texts.forEach((source, text) -> {
                Path file = files.resolve(country.toLowerCase() + "-" + source + ".csv");
                write(file, text);
                JsonNode report = agency.uploadCsv(node.ingestion(), source, text);
                out.printf("  %s  uploaded %-40s %6d rows: %6d accepted, %4d rejected%n", country,
                        files.relativize(file) + " -> " + source, report.path("received").asLong(),
                        report.path("accepted").asLong(), report.path("rejected").asLong());
            });
        }
    }

    /**
     * The generator's SDG 10.c.1 averages and both ends' recorded flows per corridor, worked out from the rows sent
     * (RPW's method, {@link RegionRemittances#expectedCost}).
     */
    private void printRemittances(RegionRemittances remittances) {
        out.println("  Each sending node surveyed its corridors' providers (World Bank RPW method, USD 200); both ends of");
        out.println("  a corridor recorded the money sent. What the generator made, worked out from the rows sent:");
        out.println();
        out.printf("  %-9s %s%n", "corridor", String.join("  ", RegionRemittances.QUARTERS.stream()
                .map(q -> String.format("%9s", q)).toList()) + "   (average total cost, % of USD 200; target < 3 %)");
        for (String corridor : remittances.corridors()) {
            List<String> cells = RegionRemittances.QUARTERS.stream().map(q -> remittances.expectedCost(corridor, q,
                    "USD200").map(c -> String.format("%8.2f%%", c)).orElse("no survey")).toList();
            out.printf("  %-9s %s%n", corridor, String.join("  ", cells));
        }
        String last = RegionRemittances.QUARTERS.getLast();
        long costed = remittances.corridors().stream().filter(c -> remittances.expectedCost(c, last, "USD200")
                .isPresent()).count();
        long above = remittances.corridors().stream().filter(c -> remittances.expectedCost(c, last, "USD200")
                .filter(v -> v.compareTo(BigDecimal.valueOf(5)) > 0).isPresent()).count();
        out.printf("  %s: %d of %d corridors with a cost are above 5 %% (SDG 10.c: none should be).%n", last, above,
                costed);
        printNodeCosts(remittances);
        out.println();
        out.println("  Money sent in " + last + ", USD, as each end recorded it (mirror statistics of a corridor):");
        for (String corridor : remittances.corridors()) {
            String sending = corridor.substring(0, 3);
            String receiving = corridor.substring(4);
            out.printf("  %-9s %s outflow %,18.2f   %s inflow %,18.2f%n", corridor, sending,
                    remittances.recordedUsd(sending, corridor, last).orElseThrow(), receiving,
                    remittances.recordedUsd(receiving, corridor, last).orElseThrow());
        }
        printNodeMirror(remittances, last);
    }

    /**
     * What each sending node published (its REMITTANCES cube, {@code GET /api/v1/remittances/costs}) against the
     * generator's averages: equal to the hundredth, or the difference is printed.
     */
    private void printNodeCosts(RegionRemittances remittances) {
        Map<String, String> published = new TreeMap<>();
        for (String sending : remittances.corridors().stream().map(c -> c.substring(0, 3)).distinct().toList()) {
            JsonNode costs = awaitCosts(sending, remittances);
            for (JsonNode c : costs.path("corridors")) {
                if (c.path("amount").asString("").equals("USD200") && !c.path("averagePercent").isNull()) {
                    published.put(c.path("sendingArea").asString("") + ">" + c.path("receivingArea").asString("")
                            + "|" + c.path("quarter").asString(""), c.path("averagePercent").asString(""));
                }
            }
        }
        int agree = 0;
        List<String> differ = new ArrayList<>();
        for (String corridor : remittances.corridors()) {
            for (String quarter : RegionRemittances.QUARTERS) {
                String expected = remittances.expectedCost(corridor, quarter, "USD200")
                        .map(v -> v.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()).orElse(null);
                String node = published.containsKey(corridor + "|" + quarter)
                        ? new BigDecimal(published.get(corridor + "|" + quarter))
                                .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() : null;
                if (java.util.Objects.equals(expected, node)) {
                    agree++;
                } else {
                    differ.add(corridor + " " + quarter + ": generator " + expected + ", node " + node);
                }
            }
        }
        out.printf("  The sending nodes' own REMITTANCES (GET /api/v1/remittances/costs): %d of %d corridor-quarters"
                + " as the generator meant%s%n", agree, agree + differ.size(), differ.isEmpty() ? ""
                : "; DIFFERS: " + String.join("; ", differ));
    }

    /** The receiving node's corridor mirror ({@code GET /api/v1/remittances/mirror}): its inflow against the sender's outflow. */
    private void printNodeMirror(RegionRemittances remittances, String quarter) {
        out.println();
        out.println("  The same at each receiving node, from the sender's signed REMITTANCES dataset (GET /api/v1/remittances/mirror):");
        for (String corridor : remittances.corridors()) {
            String sending = corridor.substring(0, 3);
            String receiving = corridor.substring(4);
            JsonNode row = awaitMirrorRow(receiving, sending, quarter);
            if (row == null) {
                out.printf("  %-9s at %s: no dataset from %s yet%n", corridor, receiving, sending);
                continue;
            }
            // 0.0001 USD units; ours = the receiver's inflow, partner's = the sender's outflow
            out.printf("  %-9s at %s: our inflow %,18.2f   %s's outflow %,18.2f   ratio %s%n", corridor, receiving,
                    row.path("ours").asLong() / 10_000.0, sending, row.path("partners").asLong() / 10_000.0,
                    row.path("ratio").asString("-"));
        }
    }

    private JsonNode awaitCosts(String country, RegionRemittances remittances) {
        MigrexHttp agency = MigrexHttp.sandboxUser(SandboxUsers.agency(country));
        NodeEndpoints node = NodeEndpoints.local(country, ports);
        long expected = remittances.prices(country).size();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode costs = null;
        while (System.nanoTime() < deadline) {
            costs = agency.getJson(node.exchange(), "/api/v1/remittances/costs",
                    Map.of("from", RegionRemittances.QUARTERS.getFirst(), "to", RegionRemittances.QUARTERS.getLast()));
            long points = 0;
            for (JsonNode c : costs.path("corridors")) {
                points += c.path("pricePoints").asLong();
            }
            if (points >= expected) {
                return costs;
            }
            sleep(1000);
        }
        return costs;
    }

    private JsonNode awaitMirrorRow(String receiver, String sender, String quarter) {
        MigrexHttp agency = MigrexHttp.sandboxUser(SandboxUsers.agency(receiver));
        NodeEndpoints node = NodeEndpoints.local(receiver, ports);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode mirror = agency.getJson(node.exchange(), "/api/v1/remittances/mirror",
                    Map.of("partner", sender, "period", quarter));
            for (JsonNode row : mirror.path("rows")) {
                if (row.path("sendingArea").asString("").equals(sender)
                        && row.path("receivingArea").asString("").equals(receiver) && !row.path("partners").isNull()
                        && !row.path("ours").isNull()) {
                    return row;
                }
            }
            sleep(1000);
        }
        return null;
    }

    private void printQuality(Story story) {
        NodeEndpoints node = NodeEndpoints.local(story.country, ports);
        String csv;
        try {
            csv = MigrexHttp.sandboxUser(SandboxUsers.agency(story.country)).getText(node.exchange(),
                    "/sdmx/v2/data/dataflow/MIGREX/MIGR_QUALITY/1.0/" + story.country, "text/csv");
        } catch (MigrexHttp.MigrexHttpException e) {
            out.printf("  %s  MIGR_QUALITY not available: %s%n", story.country, e.getMessage());
            return;
        }
        Map<String, Long> byIndicator = new java.util.TreeMap<>();
        String[] lines = csv.split("\\r?\\n");
        List<String> header = List.of(lines[0].split(",", -1));
        int indicator = header.indexOf("INDICATOR");
        int value = header.indexOf("OBS_VALUE");
        for (int i = 1; i < lines.length && indicator >= 0 && value >= 0; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length > Math.max(indicator, value) && !fields[value].isBlank()) {
                byIndicator.merge(fields[indicator], Long.parseLong(fields[value].strip()), Long::sum);
            }
        }
        Map<DemoRow.Fate, Long> fates = new java.util.EnumMap<>(DemoRow.Fate.class);
        story.rows.forEach(r -> fates.merge(r.fate(), 1L, Long::sum));
        StringBuilder line = new StringBuilder();
        boolean same = true;
        for (var pair : List.of(Map.entry("COUNTED", DemoRow.Fate.COUNTED),
                Map.entry("TEMPORARY_STAY", DemoRow.Fate.TEMPORARY_STAY),
                Map.entry("EXCLUDED_PURPOSE", DemoRow.Fate.EXCLUDED_PURPOSE), Map.entry("RENEWAL", DemoRow.Fate.RENEWAL))) {
            long counted = byIndicator.getOrDefault(pair.getKey(), 0L);
            long meant = fates.getOrDefault(pair.getValue(), 0L);
            same &= counted == meant;
            line.append(String.format(" %s %d%s", pair.getKey(), counted,
                    counted == meant ? "" : " (generator " + meant + ")"));
        }
        out.printf("  %s  REGISTRATIONS %d:%s; INTERNAL_OR_UNKNOWN %d -> %s%n", story.country,
                byIndicator.getOrDefault("REGISTRATIONS", 0L), line, byIndicator.getOrDefault("INTERNAL_OR_UNKNOWN", 0L),
                same ? "as the generator meant" : "DIFFERS from the generator");
        // the intake counters against the upload's own report (all months: a row without a readable date counts in
        // the month it was received)
        boolean rowsAgree = true;
        StringBuilder rows = new StringBuilder();
        for (String field : List.of("received", "accepted", "rejected")) {
            String code = "ROWS_" + field.toUpperCase(java.util.Locale.ROOT);
            long counted = byIndicator.getOrDefault(code, 0L);
            long reported = story.report.path(field).asLong();
            rowsAgree &= counted == reported;
            rows.append(String.format(" %s %d%s", code, counted, counted == reported ? "" : " (report " + reported + ")"));
        }
        out.printf("  %s %s; QUARANTINED %d -> %s%n", story.country, rows, byIndicator.getOrDefault("QUARANTINED", 0L),
                rowsAgree ? "as the upload report said" : "DIFFERS from the upload report");
    }

    private JsonNode awaitQuarantine(String country, long expectedAtLeast) {
        NodeEndpoints node = NodeEndpoints.local(country, ports);
        MigrexHttp http = MigrexHttp.sandboxUser(SandboxUsers.agency(country));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.getJson(node.harmonization(), "/api/v1/quarantine", Map.of());
            if (totalOf(last) >= expectedAtLeast) {
                return last;
            }
            sleep(1000);
        }
        return last;
    }

    private Map<String, JsonNode> awaitInboxes(RegionPopulation population) {
        // a node should hear from every partner that has flows with it, for every month of the demo
        Map<String, Integer> expected = new TreeMap<>();
        for (String receiver : countries) {
            int n = 0;
            for (String sender : countries) {
                if (!sender.equals(receiver) && population.rows().get(sender).stream()
                        .anyMatch(r -> receiver.equals(r.counterpart()))) {
                    n++;
                }
            }
            expected.put(receiver, n);
        }
        // and, from each partner, a MIGR_FLOW dataset of every month in which a row the partner counts has it as
        // counterpart (the standard flow agreement's filter): the generator knows which rows count
        Map<String, Set<String>> flowsExpected = new TreeMap<>();
        population.rows().forEach((sender, rows) -> rows.stream()
                .filter(r -> r.fate() == DemoRow.Fate.COUNTED && r.counterpart() != null
                        && countries.contains(r.counterpart()) && !r.counterpart().equals(sender))
                .forEach(r -> flowsExpected.computeIfAbsent(r.counterpart(), k -> new java.util.TreeSet<>())
                        .add(sender + " MIGR_FLOW " + r.period())));
        Map<String, JsonNode> inboxes = new LinkedHashMap<>();
        long started = System.nanoTime();
        long deadline = started + EXCHANGE_TIMEOUT.toNanos();
        long lastProgress = started;
        String previous = "";
        int stableRounds = 0;
        Set<String> missing = new java.util.TreeSet<>();
        while (System.nanoTime() < deadline) {
            boolean complete = true;
            missing.clear();
            for (String country : countries) {
                JsonNode inbox = MigrexHttp.sandboxUser(SandboxUsers.agency(country))
                        .getJson(NodeEndpoints.local(country, ports).exchange(), "/api/v1/inbox", Map.of());
                inboxes.put(country, inbox);
                complete &= senders(inbox).size() >= expected.get(country);
                Set<String> held = new java.util.HashSet<>();
                for (JsonNode dataset : JsonTables.rowsOf(inbox)) {
                    held.add(dataset.path("sender").asString("") + " " + dataset.path("dataflow").asString("") + " "
                            + dataset.path("period").asString(""));
                }
                for (String wanted : flowsExpected.getOrDefault(country, Set.of())) {
                    if (!held.contains(wanted)) {
                        missing.add(wanted + " at " + country);
                    }
                }
            }
            complete &= missing.isEmpty();
            String now = inboxes.toString();
            stableRounds = now.equals(previous) ? stableRounds + 1 : 0;
            previous = now;
            // complete, and no new revision for a few seconds (the agreements resend at most every 5 s)
            if (complete && stableRounds >= 4) {
                break;
            }
            if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                out.printf("  ... after %d s still waiting for %d MIGR_FLOW dataset(s), e.g. %s%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), missing.size(),
                        missing.stream().limit(3).toList());
                lastProgress = System.nanoTime();
            }
            sleep(2000);
        }
        if (!missing.isEmpty()) {
            out.printf("  NOT COMPLETE after %d s: %d MIGR_FLOW dataset(s) the generator's rows call for are not in the "
                            + "inboxes yet (%s); the nodes deliver them later, and the tables below may lack them.%n",
                    EXCHANGE_TIMEOUT.toSeconds(), missing.size(), String.join(", ", missing));
        }
        return inboxes;
    }

    private void printMirror(String receiver, String partner) {
        NodeEndpoints node = NodeEndpoints.local(receiver, ports);
        JsonNode mirror = MigrexHttp.sandboxUser(SandboxUsers.agency(receiver)).getJson(node.exchange(), "/api/v1/mirror",
                Map.of("partner", partner, "dataflow", "MIGR_FLOW", "from", "2025-01", "to", "2025-03"));
        out.printf("  At %s, comparing with %s (GET /api/v1/mirror?partner=%s):%n%n", receiver, partner, partner);
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : JsonTables.rowsOf(mirror)) {
            if ("_T".equals(row.path("duration").asString("_T"))) {
                rows.add(row);
            }
        }
        JsonTables.print(out, rows, "    ", List.of("period", "flowPair", "sex", "ourValue", "partnerValue", "difference",
                "ratio", "note"));
    }

    /** What the generator knows: moves per direction, and how many of them each side recorded. */
    private void printExpectedGap(RegionPopulation population, String a, String b) {
        out.println();
        out.println("  What the generator made (counted rows only):");
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            long imm = population.rows().get(pair[1]).stream().filter(r -> r.fate() == DemoRow.Fate.COUNTED
                    && "IMM".equals(r.flow()) && pair[0].equals(r.counterpart())).count();
            long emi = population.rows().get(pair[0]).stream().filter(r -> r.fate() == DemoRow.Fate.COUNTED
                    && "EMI".equals(r.flow()) && pair[1].equals(r.counterpart())).count();
            out.printf("    %s -> %s: %5d immigrations recorded by %s, %5d emigrations recorded by %s%n",
                    pair[0], pair[1], imm, pair[1], emi, pair[0]);
        }
    }

    private static String summarize(JsonNode quarantine) {
        if (quarantine == null) {
            return "(no answer)";
        }
        List<String> parts = new ArrayList<>();
        if (quarantine.has("reasonsByRule")) {
            collectCounts(quarantine.path("reasonsByRule"), "", parts);
            for (var field : quarantine.path("topUnmappedValues").properties()) {
                List<String> values = new ArrayList<>();
                field.getValue().forEach(v -> values.add("'" + v.path("value").asString("") + "' x" + v.path("records").asLong()));
                if (!values.isEmpty()) {
                    parts.add(field.getKey() + " " + String.join(" ", values));
                }
            }
        } else {
            collectCounts(quarantine, "", parts);
        }
        return "quarantined " + totalOf(quarantine) + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
    }

    /** Total of a quarantine report: its {@code total} field, or the sum of its numeric leaves. */
    static long totalOf(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.has("records")) {
            return node.path("records").asLong();
        }
        if (node.has("total")) {
            return node.path("total").asLong();
        }
        long sum = 0;
        if (node.isNumber()) {
            return node.asLong();
        }
        for (JsonNode child : node.values()) {
            sum += totalOf(child);
        }
        return sum;
    }

    private static void collectCounts(JsonNode node, String prefix, List<String> parts) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                if (e.getValue().isNumber() && !e.getKey().equals("total")) {
                    parts.add((prefix.isEmpty() ? "" : prefix + " ") + e.getKey() + " " + e.getValue().asLong());
                } else if (e.getValue().isContainer()) {
                    collectCounts(e.getValue(), e.getKey().equals("byReason") || e.getKey().equals("reasons") ? prefix
                            : e.getKey(), parts);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String label = item.path("rule").asString(item.path("reason").asString(""));
                long count = item.path("count").asLong(0);
                if (!label.isEmpty()) {
                    parts.add(label + " " + count);
                }
            }
        }
    }

    private static Set<String> senders(JsonNode inbox) {
        Set<String> senders = new java.util.TreeSet<>();
        for (JsonNode dataset : JsonTables.rowsOf(inbox)) {
            String sender = dataset.path("sender").asString("");
            if (!sender.isEmpty()) {
                senders.add(sender);
            }
        }
        return senders;
    }

    /**
     * Datasets per sender and dataflow, as their months: MIGR_STOCK alone has one per month from the first arrival to
     * now, too many to list one by one.
     */
    private static String summarizeInbox(JsonNode inbox) {
        List<JsonNode> datasets = JsonTables.rowsOf(inbox);
        Map<String, Map<String, java.util.TreeSet<String>>> bySender = new TreeMap<>();
        for (JsonNode d : datasets) {
            bySender.computeIfAbsent(d.path("sender").asString("?"), k -> new TreeMap<>())
                    .computeIfAbsent(d.path("dataflow").asString("?"), k -> new java.util.TreeSet<>())
                    .add(d.path("period").asString("?"));
        }
        List<String> parts = new ArrayList<>();
        bySender.forEach((sender, dataflows) -> dataflows.forEach((dataflow, periods) -> parts.add(sender + " "
                + dataflow + " " + (periods.size() == 1 ? periods.first() : periods.size() + " months "
                + periods.first() + ".." + periods.last()))));
        return datasets.size() + " datasets" + (parts.isEmpty() ? "" : " " + parts);
    }

    private void screen(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 100 - title.length())));
        out.println();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Story(String country, List<DemoRow> rows, JsonNode report) {
    }
}
