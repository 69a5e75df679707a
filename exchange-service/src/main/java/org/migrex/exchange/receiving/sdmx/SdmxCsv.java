package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.MigrFlowStructure;

import java.util.List;

/**
 * SDMX-CSV 2.0 data message (sdmx-twg/sdmx-csv, "Data Message Field Guide", aligned with SDMX 3.0), flavour
 * {@code labels=id}, {@code timeFormat=original}, {@code keys=none}.
 *
 * <p>Header: {@code STRUCTURE,STRUCTURE_ID,ACTION}, the nine dimensions in DSD order, {@code OBS_VALUE},
 * {@code CONF_STATUS}. Each row: {@code dataflow}, {@code MIGREX:MIGR_FLOW(1.0)}, action {@code I} (information), the
 * codes, the count (empty when suppressed) and the confidentiality status. RFC 4180: comma separator, CRLF line ends,
 * fields quoted only when they contain a comma, a quote or a line break, or start like a spreadsheet formula
 * (see {@link #field}).
 */
public final class SdmxCsv {
    public static final String MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8";

    private SdmxCsv() {
    }

    /** Writes the observations in the order given. */
    public static String write(List<SdmxObservation> observations) {
        StringBuilder out = new StringBuilder();
        out.append("STRUCTURE,STRUCTURE_ID,ACTION");
        for (String d : MigrFlowStructure.DIMENSIONS) {
            out.append(',').append(d);
        }
        out.append(",OBS_VALUE,CONF_STATUS\r\n");
        String structureId = field(MigrFlowStructure.structureId());
        for (SdmxObservation o : observations) {
            out.append("dataflow,").append(structureId).append(",I");
            for (String d : MigrFlowStructure.DIMENSIONS) {
                out.append(',').append(field(o.code(d)));
            }
            out.append(',').append(o.value() == null ? "" : o.value().toString());
            out.append(',').append(field(o.confStatus())).append("\r\n");
        }
        return out.toString();
    }

    /**
     * One text field. Codes come from partners' datasets as well as from this node, and a statistician opens the file
     * in a spreadsheet: a field starting with {@code = + - @}, a tab or a carriage return would run there as a formula
     * (CSV injection), so it is written quoted with a leading apostrophe, which spreadsheets show as text. No valid
     * SDMX code starts with one of those characters, so valid data never changes.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
