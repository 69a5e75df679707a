package org.migrex.exchange.sending.agreement;

import org.migrex.schema.CountryCode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and validates the agreement files of a folder ({@code *.yml}, {@code *.yaml}; one agreement per file).
 * A bad file stops start-up with an {@link InvalidAgreementException} naming the file, the agreement and the key.
 * Unknown keys are refused too, so that a misspelt key cannot silently widen what leaves the node.
 */
public final class AgreementLoader {
    public static final int DEFAULT_K = 5;
    /** The smallest disclosure threshold an agreement may set. */
    public static final int MIN_K = 3;
    /**
     * The k of an agreement whose dataflow is not disclosure-controlled (REMITTANCES): 1, so that no cell
     * ({@code 0 < v < 1}) is a primary suppression and the table goes out whole.
     */
    public static final int UNCONTROLLED_K = 1;
    /** Default p of {@code disclosure.protection-percent}: an attacker's range must reach ±15 % of a cell's value. */
    public static final int DEFAULT_PROTECTION_PERCENT = 15;
    public static final Duration DEFAULT_RESEND_MIN_INTERVAL = Duration.ofSeconds(5);
    public static final Period DEFAULT_FINAL_AFTER = Period.ofMonths(2);
    private static final Set<String> KEYS = Set.of("id", "version", "partner", "dataflow", "filter", "keep",
            "disclosure", "resend", "final-after");

    private AgreementLoader() {
    }

    /** Every agreement in the folder, sorted by id; the node's own code may not be a partner. */
    public static List<ExchangeAgreement> load(Path folder, String nodeCode) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidAgreementException("migrex.exchange.agreements-dir: " + folder + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (name.endsWith(".yml") || name.endsWith(".yaml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list agreements folder " + folder, e);
        }
        Map<String, Path> seen = new HashMap<>();
        Map<String, ExchangeAgreement> byTarget = new HashMap<>();
        List<ExchangeAgreement> agreements = new ArrayList<>();
        for (Path file : files) {
            ExchangeAgreement agreement = read(file, nodeCode);
            Path earlier = seen.putIfAbsent(agreement.id(), file);
            if (earlier != null) {
                throw new InvalidAgreementException("agreement file " + file + " (agreement " + agreement.id()
                        + "), key 'id': the id is already used by " + earlier);
            }
            // the inbox key SENDER|dataflow|period leaves room for one agreement per partner and dataflow
            ExchangeAgreement same = byTarget.putIfAbsent(agreement.partner() + "|" + agreement.dataflow().id(),
                    agreement);
            if (same != null) {
                throw new InvalidAgreementException("agreement file " + file + " (agreement " + agreement.id()
                        + "), key 'partner': agreement " + same.id() + " (" + same.source() + ") already delivers "
                        + agreement.dataflow().id() + " to " + agreement.partner() + "; merge them into one agreement");
            }
            agreements.add(agreement);
        }
        agreements.sort((a, b) -> a.id().compareTo(b.id()));
        return List.copyOf(agreements);
    }

    /** Reads and validates one agreement file. */
    public static ExchangeAgreement read(Path file, String nodeCode) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agreement file " + file, e);
        } catch (RuntimeException e) {
            throw new InvalidAgreementException("agreement file " + file + " is not valid YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidAgreementException("agreement file " + file
                    + " must hold one YAML mapping with the keys " + KEYS);
        }
        return new Reading(file, map).agreement(nodeCode);
    }

    /** One file being read; every failure names the file, the agreement (once its id is known) and the key. */
    private static final class Reading {
        private final Path file;
        private final Map<?, ?> map;
        private String id = "?";

        Reading(Path file, Map<?, ?> map) {
            this.file = file;
            this.map = map;
        }

        ExchangeAgreement agreement(String nodeCode) {
            id = string(map.get("id"), "id", null);
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw fail(String.valueOf(key), "unknown key; the keys are " + KEYS);
                }
            }
            Object versionValue = map.get("version");
            if (!(versionValue instanceof Integer version) || version < 1) {
                throw fail("version", "must be a whole number of at least 1, got '" + versionValue + "'");
            }
            String partner = string(map.get("partner"), "partner", null);
            if (!ExchangeAgreement.PUBLIC.equals(partner) && (!partner.equals(partner.toUpperCase(java.util.Locale.ROOT))
                    || !CountryCode.isValid(partner))) {
                throw fail("partner", "must be an ISO 3166-1 alpha-3 code in upper case (e.g. KGZ) or "
                        + ExchangeAgreement.PUBLIC + " (a release for publication), got '" + partner + "'");
            }
            if (partner.equalsIgnoreCase(nodeCode)) {
                throw fail("partner", "is this node itself (" + nodeCode + "); an agreement names another country");
            }
            String dataflowId = string(map.get("dataflow"), "dataflow", null);
            Dataflow<?> dataflow = Dataflows.find(dataflowId).orElseThrow(() -> fail("dataflow",
                    "unknown dataflow '" + dataflowId + "'; this node delivers " + Dataflows.ids()));
            Map<String, Set<String>> filter = filter(map.get("filter"), dataflow);
            List<String> keep = keep(map.get("keep"), dataflow);
            Map<?, ?> disclosure = section("disclosure");
            if (!dataflow.disclosureControlled() && !disclosure.isEmpty()) {
                // REMITTANCES: prices and money amounts, not counts of persons; a k would be ignored, so say so
                throw fail("disclosure." + disclosure.keySet().iterator().next(), "does not apply to "
                        + dataflow.id() + ": its values are published prices and money amounts, not counts of"
                        + " persons, so no cell is suppressed; remove the disclosure section");
            }
            Object kValue = disclosure.containsKey("k") ? disclosure.get("k")
                    : dataflow.disclosureControlled() ? DEFAULT_K : UNCONTROLLED_K;
            if (!(kValue instanceof Integer k) || (k < MIN_K && dataflow.disclosureControlled())) {
                throw fail("disclosure.k", "must be a whole number of at least " + MIN_K + " (with k = 1 or 2 a"
                        + " published count of 1 or 2 lets a person recognise the other), got '" + kValue + "'");
            }
            for (Object key : disclosure.keySet()) {
                if (!"k".equals(key) && !"protection-percent".equals(key)) {
                    throw fail("disclosure." + key, "unknown key; the keys are [k, protection-percent]");
                }
            }
            Object pValue = disclosure.containsKey("protection-percent") ? disclosure.get("protection-percent")
                    : DEFAULT_PROTECTION_PERCENT;
            if (!(pValue instanceof Integer p) || p < 0 || p > 100) {
                throw fail("disclosure.protection-percent", "must be a whole number from 0 to 100 (the attacker's"
                        + " range for a suppressed cell must reach p % of its value on either side), got '" + pValue
                        + "'");
            }
            Map<?, ?> resend = section("resend");
            for (Object key : resend.keySet()) {
                if (!"min-interval".equals(key)) {
                    throw fail("resend." + key, "unknown key; the keys are [min-interval]");
                }
            }
            Duration minInterval = DEFAULT_RESEND_MIN_INTERVAL;
            if (resend.get("min-interval") != null) {
                String text = string(resend.get("min-interval"), "resend.min-interval", null);
                try {
                    minInterval = Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw fail("resend.min-interval", "must be an ISO-8601 duration such as PT5S or PT1M, got '"
                            + text + "'");
                }
                if (minInterval.isNegative()) {
                    throw fail("resend.min-interval", "must not be negative, got '" + text + "'");
                }
            }
            TemporalAmount finalAfter = DEFAULT_FINAL_AFTER;
            if (map.get("final-after") != null) {
                finalAfter = amount(string(map.get("final-after"), "final-after", null));
            }
            return new ExchangeAgreement(id, (Integer) versionValue, partner, dataflow, filter, keep, (Integer) kValue,
                    minInterval, finalAfter, file.toString(), (Integer) pValue);
        }

        private Map<String, Set<String>> filter(Object value, Dataflow<?> dataflow) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> filterMap)) {
                throw fail("filter", "must map dimension ids to lists of allowed codes, e.g. COUNTERPART_AREA: [KGZ]");
            }
            Map<String, Set<String>> filter = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : filterMap.entrySet()) {
                String dimension = String.valueOf(entry.getKey());
                String key = "filter." + dimension;
                if (!dataflow.hasDimension(dimension)) {
                    throw fail(key, "unknown dimension; " + dataflow.id() + " has " + dataflow.dimensionIds());
                }
                Object codes = entry.getValue();
                List<?> list = codes instanceof List<?> l ? l : codes == null ? List.of() : List.of(codes);
                if (list.isEmpty()) {
                    throw fail(key, "must list at least one allowed code");
                }
                Set<String> allowed = new LinkedHashSet<>();
                for (Object code : list) {
                    allowed.add(string(code, key, null));
                }
                filter.put(dimension, Set.copyOf(allowed));
            }
            return filter;
        }

        private List<String> keep(Object value, Dataflow<?> dataflow) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw fail("keep", "must list the dimensions kept, a subset of " + dataflow.dimensionIds());
            }
            Set<String> kept = new LinkedHashSet<>();
            for (Object item : list) {
                String dimension = string(item, "keep", null);
                if (!dataflow.hasDimension(dimension)) {
                    throw fail("keep", "unknown dimension '" + dimension + "'; " + dataflow.id() + " has "
                            + dataflow.dimensionIds());
                }
                if (!kept.add(dimension)) {
                    throw fail("keep", "lists '" + dimension + "' twice");
                }
            }
            return dataflow.dimensionIds().stream().filter(kept::contains).toList();
        }

        private Map<?, ?> section(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> section)) {
                throw fail(key, "must be a mapping");
            }
            return section;
        }

        private TemporalAmount amount(String text) {
            try {
                return text.contains("T") ? Duration.parse(text) : Period.parse(text);
            } catch (DateTimeParseException e) {
                throw fail("final-after", "must be an ISO-8601 period or duration such as P2M, P10D or PT30S, got '"
                        + text + "'");
            }
        }

        private String string(Object value, String key, String fallback) {
            if (value == null || value instanceof Map || value instanceof List || String.valueOf(value).isBlank()) {
                if (fallback != null) {
                    return fallback;
                }
                throw fail(key, value == null ? "is required" : "must be a text value, got '" + value + "'");
            }
            return String.valueOf(value).trim();
        }

        private InvalidAgreementException fail(String key, String problem) {
            return new InvalidAgreementException("agreement file " + file + " (agreement " + id + "), key '" + key
                    + "': " + problem);
        }
    }
}
