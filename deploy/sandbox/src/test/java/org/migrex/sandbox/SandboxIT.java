package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.sandbox.demo.RegionRemittances;

/**
 * End to end, as a user runs it: a two-node sandbox (KAZ, KGZ) started by the code behind {@code ./migrex sandbox}
 * (on free ports, so it runs beside a sandbox), records uploaded over HTTP by each agency, the dataset KAZ delivers
 * to KGZ and KGZ's mirror table checked against counts made from the uploaded rows ({@link TwoNodeScenario}), KAZ's
 * public portal (its release to PUBLIC, no login), then no process left once the sandbox is closed.
 */
class SandboxIT {
    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoNodesExchangeWhatTheirAgenciesUploaded(@TempDir Path work) throws Exception {
        List<String> countries = List.of("KAZ", "KGZ");
        SandboxConfig config = SandboxConfig.standard(countries, work, repositoryRoot()).withPorts(PortPlan.free(countries));

        Set<ProcessHandle> started;
        try (Sandbox sandbox = Sandbox.start(config, System.out)) {
            started = sandbox.processes();
            assertThat(started).hasSizeGreaterThanOrEqualTo(8); // 6 services, broker, registry
            TwoNodeScenario.run(sandbox.endpoints("KAZ").ingestion(), sandbox.endpoints("KAZ").exchange(),
                    sandbox.endpoints("KGZ").ingestion(),
                    sandbox.endpoints("KGZ").exchange());
            publicPortalShowsKazReleaseWithoutLogin(sandbox.endpoints("KAZ").exchange());
            demoRemittanceFilesAreAcceptedWhole(sandbox, countries);
        }
        assertNothingLeft(started);
    }

    /**
     * The same scenario on {@code --separate-clusters}: each node its own secured broker and registry, KAZ's datasets
     * for KGZ written to KAZ's outbox on KAZ's cluster and pulled into KGZ's by KGZ's MirrorMaker 2 (and KGZ's for KAZ
     * the other way), no service holding any right on the other node's cluster.
     */
    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoNodesOnSeparateClustersExchangeByPull(@TempDir Path work) throws Exception {
        List<String> countries = List.of("KAZ", "KGZ");
        SandboxConfig config = SandboxConfig.standard(countries, work, repositoryRoot()).withPorts(PortPlan.free(countries))
                .withSeparateClusters(true);

        Set<ProcessHandle> started;
        try (Sandbox sandbox = Sandbox.start(config, System.out)) {
            started = sandbox.processes();
            // 6 services, 2 brokers, 2 registries, 2 MirrorMakers
            assertThat(sandbox.mirrors()).hasSize(2);
            assertThat(started).hasSizeGreaterThanOrEqualTo(12);
            assertThat(sandbox.bootstrapServers("KAZ")).isNotEqualTo(sandbox.bootstrapServers("KGZ"));
            assertThat(sandbox.registryUrl("KAZ")).isNotEqualTo(sandbox.registryUrl("KGZ"));
            TwoNodeScenario.run(sandbox.endpoints("KAZ").ingestion(), sandbox.endpoints("KAZ").exchange(),
                    sandbox.endpoints("KGZ").ingestion(), sandbox.endpoints("KGZ").exchange());
        }
        assertNothingLeft(started);
    }

    private static void assertNothingLeft(Set<ProcessHandle> started) throws Exception {
        for (ProcessHandle process : started) {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(process.isAlive()).as("process %d after close", process.pid()).isFalse();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("child processes left behind").isEmpty();
    }

    /**
     * KAZ's release to PUBLIC (the sandbox's {@code KAZ-PUBLIC-MIGR_FLOW}), read as a browser would, with no login:
     * the scenario's 20 men and 10 women who arrived from KGZ in March 2025, aged 30-34, long-term (all cells over
     * k = 5, so none suppressed), in the SDMX-CSV download; the tables page answers in English by default.
     */
    private static void publicPortalShowsKazReleaseWithoutLogin(java.net.URI exchange) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String men = "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-03,20,F";
        String all = "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,_T,_T,_T,_T,_T,_T,2025-03,30,F";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String csv = "";
        while (System.nanoTime() < deadline) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(exchange.resolve(
                    "/portal/public/data.csv?dataflow=MIGR_FLOW")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            csv = answer.statusCode() + "\n" + answer.body();
            if (answer.statusCode() == 200 && answer.body().contains(men) && answer.body().contains(all)) {
                break;
            }
            Sandbox.sleep(java.time.Duration.ofSeconds(1));
        }
        assertThat(csv).as("KAZ's public release").contains(men).contains(all);
        var page = http.send(java.net.http.HttpRequest.newBuilder(exchange.resolve("/portal/public")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"en\"").contains("Published migration statistics");
    }

    /**
     * The demo's remittance files, uploaded to the sources the sandbox configures: the real validators accept every
     * row (a demo file refused would show newcomers errors that are the generator's, not their data's).
     */
    private static void demoRemittanceFilesAreAcceptedWhole(Sandbox sandbox, List<String> countries) {
        RegionRemittances remittances = RegionRemittances.generate(42, countries);
        for (String country : countries) {
            MigrexHttp agency = MigrexHttp.sandboxUser(SandboxUsers.agency(country));
            if (!remittances.prices(country).isEmpty()) {
                var report = agency.uploadCsv(sandbox.endpoints(country).ingestion(), RegionRemittances.PRICES_SOURCE,
                        remittances.pricesCsv(country));
                assertThat(report.path("rejected").asLong()).as("%s survey: %s", country, report).isZero();
                assertThat(report.path("accepted").asLong()).isEqualTo(remittances.prices(country).size());
            }
            var report = agency.uploadCsv(sandbox.endpoints(country).ingestion(), RegionRemittances.FLOWS_SOURCE,
                    remittances.flowsCsv(country));
            assertThat(report.path("rejected").asLong()).as("%s flows: %s", country, report).isZero();
            assertThat(report.path("accepted").asLong()).isEqualTo(remittances.flows(country).size()).isPositive();
        }
        remittancesCrossUnderTheStandardAgreement(sandbox, remittances);
    }

    /**
     * KAZ's REMITTANCES reach KGZ under the sandbox's standard agreement ({@code KAZ-KGZ-REMITTANCES}), signed: at KGZ
     * the SDG 10.c.1 averages worked out from KAZ's received dataset equal the generator's (RPW's method applied to
     * the rows sent), and the corridor mirror puts KGZ's recorded inflow beside KAZ's recorded outflow, both as the
     * generator wrote them.
     */
    private static void remittancesCrossUnderTheStandardAgreement(Sandbox sandbox, RegionRemittances remittances) {
        MigrexHttp kgz = MigrexHttp.sandboxUser(SandboxUsers.agency("KGZ"));
        java.net.URI exchange = sandbox.endpoints("KGZ").exchange();
        String quarter = RegionRemittances.QUARTERS.getLast();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        tools.jackson.databind.JsonNode row = null;
        while (System.nanoTime() < deadline && row == null) {
            for (var r : kgz.getJson(exchange, "/api/v1/remittances/mirror", java.util.Map.of("partner", "KAZ",
                    "period", quarter)).path("rows")) {
                if (r.path("sendingArea").asString("").equals("KAZ") && !r.path("partners").isNull()) {
                    row = r;
                }
            }
            Sandbox.sleep(java.time.Duration.ofSeconds(1));
        }
        assertThat(row).as("KGZ's corridor mirror of KAZ>KGZ %s", quarter).isNotNull();
        java.math.BigDecimal units = java.math.BigDecimal.valueOf(10_000);
        assertThat(row.path("ours").asLong()).as("KGZ's recorded inflow, 0.0001 USD").isEqualTo(
                remittances.recordedUsd("KGZ", "KAZ>KGZ", quarter).orElseThrow().multiply(units).longValueExact());
        assertThat(row.path("partners").asLong()).as("KAZ's recorded outflow, 0.0001 USD").isEqualTo(
                remittances.recordedUsd("KAZ", "KAZ>KGZ", quarter).orElseThrow().multiply(units).longValueExact());

        var costs = kgz.getJson(exchange, "/api/v1/remittances/costs", java.util.Map.of("sender", "KAZ", "from",
                RegionRemittances.QUARTERS.getFirst(), "to", quarter));
        int compared = 0;
        for (var c : costs.path("corridors")) {
            if (!c.path("amount").asString("").equals("USD200")
                    || !(c.path("sendingArea").asString("") + ">" + c.path("receivingArea").asString("")).equals("KAZ>KGZ")) {
                continue;
            }
            var expected = remittances.expectedCost("KAZ>KGZ", c.path("quarter").asString(""), "USD200");
            compared++;
            if (c.path("averagePercent").isNull()) {
                assertThat(expected).as("no average at KGZ for %s, but the generator made one", c).isEmpty();
                continue;
            }
            assertThat(expected).as("a cost the generator did not make: %s", c).isPresent();
            // the node rounds each point's cost to 4 places before averaging, the generator after: within 0.0001
            assertThat(new java.math.BigDecimal(c.path("averagePercent").asString("")))
                    .as("KAZ>KGZ %s", c.path("quarter").asString(""))
                    .isCloseTo(expected.get(), org.assertj.core.data.Offset.offset(new java.math.BigDecimal("0.0001")));
        }
        assertThat(compared).as("quarters of KAZ>KGZ received at KGZ").isEqualTo(RegionRemittances.QUARTERS.size());
        corridorChartShowsTheReceivedAverages(exchange, costs);
    }

    /**
     * KGZ's signed-in portal page {@code /portal/remittances} on KAZ's received survey, as a browser gets it (form
     * sign-in with its CSRF token, session cookie): the chart and every quarter's USD 200 average the API gives.
     */
    private static void corridorChartShowsTheReceivedAverages(java.net.URI exchange, tools.jackson.databind.JsonNode costs) {
        try {
            var http = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            String signin = http.send(java.net.http.HttpRequest.newBuilder(exchange.resolve("/portal/signin")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signin);
            assertThat(token.find()).as("a CSRF token on the sign-in page").isTrue();
            var signedIn = http.send(java.net.http.HttpRequest.newBuilder(exchange.resolve("/portal/signin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=kgz-agency&password="
                            + SandboxUsers.PASSWORD + "&_csrf=" + java.net.URLEncoder.encode(token.group(1),
                            java.nio.charset.StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as("sign-in answers with a redirect").isEqualTo(302);
            var page = http.send(java.net.http.HttpRequest.newBuilder(exchange.resolve(
                    "/portal/remittances?source=KAZ&corridor=KAZ-KGZ")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<svg").contains("Kazakhstan → Kyrgyzstan");
            for (var c : costs.path("corridors")) {
                if (c.path("amount").asString("").equals("USD200") && !c.path("averagePercent").isNull()) {
                    assertThat(page.body()).as("the page's %s", c.path("quarter").asString(""))
                            .contains("<td>" + c.path("averagePercent").asString() + "</td>");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("migrex.repository.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("migrex"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }
}
