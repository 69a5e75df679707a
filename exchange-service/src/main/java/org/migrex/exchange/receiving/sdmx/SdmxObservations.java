package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Dataflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;

/**
 * Turns this node's cube cells and the datasets it received into observations of one dataflow with all its
 * dimensions.
 *
 * <p>Own cells: their dimension codes as they are ({@code REF_AREA} = this node), {@code CONF_STATUS} F (unsuppressed).
 * Received datasets: {@code REF_AREA} = the sender (the partner's figures are about its own territory),
 * {@code COUNTERPART_AREA} = the receiver (this node) unless the cell names one, {@code TIME_PERIOD} = the dataset's
 * period unless the cell names one, and {@code _T} for every dimension the agreement totalled out.
 */
public final class SdmxObservations {
    private SdmxObservations() {
    }

    /** This node's cells of the dataflow (others are left out), each with its {@code updatedAt}. */
    public static List<SdmxObservation> own(Dataflow<?> dataflow, String node, Collection<MigrationAggregate> cells) {
        return own(dataflow, node, cells, false);
    }

    /**
     * This node's cells of the dataflow whose count fell to 0 (every unit left them): observations deleted at
     * {@code updatedAt}, with no value. {@code updatedAfter} reports them in a {@code Delete} dataset.
     */
    public static List<SdmxObservation> ownDeleted(Dataflow<?> dataflow, String node,
                                                   Collection<MigrationAggregate> cells) {
        return own(dataflow, node, cells, true);
    }

    private static List<SdmxObservation> own(Dataflow<?> dataflow, String node, Collection<MigrationAggregate> cells,
                                             boolean deleted) {
        List<SdmxObservation> out = new ArrayList<>();
        for (MigrationAggregate c : cells) {
            if (!dataflow.id().equals(c.getDataflow()) || (c.getCount() <= 0) != deleted) {
                continue;
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String d : dataflow.dimensionIds()) {
                String code = c.getDimensions().get(d);
                key.put(d, code != null ? code : d.equals("REF_AREA") ? node : "_U");
            }
            out.add(new SdmxObservation(key, deleted ? null : c.getCount(), "F", c.getUpdatedAt()));
        }
        return out;
    }

    /**
     * The observations of the received datasets of the dataflow (others are left out); {@code updatedAt} is the
     * revision's {@code generatedAt}, the instant the sender produced it (a dataset does not say which of its cells a
     * revision changed, so every cell of a revision counts as changed with it).
     */
    public static List<SdmxObservation> received(Dataflow<?> dataflow, Collection<ExchangeDataset> datasets) {
        List<SdmxObservation> out = new ArrayList<>();
        for (ExchangeDataset ds : datasets) {
            if (!dataflow.id().equals(ds.getDataflow())) {
                continue;
            }
            for (Observation o : ds.getObservations()) {
                Map<String, String> key = new LinkedHashMap<>();
                for (String d : dataflow.dimensionIds()) {
                    String code = o.getDimensions().get(d);
                    if (code == null) {
                        code = switch (d) {
                            case "REF_AREA" -> ds.getSender();
                            case "COUNTERPART_AREA" -> ds.getReceiver();
                            case Dataflow.TIME_PERIOD -> ds.getPeriod();
                            default -> Dataflow.TOTAL;
                        };
                    }
                    key.put(d, code);
                }
                out.add(new SdmxObservation(key, o.getValue(), o.getConfStatus(), ds.getGeneratedAt()));
            }
        }
        return out;
    }

    /**
     * Rule for {@code firstNObservations} / {@code lastNObservations}: within each series (the codes of every
     * dimension but TIME_PERIOD), keep the {@code first} earliest and the {@code last} latest periods (either null: no
     * limit on that side; both given: the union). The order of the input is kept.
     */
    public static List<SdmxObservation> limitPerSeries(Dataflow<?> dataflow, List<SdmxObservation> observations,
                                                       Integer first, Integer last) {
        if (first == null && last == null) {
            return observations;
        }
        List<String> seriesDims = dataflow.dimensionIds().stream().filter(d -> !d.equals(Dataflow.TIME_PERIOD)).toList();
        Map<List<String>, java.util.TreeSet<String>> periods = new LinkedHashMap<>();
        for (SdmxObservation o : observations) {
            periods.computeIfAbsent(seriesDims.stream().map(o::code).toList(), k -> new java.util.TreeSet<>())
                    .add(o.code(Dataflow.TIME_PERIOD));
        }
        Map<List<String>, java.util.Set<String>> kept = new LinkedHashMap<>();
        periods.forEach((series, all) -> {
            java.util.Set<String> keep = new java.util.HashSet<>();
            if (first != null) {
                all.stream().limit(first).forEach(keep::add);
            }
            if (last != null) {
                all.descendingSet().stream().limit(last).forEach(keep::add);
            }
            kept.put(series, keep);
        });
        return observations.stream().filter(o -> kept.get(seriesDims.stream().map(o::code).toList())
                .contains(o.code(Dataflow.TIME_PERIOD))).toList();
    }

    /** Orders observations by their dimensions in DSD order, codes in code-list order, periods chronologically. */
    public static Comparator<SdmxObservation> dsdOrder(Dataflow<?> dataflow) {
        Comparator<SdmxObservation> order = null;
        for (String d : dataflow.dimensionIds()) {
            Comparator<String> codes = d.equals(Dataflow.TIME_PERIOD)
                    ? Comparator.naturalOrder() : dataflow.codeOrder(d);
            Comparator<SdmxObservation> next = Comparator.comparing(o -> o.code(d), codes);
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }
}
