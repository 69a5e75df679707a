package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The two-node scenario shared by {@link SandboxIT} (the sandbox on the embedded stack) and {@link ComposeIT} (the
 * docker-compose deployment): expected values are counted here from the rows uploaded, by hand.
 */
final class TwoNodeScenario {
    static final String PERIOD = "2025-03";

    private TwoNodeScenario() {
    }

    /**
     * Uploads both agencies' files and checks KAZ's deliveries to KGZ (MIGR_FLOW and MIGR_STOCK), KGZ's mirror table
     * and KAZ's own MIGR_QUALITY intake counters.
     */
    static void run(URI kazIngestion, URI kazExchange, URI kgzIngestion, URI kgzExchange) {
        // KAZ registers 20 men and 10 women arriving from KGZ; KGZ deregistered only 12 men and 6 women leaving for KAZ.
        // All are 32 years old at the event, so every cell the agreement keeps holds at least 6 (k = 5).
        List<String> kazRows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            kazRows.add(row("KAZ-" + i, "RESIDENCE_REGISTRATION", i < 20 ? "M" : "F", "KGZ", ""));
        }
        kazRows.add("KAZ-bad-1,RESIDENCE_REGISTRATION,2025-02-30,P1,M,1993-01-01,KGZ,KGZ,KGZ,WORK,,KZ-1"); // no such day
        kazRows.add("KAZ-bad-2,RESIDENCE_REGISTRATION,2025-03-05,,M,1993-01-01,KGZ,KGZ,KGZ,WORK,,KZ-1"); // no person id
        // accepted by ingestion, quarantined by harmonization: no such country
        kazRows.add("KAZ-q-1,RESIDENCE_REGISTRATION,2025-03-07,PQ1,M,1993-01-01,Narnia,KGZ,KGZ,WORK,,KZ-1");
        List<String> kgzRows = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            kgzRows.add(row("KGZ-" + i, "DEREGISTRATION", i < 12 ? "M" : "F", "KAZ", ""));
        }

        JsonNode kazReport = MigrexHttp.sandboxUser("kaz-agency").uploadCsv(kazIngestion, "template", csv(kazRows));
        assertThat(kazReport.path("received").asLong()).isEqualTo(33);
        assertThat(kazReport.path("accepted").asLong()).isEqualTo(31);
        assertThat(kazReport.path("rejected").asLong()).isEqualTo(2);
        JsonNode kgzReport = MigrexHttp.sandboxUser("kgz-agency").uploadCsv(kgzIngestion, "template", csv(kgzRows));
        assertThat(kgzReport.path("accepted").asLong()).isEqualTo(18);

        // KGZ's agency reads what KAZ delivered: its immigration from KGZ, by sex
        MigrexHttp kgz = MigrexHttp.sandboxUser("kgz-agency");
        JsonNode dataset = awaitDataset(kgz, kgzExchange, "KAZ", 30);
        assertThat(dataset.path("receiver").asString()).isEqualTo("KGZ");
        assertThat(dataset.path("agreementId").asString()).isEqualTo("KAZ-KGZ-MIGR_FLOW");
        assertThat(sumOf(dataset, "IMM", "M")).isEqualTo(20);
        assertThat(sumOf(dataset, "IMM", "F")).isEqualTo(10);

        // and KAZ's stock of KGZ citizens on 1 April 2025 (the second standard agreement): the 30 arrived on 10 March
        // to stay (a residence registration, long-term), and are 32 on 1 April too (born 10 March 1993): Y30T34
        JsonNode stock = awaitStock(kgz, kgzExchange, "KAZ", "2025-04", 30);
        assertThat(stock.path("agreementId").asString()).isEqualTo("KAZ-KGZ-MIGR_STOCK");
        assertThat(stockOf(stock, "M")).isEqualTo(20);
        assertThat(stockOf(stock, "F")).isEqualTo(10);

        // the mirror table at KGZ: our emigration to KAZ against KAZ's immigration from KGZ
        JsonNode mirror = awaitMirror(kgz, kgzExchange);
        assertThat(mirrorRow(mirror, "M")).containsEntry("ourValue", 12L).containsEntry("partnerValue", 20L)
                .containsEntry("difference", -8L);
        assertThat(mirrorRow(mirror, "F")).containsEntry("ourValue", 6L).containsEntry("partnerValue", 10L)
                .containsEntry("difference", -4L);
        assertThat(mirrorRow(mirror, "_T")).containsEntry("ourValue", 18L).containsEntry("partnerValue", 30L);
        // the standard agreements mirror each other (KAZ's covers counterpart KGZ, KGZ's covers KAZ, same dimensions
        // kept), as KAZ's signed dataset states its own
        JsonNode definitions = mirror.path("definitions");
        assertThat(definitions.path("differences").size()).as("definitions %s", definitions).isZero();
        assertThat(definitions.path("comparable").asBoolean()).isTrue();
        assertThat(definitions.path("verdict").asString()).isEqualTo("COMPARABLE");
        assertThat(definitions.path("differenceCodes").size()).isZero();
        assertThat(definitions.path("partners").path("agreementId").asString()).isEqualTo("KAZ-KGZ-MIGR_FLOW");
        assertThat(definitions.path("partners").path("filter").path("COUNTERPART_AREA").get(0).asString())
                .isEqualTo("KGZ");

        // KAZ's own MIGR_QUALITY, intake counters (FLOW _Z) of the template source: of March 2025, 30 good rows,
        // KAZ-bad-2 (rejected: no person id) and KAZ-q-1 (accepted, then quarantined for its citizenship);
        // KAZ-bad-1's date is no date, so it counts in the month it was received
        Map<String, Long> quality = awaitQuality(MigrexHttp.sandboxUser("kaz-agency"), kazExchange, "KAZ");
        assertThat(quality).containsEntry("2025-03|ROWS_RECEIVED", 32L).containsEntry("2025-03|ROWS_ACCEPTED", 31L)
                .containsEntry("2025-03|ROWS_REJECTED", 1L).containsEntry("2025-03|QUARANTINED", 1L)
                .containsEntry("2025-03|QUARANTINED_COUNTRY_UNKNOWN", 1L);
        assertThat(quality.entrySet().stream().filter(e -> e.getKey().endsWith("|ROWS_REJECTED"))
                .mapToLong(Map.Entry::getValue).sum()).as("rejected rows in every month").isEqualTo(2);
    }

    /**
     * The node's own MIGR_QUALITY intake counters of the template source ({@code month|indicator} to value, from
     * SDMX-CSV), once the quarantine counter has arrived (the last to be written: harmonization comes after ingestion).
     */
    private static Map<String, Long> awaitQuality(MigrexHttp http, URI exchange, String country) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> counters = Map.of();
        while (System.nanoTime() < deadline) {
            String csv = http.getText(exchange, "/sdmx/v2/data/dataflow/MIGREX/MIGR_QUALITY/1.0/" + country, "text/csv");
            String[] lines = csv.split("\\r?\\n");
            List<String> header = List.of(lines[0].split(",", -1));
            Map<String, Long> read = new java.util.TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                if (f.length == header.size() && "template".equals(f[header.indexOf("SOURCE")])
                        && "_Z".equals(f[header.indexOf("FLOW")]) && !f[header.indexOf("OBS_VALUE")].isBlank()) {
                    read.put(f[header.indexOf("TIME_PERIOD")] + "|" + f[header.indexOf("INDICATOR")],
                            Long.parseLong(f[header.indexOf("OBS_VALUE")].strip()));
                }
            }
            counters = read;
            if (read.containsKey("2025-03|QUARANTINED_COUNTRY_UNKNOWN")) {
                return read;
            }
            Sandbox.sleep(Duration.ofSeconds(1));
        }
        return counters;
    }

    private static String row(String id, String eventType, String sex, String counterpart, String days) {
        LocalDate event = LocalDate.parse(PERIOD + "-10");
        LocalDate birth = event.minusYears(32); // 32 years old: age group Y30T34
        return String.join(",", id, eventType, event.toString(), "P" + id, sex, birth.toString(), "KGZ", "KGZ",
                counterpart, "WORK", days, "R-1");
    }

    private static String csv(List<String> rows) {
        return "record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,"
                + "counterpart_country,purpose,intended_duration_days,region\n" + String.join("\n", rows) + "\n";
    }

    /** Waits until the inbox holds the sender's dataset for {@link #PERIOD} whose IMM cells add up to {@code total}. */
    private static JsonNode awaitDataset(MigrexHttp http, URI exchange, String sender, long total) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode inbox = http.getJson(exchange, "/api/v1/inbox", Map.of("sender", sender, "period", PERIOD));
            for (JsonNode dataset : inbox) {
                last = dataset;
                if (sumOf(dataset, "IMM", "M") + sumOf(dataset, "IMM", "F") == total) {
                    return dataset;
                }
            }
            Sandbox.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("no dataset from " + sender + " for " + PERIOD + " adding up to " + total + "; last seen: " + last);
    }

    /** Waits until the inbox holds the sender's MIGR_STOCK dataset of {@code period} whose cells add up to {@code total}. */
    private static JsonNode awaitStock(MigrexHttp http, URI exchange, String sender, String period, long total) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode inbox = http.getJson(exchange, "/api/v1/inbox",
                    Map.of("sender", sender, "dataflow", "MIGR_STOCK", "period", period));
            for (JsonNode dataset : inbox) {
                last = dataset;
                if (stockOf(dataset, "M") + stockOf(dataset, "F") == total) {
                    return dataset;
                }
            }
            Sandbox.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("no MIGR_STOCK dataset from " + sender + " for " + period + " adding up to " + total
                + "; last seen: " + last);
    }

    /** Sum of the published MIGR_STOCK cells of one sex that are no totals (each person is in one of them). */
    private static long stockOf(JsonNode dataset, String sex) {
        long sum = 0;
        for (JsonNode observation : dataset.path("observations")) {
            JsonNode d = observation.path("dimensions");
            if (sex.equals(d.path("SEX").asString()) && !"_T".equals(d.path("AGE").asString())
                    && !observation.path("value").isNull()) {
                sum += observation.path("value").asLong();
            }
        }
        return sum;
    }

    /**
     * Sum of the published cells of one flow and sex that are not totals in any dimension: each event is in exactly
     * one such cell, so the sum is the number of events, whatever totals the dataset also carries.
     */
    private static long sumOf(JsonNode dataset, String flow, String sex) {
        long sum = 0;
        for (JsonNode observation : dataset.path("observations")) {
            JsonNode d = observation.path("dimensions");
            boolean detail = true;
            for (JsonNode code : d.values()) {
                detail &= !"_T".equals(code.asString());
            }
            if (detail && flow.equals(d.path("FLOW").asString()) && sex.equals(d.path("SEX").asString())
                    && !observation.path("value").isNull()) {
                sum += observation.path("value").asLong();
            }
        }
        return sum;
    }

    private static JsonNode awaitMirror(MigrexHttp http, URI exchange) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode mirror = null;
        while (System.nanoTime() < deadline) {
            mirror = http.getJson(exchange, "/api/v1/mirror",
                    Map.of("partner", "KAZ", "dataflow", "MIGR_FLOW", "period", PERIOD));
            Map<String, Object> total = mirrorRow(mirror, "_T");
            if (Long.valueOf(18).equals(total.get("ourValue")) && Long.valueOf(30).equals(total.get("partnerValue"))) {
                return mirror;
            }
            Sandbox.sleep(Duration.ofSeconds(1));
        }
        return mirror;
    }

    /** The EMI_TO_PARTNER row of the sex over all durations, as numbers. */
    private static Map<String, Object> mirrorRow(JsonNode mirror, String sex) {
        for (JsonNode row : mirror.path("rows")) {
            if ("EMI_TO_PARTNER".equals(row.path("flowPair").asString()) && sex.equals(row.path("sex").asString())
                    && "_T".equals(row.path("duration").asString()) && PERIOD.equals(row.path("period").asString())) {
                Map<String, Object> values = new java.util.HashMap<>();
                for (String field : List.of("ourValue", "partnerValue", "difference")) {
                    if (!row.path(field).isNull() && !row.path(field).isMissingNode()) {
                        values.put(field, row.path(field).asLong());
                    }
                }
                return values;
            }
        }
        return Map.of();
    }

}
