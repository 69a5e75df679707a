package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Codelists;
import org.migrex.exchange.dataflow.Dataflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SDMX 3.0 REST data query on one dataflow: the {@code key} path parameter and the {@code c[COMPONENT]}
 * filters.
 *
 * <p>Key: dimension codes in DSD order separated by {@code .}; {@code *} or an empty part is a wildcard, parts left off
 * at the end are wildcards, {@code +} inside a part means OR (SDMX 2.1 style), and several keys separated by
 * {@code ,} are alternatives; {@code *} or {@code all} alone selects everything.
 *
 * <p>Filter {@code c[X]=...}: alternatives separated by {@code ,} (OR); each is a conjunction of terms separated by
 * {@code +} (AND; a space, which is what a form-decoded {@code +} becomes, counts as {@code +}); a term is
 * {@code [op:]value} with op one of eq, ne, lt, le, gt, ge, co, nc, sw, ew. Components: the dataflow's dimensions,
 * {@code OBS_VALUE} (compared as a number) and {@code CONF_STATUS}. On {@code TIME_PERIOD} a year {@code yyyy} stands
 * for its months: {@code ge:2025} means from 2025-01, {@code le:2025} up to 2025-12.
 */
public final class DataQuery {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_@$\\-]+");
    private static final Pattern FILTER_PARAM = Pattern.compile("c\\[([A-Za-z][A-Za-z0-9_\\-]*)]");
    private static final Pattern TERM = Pattern.compile("(?:(eq|ne|lt|le|gt|ge|co|nc|sw|ew):)?(.*)");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final String OBS_VALUE = "OBS_VALUE";
    private static final String CONF_STATUS = Codelists.CONF_STATUS;

    /** One key alternative: per dimension position, the accepted codes; an empty set is a wildcard. */
    private record KeyPattern(List<String> dimensions, List<Set<String>> parts) {
        boolean matches(SdmxObservation o) {
            for (int i = 0; i < parts.size(); i++) {
                Set<String> accepted = parts.get(i);
                if (!accepted.isEmpty() && !accepted.contains(o.code(dimensions.get(i)))) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Term(String op, String value) {
    }

    private final Dataflow<?> dataflow;
    private final List<KeyPattern> keys;
    private final Map<String, List<List<Term>>> filters;

    private DataQuery(Dataflow<?> dataflow, List<KeyPattern> keys, Map<String, List<List<Term>>> filters) {
        this.dataflow = dataflow;
        this.keys = keys;
        this.filters = filters;
    }

    /**
     * Parses a query.
     *
     * @param dataflow the dataflow queried: the key's parts and the filters' components are its dimensions
     * @param key    the key path parameter, or null/empty for all data
     * @param params every query parameter (only {@code c[...]} ones are read here)
     * @throws SdmxException 400 (SDMX code 140) naming the faulty part
     */
    public static DataQuery parse(Dataflow<?> dataflow, String key, Map<String, List<String>> params) {
        List<String> dimensions = dataflow.dimensionIds();
        Set<String> components = new java.util.HashSet<>(dimensions);
        components.add(OBS_VALUE);
        components.add(CONF_STATUS);
        List<KeyPattern> keys = new ArrayList<>();
        if (key != null && !key.isBlank() && !key.equals("*") && !key.equalsIgnoreCase("all")) {
            for (String alternative : key.split(",", -1)) {
                keys.add(parseKey(dataflow, alternative));
            }
        }
        Map<String, List<List<Term>>> filters = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((name, values) -> {
                Matcher m = FILTER_PARAM.matcher(name);
                if (!m.matches()) {
                    return;
                }
                String component = m.group(1);
                if (!components.contains(component)) {
                    throw SdmxException.syntax("filter " + name + ": unknown component '" + component
                            + "'; accepted: " + String.join(", ", dimensions) + ", OBS_VALUE, CONF_STATUS");
                }
                if (values.size() != 1) {
                    throw SdmxException.syntax("filter " + name + " may be given only once");
                }
                List<List<Term>> terms = parseFilter(name, values.getFirst());
                if (component.equals(OBS_VALUE)) {
                    requireNumbers(terms); // at parse time: a query over no observation must still be refused
                }
                filters.put(component, terms);
            });
        }
        return new DataQuery(dataflow, List.copyOf(keys), filters);
    }

    private static KeyPattern parseKey(Dataflow<?> dataflow, String key) {
        List<String> dimensions = dataflow.dimensionIds();
        String[] parts = key.split("\\.", -1);
        if (parts.length > dimensions.size()) {
            throw SdmxException.syntax("key '" + key + "' has " + parts.length + " parts; " + dataflow.id() + " has "
                    + dimensions.size() + " dimensions: " + String.join(".", dimensions));
        }
        List<Set<String>> accepted = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String part = i < parts.length ? parts[i] : "";
            if (part.isEmpty() || part.equals("*")) {
                accepted.add(Set.of());
                continue;
            }
            Set<String> codes = new java.util.LinkedHashSet<>();
            for (String code : part.split("\\+", -1)) {
                if (!CODE.matcher(code).matches()) {
                    throw SdmxException.syntax("key '" + key + "': part " + (i + 1) + " ("
                            + dimensions.get(i) + ") '" + part + "' is not a code or '*'");
                }
                codes.add(code);
            }
            accepted.add(Set.copyOf(codes));
        }
        return new KeyPattern(dimensions, List.copyOf(accepted));
    }

    private static void requireNumbers(List<List<Term>> terms) {
        for (List<Term> conjunction : terms) {
            for (Term t : conjunction) {
                try {
                    Double.parseDouble(t.value());
                } catch (NumberFormatException e) {
                    throw SdmxException.syntax("filter c[OBS_VALUE]: '" + t.value() + "' is not a number");
                }
            }
        }
    }

    private static List<List<Term>> parseFilter(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw SdmxException.syntax("filter " + name + " has no value");
        }
        List<List<Term>> alternatives = new ArrayList<>();
        for (String alternative : raw.split(",", -1)) {
            List<Term> conjunction = new ArrayList<>();
            for (String term : alternative.trim().split("[+ ]", -1)) {
                if (term.isEmpty()) {
                    throw SdmxException.syntax("filter " + name + "=" + raw + ": empty term");
                }
                Matcher m = TERM.matcher(term);
                if (!m.matches()) { // a line break in the value (found by DataQueryFuzzTest: it was a 500)
                    throw SdmxException.syntax("filter " + name + ": a term holds a line break; accepted: "
                            + "[eq|ne|lt|le|gt|ge|co|nc|sw|ew:]value, terms joined by '+' (and) or ',' (or)");
                }
                String value = m.group(2);
                if (value.isEmpty()) {
                    throw SdmxException.syntax("filter " + name + "=" + raw + ": term '" + term + "' has no value");
                }
                conjunction.add(new Term(m.group(1) == null ? "eq" : m.group(1), value));
            }
            alternatives.add(List.copyOf(conjunction));
        }
        return List.copyOf(alternatives);
    }

    /**
     * The same query with no selection on one dimension (its key part a wildcard, its filter dropped): what
     * availability's {@code mode=available} evaluates to find the codes that could still be added for it.
     */
    public DataQuery without(String dimension) {
        int i = dataflow.indexOf(dimension);
        List<KeyPattern> opened = new ArrayList<>();
        for (KeyPattern k : keys) {
            List<Set<String>> parts = new ArrayList<>(k.parts());
            if (i >= 0) {
                parts.set(i, Set.of());
            }
            opened.add(new KeyPattern(k.dimensions(), List.copyOf(parts)));
        }
        Map<String, List<List<Term>>> rest = new LinkedHashMap<>(filters);
        rest.remove(dimension);
        return new DataQuery(dataflow, List.copyOf(opened), rest);
    }

    /** Whether the observation is selected by the key (any alternative) and by every filter. */
    public boolean matches(SdmxObservation o) {
        if (!keys.isEmpty() && keys.stream().noneMatch(k -> k.matches(o))) {
            return false;
        }
        for (Map.Entry<String, List<List<Term>>> filter : filters.entrySet()) {
            String component = filter.getKey();
            boolean any = false;
            for (List<Term> conjunction : filter.getValue()) {
                if (conjunction.stream().allMatch(t -> test(component, o, t))) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /**
     * The codes a query can select for one dimension: empty when the dimension is open (wildcard or not constrained
     * by equality), else the union of the codes named by the key and by {@code eq} filters.
     */
    public Set<String> onlyCodesOf(String dimension) {
        int i = dataflow.indexOf(dimension);
        if (i < 0) {
            return Set.of(); // the dataflow lacks it: the query cannot constrain it
        }
        Set<String> fromKey = null;
        if (!keys.isEmpty()) {
            fromKey = new java.util.HashSet<>();
            for (KeyPattern k : keys) {
                if (k.parts().get(i).isEmpty()) {
                    fromKey = null;
                    break;
                }
                fromKey.addAll(k.parts().get(i));
            }
        }
        if (fromKey != null) {
            return Set.copyOf(fromKey);
        }
        List<List<Term>> filter = filters.get(dimension);
        if (filter != null && filter.stream().allMatch(c -> c.size() == 1 && c.getFirst().op().equals("eq"))) {
            Set<String> codes = new java.util.HashSet<>();
            filter.forEach(c -> codes.add(c.getFirst().value()));
            return Set.copyOf(codes);
        }
        return Set.of();
    }

    private static boolean test(String component, SdmxObservation o, Term t) {
        if (component.equals(OBS_VALUE)) {
            if (o.value() == null) {
                return t.op().equals("ne") || t.op().equals("nc");
            }
            double actual = o.value();
            double wanted;
            try {
                wanted = Double.parseDouble(t.value());
            } catch (NumberFormatException e) {
                throw SdmxException.syntax("filter c[OBS_VALUE]: '" + t.value() + "' is not a number");
            }
            return compare(t.op(), Double.compare(actual, wanted), String.valueOf(o.value()), t.value());
        }
        String actual = component.equals(CONF_STATUS) ? o.confStatus() : o.code(component);
        if (actual == null) {
            return false;
        }
        String wanted = t.value();
        if (component.equals(Dataflow.TIME_PERIOD) && YEAR.matcher(wanted).matches()) {
            wanted = switch (t.op()) {
                case "ge", "lt" -> wanted + "-01";
                case "le", "gt" -> wanted + "-12";
                default -> wanted;
            };
        }
        return compare(t.op(), actual.compareTo(wanted), actual, t.value());
    }

    private static boolean compare(String op, int cmp, String actual, String wanted) {
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "co" -> actual.contains(wanted);
            case "nc" -> !actual.contains(wanted);
            case "sw" -> actual.startsWith(wanted);
            case "ew" -> actual.endsWith(wanted);
            default -> throw SdmxException.syntax("unknown operator " + op);
        };
    }
}
