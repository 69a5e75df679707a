package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.CsvField;

import java.util.List;

/**
 * SDMX-CSV 2.0 data message (sdmx-twg/sdmx-csv, "Data Message Field Guide", aligned with SDMX 3.0), flavour
 * {@code labels=id}, {@code timeFormat=original}, {@code keys=none}.
 *
 * <p>Header: {@code STRUCTURE,STRUCTURE_ID,ACTION}, the dataflow's dimensions in DSD order, {@code OBS_VALUE},
 * {@code CONF_STATUS} (each of the last two only when the query's {@code measures} / {@code attributes} keep it). Each
 * row: {@code dataflow}, its STRUCTURE_ID ({@code MIGREX:MIGR_FLOW(2.0)}), its data set's action ({@code I}
 * information, {@code R} replace, {@code D} delete), the codes, the count (empty when suppressed) and the
 * confidentiality status. SDMX-CSV has no field for a data set's validity, so a revision history is not written here. RFC 4180: comma separator, CRLF line ends,
 * fields quoted only when they contain a comma, a quote or a line break, or start like a spreadsheet formula
 * (see {@link CsvField#text}).
 */
public final class SdmxCsv {
    public static final String MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8";

    private SdmxCsv() {
    }

    /** Writes the observations of the dataflow in the order given, action I, every component. */
    public static String write(Dataflow<?> dataflow, List<SdmxObservation> observations) {
        return write(dataflow, List.of(SdmxJson.DataSet.information(observations)), SdmxJson.Components.ALL);
    }

    /** Writes the data sets' observations in the order given, each row with its data set's action. */
    public static String write(Dataflow<?> dataflow, List<SdmxJson.DataSet> dataSets, SdmxJson.Components components) {
        StringBuilder out = new StringBuilder();
        out.append("STRUCTURE,STRUCTURE_ID,ACTION");
        for (String d : dataflow.dimensionIds()) {
            out.append(',').append(d);
        }
        out.append(components.measure() ? ",OBS_VALUE" : "").append(components.confStatus() ? ",CONF_STATUS" : "")
                .append("\r\n");
        String structureId = field(dataflow.structureId());
        for (SdmxJson.DataSet dataSet : dataSets) {
            String action = dataSet.action().substring(0, 1); // Information, Replace, Delete: I, R, D
            for (SdmxObservation o : dataSet.observations()) {
                out.append("dataflow,").append(structureId).append(',').append(action);
                for (String d : dataflow.dimensionIds()) {
                    out.append(',').append(field(o.code(d)));
                }
                if (components.measure()) {
                    out.append(',').append(o.value() == null ? "" : o.value().toString());
                }
                if (components.confStatus()) {
                    out.append(',').append(field(o.confStatus()));
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    /** One text field, quoted as {@link CsvField#text} does (CSV injection included). */
    static String field(String value) {
        return CsvField.text(value);
    }
}
