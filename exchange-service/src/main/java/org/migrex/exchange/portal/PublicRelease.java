package org.migrex.exchange.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;
import org.migrex.exchange.sending.cube.PublishedTable;

/**
 * What this node released for publication (agreements with the pseudo-partner {@code PUBLIC}), as SDMX observations:
 * for each (agreement, period) the newest delivered revision only, exactly as it went out after disclosure control.
 *
 * <p>Rule per cell of that revision: a suppressed cell is {@code CONF_STATUS C} with no value; any other cell with a
 * positive count is {@code F} with its count (a cell of count 0 is not an observation: a missing observation is a
 * zero, as in a delivered dataset). Dimensions: the kept ones from the cell, {@code REF_AREA} = this node,
 * {@code TIME_PERIOD} = the period, {@code _T} for every dimension the agreement totalled out. The true count of a
 * suppressed cell, which {@link PublishedTable} keeps for the audit, never reaches an observation.
 */
public final class PublicRelease {
    private PublicRelease() {
    }

    /** The released observations of the dataflow from the published tables of its PUBLIC agreements. */
    public static List<SdmxObservation> observations(Dataflow<?> dataflow, String node,
            Collection<PublishedTable> tables) {
        Map<String, PublishedTable> newest = new TreeMap<>();
        for (PublishedTable t : tables) {
            newest.merge(t.agreementId() + "|" + t.period(), t, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        List<SdmxObservation> out = new ArrayList<>();
        for (PublishedTable t : newest.values()) {
            for (Map.Entry<List<String>, Long> cell : t.counts().entrySet()) {
                boolean suppressed = t.suppressed().contains(cell.getKey());
                if (!suppressed && cell.getValue() <= 0) {
                    continue;
                }
                Map<String, String> key = new LinkedHashMap<>();
                for (String d : dataflow.dimensionIds()) {
                    int kept = t.dimensions().indexOf(d);
                    key.put(d, kept >= 0 ? cell.getKey().get(kept)
                            : d.equals("REF_AREA") ? node : d.equals(Dataflow.TIME_PERIOD) ? t.period() : Dataflow.TOTAL);
                }
                out.add(suppressed ? new SdmxObservation(key, null, "C")
                        : new SdmxObservation(key, cell.getValue(), "F"));
            }
        }
        return out;
    }
}
