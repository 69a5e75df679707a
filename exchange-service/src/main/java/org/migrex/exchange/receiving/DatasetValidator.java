package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.InboxVerifier.Reason;
import org.migrex.exchange.receiving.InboxVerifier.Verdict;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;

/**
 * What this node accepts in a dataset whose signature verified ({@link InboxVerifier}), checked before it is stored;
 * the first failing rule is the reason:
 * <ol>
 *   <li>{@code UNKNOWN_DATAFLOW}: the dataflow is one of {@link Dataflows#all()};</li>
 *   <li>{@code INVALID_PERIOD}: the period is one of the dataflow's {@link Dataflow#periodType()}: a month
 *       {@code yyyy-MM}, a quarter {@code YYYY-Qn} (REMITTANCES);</li>
 *   <li>{@code TOO_MANY_OBSERVATIONS}: at most {@code maxObservations} observations;</li>
 *   <li>{@code INVALID_DEFINITION}: the agreement's definition the sender states, if it does, names only dimensions of
 *       the dataflow ({@code keep}, the keys of {@code filter}) and each filter covers at least one code;</li>
 *   <li>{@code INVALID_OBSERVATION}, for observation n (1-based) in order: its dimension ids are ids of the dataflow
 *       (a map holds each at most once) and the same set as observation 1's (one agreement's kept dimensions); each
 *       code is in the dimension's code list (an uncoded dimension's: matches its text pattern) or {@code _T}, the time dimension's code is the dataset's period;
 *       CONF_STATUS is {@code F} (free) or {@code C} (confidential); a {@code F} observation has a value
 *       {@code 0 <= v < }{@link Dataflow#valueBound()} ({@value #VALUE_BOUND} for the counting dataflows), a {@code C} one has none (the sending side writes exactly this,
 *       {@code DatasetTable}); no earlier observation has the same codes.</li>
 * </ol>
 * Partner-supplied text quoted in a reason is cut to {@value #QUOTED} characters.
 */
public final class DatasetValidator {
    /** Exclusive upper bound of an observation value: no monthly migration count comes near it. */
    public static final long VALUE_BOUND = Dataflow.COUNT_BOUND;
    static final String FREE = "F";
    static final String CONFIDENTIAL = "C";
    private static final int QUOTED = 40;

    private final int maxObservations;

    /** @param maxObservations most observations a dataset may carry (at least 1) */
    public DatasetValidator(int maxObservations) {
        if (maxObservations < 1) {
            throw new IllegalArgumentException("maxObservations must be at least 1, not " + maxObservations);
        }
        this.maxObservations = maxObservations;
    }

    public Verdict validate(ExchangeDataset d) {
        Optional<Dataflow<?>> found = Dataflows.find(d.getDataflow());
        if (found.isEmpty()) {
            return new Verdict(Reason.UNKNOWN_DATAFLOW, "dataflow '" + quoted(d.getDataflow())
                    + "' is not one this node accepts; accepted: " + Dataflows.ids());
        }
        Dataflow<?> dataflow = found.get();
        if (!dataflow.periodType().accepts(d.getPeriod())) {
            return new Verdict(Reason.INVALID_PERIOD, "period '" + quoted(d.getPeriod()) + "' is not a "
                    + dataflow.periodType().word() + "; accepted: " + dataflow.periodType().formatAndExample());
        }
        List<Observation> observations = d.getObservations();
        if (observations.size() > maxObservations) {
            return new Verdict(Reason.TOO_MANY_OBSERVATIONS, observations.size()
                    + " observations; accepted: at most " + maxObservations
                    + " (migrex.exchange.inbox.max-observations)");
        }
        List<String> ids = dataflow.dimensionIds();
        String definitionProblem = definitionProblem(d, ids);
        if (definitionProblem != null) {
            return new Verdict(Reason.INVALID_DEFINITION, definitionProblem + " of " + dataflow.id() + "; accepted: "
                    + ids);
        }
        String timeDimension = dataflow.timeDimension().id();
        Set<String> firstDimensions = null;
        Map<List<String>, Integer> seen = new HashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            Map<String, String> dimensions = o.getDimensions();
            String problem = null;
            if (dimensions == null || dimensions.isEmpty()) {
                problem = "has no dimensions; accepted: a subset of " + ids;
            } else {
                for (String id : dimensions.keySet()) {
                    if (!ids.contains(id)) {
                        problem = "dimension '" + quoted(id) + "' is not a dimension of " + dataflow.id()
                                + "; accepted: " + ids;
                        break;
                    }
                }
            }
            if (problem == null && firstDimensions == null) {
                firstDimensions = dimensions.keySet();
            } else if (problem == null && !firstDimensions.equals(dimensions.keySet())) {
                problem = "has dimensions " + inOrder(ids, dimensions.keySet()) + "; accepted: those of observation 1, "
                        + inOrder(ids, firstDimensions);
            }
            if (problem == null) {
                problem = codeProblem(dataflow, timeDimension, d.getPeriod(), dimensions);
            }
            if (problem == null) {
                problem = valueProblem(o, dataflow.valueBound());
            }
            if (problem == null) {
                List<String> coordinate = ids.stream().map(dimensions::get).toList();
                Integer earlier = seen.putIfAbsent(coordinate, i + 1);
                if (earlier != null) {
                    problem = "repeats the coordinate of observation " + earlier
                            + "; accepted: each coordinate once";
                }
            }
            if (problem != null) {
                return new Verdict(Reason.INVALID_OBSERVATION, "observation " + (i + 1) + " "
                        + describe(ids, dimensions) + ": " + problem);
            }
        }
        return Verdict.ok();
    }

    /** What the sender says its agreement keeps and filters must name the dataflow's dimensions (both optional). */
    private static String definitionProblem(ExchangeDataset d, List<String> ids) {
        if (d.getKeep() != null) {
            for (String kept : d.getKeep()) {
                if (kept == null || !ids.contains(kept)) {
                    return "keep names '" + quoted(String.valueOf(kept)) + "', which is not a dimension";
                }
            }
        }
        if (d.getFilter() != null) {
            for (var entry : d.getFilter().entrySet()) {
                if (!ids.contains(entry.getKey())) {
                    return "filter names '" + quoted(entry.getKey()) + "', which is not a dimension";
                }
                if (entry.getValue() == null || entry.getValue().isEmpty()) {
                    return "filter of " + entry.getKey() + " covers no code, which is not a filter";
                }
            }
        }
        return null;
    }

    private static String codeProblem(Dataflow<?> dataflow, String timeDimension, String period,
            Map<String, String> dimensions) {
        for (Dataflow.Dimension<?> dimension : dataflow.dimensions()) {
            String code = dimensions.get(dimension.id());
            if (code == null) {
                continue;
            }
            if (dimension.id().equals(timeDimension)) {
                if (!code.equals(period)) {
                    return dimension.id() + " '" + quoted(code) + "' is not the dataset's period; accepted: " + period;
                }
            } else if (!Dataflow.TOTAL.equals(code) && !dimension.accepts(code)) {
                if (dimension.textPattern() != null) {
                    return dimension.id() + " '" + quoted(code) + "' does not match " + dimension.textPattern()
                            + "; accepted: such an id or " + Dataflow.TOTAL;
                }
                String codelist = dimension.codelistId();
                return dimension.id() + " '" + quoted(code) + "' is not in " + codelist
                        + "; accepted: a code of " + codelist + " or " + Dataflow.TOTAL;
            }
        }
        return null;
    }

    private static String valueProblem(Observation o, long bound) {
        String status = o.getConfStatus();
        Long value = o.getValue();
        if (FREE.equals(status)) {
            if (value == null) {
                return "CONF_STATUS F without OBS_VALUE; accepted: a value, or CONF_STATUS C for a suppressed one";
            }
            if (value < 0 || value >= bound) {
                return "OBS_VALUE " + value + " is out of range; accepted: 0 to " + (bound - 1);
            }
            return null;
        }
        if (CONFIDENTIAL.equals(status)) {
            return value == null ? null
                    : "CONF_STATUS C with OBS_VALUE " + value + "; accepted: a confidential observation has no value";
        }
        return "CONF_STATUS '" + quoted(status) + "'; accepted: F (free) or C (confidential)";
    }

    /** {@code (FLOW=IMM, SEX=M, ...)} in dataflow order, ids the dataflow does not define last. */
    private static String describe(List<String> ids, Map<String, String> dimensions) {
        if (dimensions == null || dimensions.isEmpty()) {
            return "()";
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        ids.stream().filter(dimensions::containsKey).forEach(id -> ordered.put(id, dimensions.get(id)));
        dimensions.forEach(ordered::putIfAbsent);
        List<String> parts = new ArrayList<>();
        ordered.forEach((id, code) -> parts.add(quoted(id) + "=" + quoted(code)));
        return "(" + String.join(", ", parts) + ")";
    }

    private static List<String> inOrder(List<String> ids, Set<String> present) {
        return ids.stream().filter(present::contains).toList();
    }

    /** Partner-supplied text as a reason or log quotes it: at most {@value #QUOTED} characters. */
    static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
    }
}
