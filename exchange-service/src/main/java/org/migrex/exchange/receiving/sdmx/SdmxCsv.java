package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.CsvField;

import java.util.List;

/**
 * SDMX-CSV 2.0 data message (sdmx-twg/sdmx-csv, "Data Message Field Guide", aligned with SDMX 3.0), flavour
 * {@code labels=id}, {@code timeFormat=original}, {@code keys=none}.
 *
 * <p>Header: {@code STRUCTURE,STRUCTURE_ID,ACTION}, the dataflow's dimensions in DSD order, {@code OBS_VALUE},
 * {@code CONF_STATUS}. Each row: {@code dataflow}, its STRUCTURE_ID ({@code MIGREX:MIGR_FLOW(2.0)}), action {@code I} (information), the
 * codes, the count (empty when suppressed) and the confidentiality status. RFC 4180: comma separator, CRLF line ends,
 * fields quoted only when they contain a comma, a quote or a line break, or start like a spreadsheet formula
 * (see {@link CsvField#text}).
 */
public final class SdmxCsv {
    public static final String MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8";

    private SdmxCsv() {
    }

    /** Writes the observations of the dataflow in the order given. */
    public static String write(Dataflow<?> dataflow, List<SdmxObservation> observations) {
        StringBuilder out = new StringBuilder();
        out.append("STRUCTURE,STRUCTURE_ID,ACTION");
        for (String d : dataflow.dimensionIds()) {
            out.append(',').append(d);
        }
        out.append(",OBS_VALUE,CONF_STATUS\r\n");
        String structureId = field(dataflow.structureId());
        for (SdmxObservation o : observations) {
            out.append("dataflow,").append(structureId).append(",I");
            for (String d : dataflow.dimensionIds()) {
                out.append(',').append(field(o.code(d)));
            }
            out.append(',').append(o.value() == null ? "" : o.value().toString());
            out.append(',').append(field(o.confStatus())).append("\r\n");
        }
        return out.toString();
    }

    /** One text field, quoted as {@link CsvField#text} does (CSV injection included). */
    static String field(String value) {
        return CsvField.text(value);
    }
}
