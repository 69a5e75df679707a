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

    /** This node's cells of the dataflow (others are left out). */
    public static List<SdmxObservation> own(Dataflow<?> dataflow, String node, Collection<MigrationAggregate> cells) {
        List<SdmxObservation> out = new ArrayList<>();
        for (MigrationAggregate c : cells) {
            if (!dataflow.id().equals(c.getDataflow()) || c.getCount() <= 0) {
                continue;
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String d : dataflow.dimensionIds()) {
                String code = c.getDimensions().get(d);
                key.put(d, code != null ? code : d.equals("REF_AREA") ? node : "_U");
            }
            out.add(new SdmxObservation(key, c.getCount(), "F"));
        }
        return out;
    }

    /** The observations of the received datasets of the dataflow (others are left out). */
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
                out.add(new SdmxObservation(key, o.getValue(), o.getConfStatus()));
            }
        }
        return out;
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
