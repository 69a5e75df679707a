package org.migrex.exchange.receiving.sdmx;
import org.migrex.exchange.dataflow.Codelists;
import org.migrex.exchange.dataflow.Dataflow;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SDMX-JSON 2.0 messages (sdmx-twg/sdmx-json, schema {@code 2.0.0/sdmx-json-data-schema.json}) built as plain maps
 * and lists, ready for any JSON writer.
 *
 * <p>Data message: {@code meta} (schema, id, test, prepared, contentLanguages, sender), {@code data.structures[0]}
 * (links to the dataflow and DSD, {@code dimensions}, {@code measures}, {@code attributes}, {@code dataSets: [0]}) and
 * {@code data.dataSets[0]} (structure 0, action {@code Information}, links). Each observation is an array: the value
 * of {@code OBS_VALUE} ({@code null} when suppressed), then the index of its {@code CONF_STATUS} value in the
 * attribute's {@code values}. With {@code dimensionAtObservation=TIME_PERIOD} (the default) the other dimensions of
 * the dataflow form series keys ({@code "0:1:0:..."}, indexes into each dimension's {@code values}) and TIME_PERIOD is
 * at observation level; with {@code AllDimensions} the data set has flat {@code observations} keyed by all indexes.
 * Dimensions, names, code lists and links come from the one {@link Dataflow} definition.
 */
public final class SdmxJson {
    public static final String DATA_MEDIA_TYPE = "application/vnd.sdmx.data+json; version=2.0.0; charset=utf-8";
    public static final String STRUCTURE_MEDIA_TYPE = "application/vnd.sdmx.structure+json; version=2.0.0; charset=utf-8";
    public static final String DATA_SCHEMA =
            "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json";
    public static final String STRUCTURE_SCHEMA =
            "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/sdmx-json-structure-schema.json";
    public static final String ALL_DIMENSIONS = "AllDimensions";

    private SdmxJson() {
    }

    /** The {@code meta} object of a message sent by this node. */
    public static Map<String, Object> meta(String schema, String senderNode, Instant prepared) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("schema", schema);
        meta.put("id", "MIGREX-" + UUID.randomUUID());
        meta.put("test", false);
        meta.put("prepared", DateTimeFormatter.ISO_INSTANT.format(prepared));
        meta.put("contentLanguages", List.of("en"));
        meta.put("sender", Map.of("id", senderNode));
        return meta;
    }

    /** An error message: {@code {"meta": ..., "errors": [{"code", "title", "detail"}]}}. */
    public static Map<String, Object> error(String senderNode, int code, String title, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("title", title);
        error.put("detail", detail);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(DATA_SCHEMA, senderNode, Instant.now()));
        message.put("errors", List.of(error));
        return message;
    }

    /** Which components a data message carries ({@code measures} and {@code attributes} of a data query). */
    public record Components(boolean measure, boolean confStatus) {
        public static final Components ALL = new Components(true, true);
    }

    /**
     * One data set of a message: its SDMX action ({@code Information}, {@code Replace} or {@code Delete}), the period
     * its content was valid in (both null when not a revision history) and its observations.
     */
    public record DataSet(String action, Instant validFrom, Instant validTo, List<SdmxObservation> observations) {
        public static DataSet information(List<SdmxObservation> observations) {
            return new DataSet("Information", null, null, observations);
        }
    }

    /**
     * A data message with the given observations, in one {@code Information} data set, every component.
     *
     * @param dimensionAtObservation {@code TIME_PERIOD} (series) or {@code AllDimensions} (flat)
     */
    public static Map<String, Object> data(Dataflow<?> dataflow, String senderNode, Instant prepared,
                                           List<SdmxObservation> observations, String dimensionAtObservation) {
        return data(dataflow, senderNode, prepared, List.of(DataSet.information(observations)), dimensionAtObservation,
                Components.ALL);
    }

    /**
     * A data message with one structure and the given data sets (a revision history has one per revision, an
     * {@code updatedAfter} answer a {@code Replace} and a {@code Delete} one). The structure's dimension values are
     * those of every data set together, so an index means the same code in each.
     *
     * @param dimensionAtObservation {@code TIME_PERIOD} (series) or {@code AllDimensions} (flat)
     * @param components whether observations carry OBS_VALUE and CONF_STATUS (an observation's array is the value,
     *                   then the attribute index, each only when carried)
     */
    public static Map<String, Object> data(Dataflow<?> dataflow, String senderNode, Instant prepared,
                                           List<DataSet> dataSets, String dimensionAtObservation,
                                           Components components) {
        boolean flat = ALL_DIMENSIONS.equals(dimensionAtObservation);
        List<SdmxObservation> observations = dataSets.stream().flatMap(ds -> ds.observations().stream()).toList();
        List<String> dims = dataflow.dimensionIds();
        Map<String, List<String>> valuesByDim = new LinkedHashMap<>();
        for (String d : dims) {
            Comparator<String> order = d.equals(Dataflow.TIME_PERIOD)
                    ? Comparator.naturalOrder() : dataflow.codeOrder(d);
            TreeSet<String> codes = new TreeSet<>(order);
            observations.forEach(o -> codes.add(o.code(d)));
            valuesByDim.put(d, List.copyOf(codes));
        }
        List<String> confValues = new ArrayList<>();
        for (String c : List.of("F", "C")) {
            if (observations.stream().anyMatch(o -> o.confStatus().equals(c))) {
                confValues.add(c);
            }
        }
        observations.stream().map(SdmxObservation::confStatus).filter(c -> !confValues.contains(c)).distinct()
                .forEach(confValues::add);

        List<Map<String, Object>> seriesDims = new ArrayList<>();
        List<Map<String, Object>> obsDims = new ArrayList<>();
        for (int position = 0; position < dims.size(); position++) {
            Dataflow.Dimension<?> d = dataflow.dimensions().get(position);
            Map<String, Object> component = dimension(dataflow, d, position, valuesByDim.get(d.id()));
            if (flat || d.id().equals(Dataflow.TIME_PERIOD)) {
                obsDims.add(component);
            } else {
                seriesDims.add(component);
            }
        }
        Map<String, Object> dimensions = new LinkedHashMap<>();
        dimensions.put("dataSet", List.of());
        dimensions.put("series", seriesDims);
        dimensions.put("observation", obsDims);

        Map<String, Object> measure = new LinkedHashMap<>();
        measure.put("id", dataflow.measure());
        measure.put("name", "Observation value (number of " + dataflow.unitOfCount() + ")");
        measure.put("roles", List.of("OBS_VALUE"));

        Map<String, Object> confStatus = new LinkedHashMap<>();
        confStatus.put("id", Codelists.CONF_STATUS);
        confStatus.put("name", "Confidentiality status");
        confStatus.put("roles", List.of("CONF_STATUS"));
        confStatus.put("relationship", Map.of("observation", Map.of()));
        confStatus.put("values", confValues.stream()
                .map(c -> code(c, Codelists.find(Codelists.CL_CONF_STATUS).orElseThrow().codes().stream()
                        .filter(x -> x.id().equals(c)).map(Codelists.Code::name).findFirst().orElse(c)))
                .toList());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("dataSet", List.of());
        attributes.put("series", List.of());
        attributes.put("observation", components.confStatus() ? List.of(confStatus) : List.of());

        Map<String, Object> structure = new LinkedHashMap<>();
        structure.put("name", dataflow.name());
        structure.put("names", Map.of("en", dataflow.name()));
        structure.put("links", List.of(
                link(dataflow.dataflowUrn(), "dataflow"),
                link(dataflow.dsdUrn(), "datastructure")));
        structure.put("dimensions", dimensions);
        structure.put("measures", Map.of("observation", components.measure() ? List.of(measure) : List.of()));
        structure.put("attributes", attributes);
        List<Integer> dataSetIndexes = new ArrayList<>();
        for (int i = 0; i < dataSets.size(); i++) {
            dataSetIndexes.add(i);
        }
        structure.put("dataSets", dataSetIndexes);

        List<Map<String, Object>> sets = new ArrayList<>();
        for (DataSet part : dataSets) {
            Map<String, Object> dataSet = new LinkedHashMap<>();
            dataSet.put("structure", 0);
            dataSet.put("action", part.action());
            if (part.validFrom() != null) {
                dataSet.put("validFrom", DateTimeFormatter.ISO_INSTANT.format(part.validFrom()));
            }
            if (part.validTo() != null) {
                dataSet.put("validTo", DateTimeFormatter.ISO_INSTANT.format(part.validTo()));
            }
            dataSet.put("links", List.of(link(dataflow.dataflowUrn(), "dataflow")));
            if (flat) {
                Map<String, Object> obs = new LinkedHashMap<>();
                for (SdmxObservation o : part.observations()) {
                    obs.put(index(o, dims, valuesByDim), observationValue(o, confValues, components));
                }
                dataSet.put("observations", obs);
            } else {
                List<String> seriesDimIds = dims.subList(0, dims.size() - 1);
                Map<String, Map<String, Object>> series = new LinkedHashMap<>();
                for (SdmxObservation o : part.observations()) {
                    String seriesKey = index(o, seriesDimIds, valuesByDim);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> obs = (Map<String, Object>) series.computeIfAbsent(seriesKey, k -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("attributes", List.of());
                        s.put("observations", new LinkedHashMap<String, Object>());
                        return s;
                    }).get("observations");
                    String timeIndex = String.valueOf(valuesByDim.get(Dataflow.TIME_PERIOD)
                            .indexOf(o.code(Dataflow.TIME_PERIOD)));
                    obs.put(timeIndex, observationValue(o, confValues, components));
                }
                dataSet.put("series", series);
            }
            sets.add(dataSet);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("structures", List.of(structure));
        data.put("dataSets", sets);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(DATA_SCHEMA, senderNode, prepared));
        message.put("data", data);
        return message;
    }

    private static String index(SdmxObservation o, List<String> dims, Map<String, List<String>> valuesByDim) {
        return dims.stream().map(d -> String.valueOf(valuesByDim.get(d).indexOf(o.code(d))))
                .collect(Collectors.joining(":"));
    }

    private static List<Object> observationValue(SdmxObservation o, List<String> confValues, Components components) {
        List<Object> value = new ArrayList<>(2);
        if (components.measure()) {
            value.add(o.value());
        }
        if (components.confStatus()) {
            value.add(confValues.indexOf(o.confStatus()));
        }
        return value;
    }

    private static Map<String, Object> dimension(Dataflow<?> dataflow, Dataflow.Dimension<?> d, int position,
                                                 List<String> codes) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("id", d.id());
        component.put("name", d.name());
        component.put("keyPosition", position);
        if (d.id().equals("REF_AREA") || d.id().equals(Dataflow.TIME_PERIOD)) {
            component.put("roles", List.of(d.id()));
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (String c : codes) {
            if (d.id().equals(Dataflow.TIME_PERIOD)) {
                values.add(period(c));
            } else {
                values.add(code(c, dataflow.codeName(d.id(), c)));
            }
        }
        component.put("values", values);
        return component;
    }

    private static Map<String, Object> code(String id, String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", name);
        v.put("names", Map.of("en", name));
        return v;
    }

    private static Map<String, Object> period(String id) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", id);
        try {
            org.migrex.exchange.dataflow.PeriodType type = org.migrex.exchange.dataflow.PeriodType.ofPeriod("period", id);
            v.put("start", DateTimeFormatter.ISO_INSTANT.format(type.start(id)));
            v.put("end", DateTimeFormatter.ISO_INSTANT.format(type.end(id).minusMillis(1)));
        } catch (IllegalArgumentException notAPeriod) {
            // other period formats are passed through without start/end
        }
        return v;
    }

    static Map<String, Object> link(String urn, String rel) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("urn", urn);
        link.put("rel", rel);
        return link;
    }

    /** Structure message with the dataflows' data structure definitions (and, when asked, the code lists they use). */
    public static Map<String, Object> dataStructure(List<Dataflow<?>> dataflows, String senderNode,
                                                    boolean withCodelists) {
        List<Map<String, Object>> dsds = new ArrayList<>();
        List<Codelists.Codelist> used = new ArrayList<>();
        for (Dataflow<?> dataflow : dataflows) {
            dsds.add(dsd(dataflow));
            dataflow.codelists().stream().filter(cl -> !used.contains(cl)).forEach(used::add);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataStructures", dsds);
        if (withCodelists) {
            data.put("codelists", Codelists.all().stream().filter(used::contains).map(SdmxJson::codelist).toList());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(STRUCTURE_SCHEMA, senderNode, Instant.now()));
        message.put("data", data);
        return message;
    }

    /** Structure message with one dataflow's data structure definition (and, when asked, its code lists). */
    public static Map<String, Object> dataStructure(Dataflow<?> dataflow, String senderNode, boolean withCodelists) {
        return dataStructure(List.of(dataflow), senderNode, withCodelists);
    }

    /** The {@code dataflows[]} entry of a dataflow: its id, name and the DSD it uses. */
    public static Map<String, Object> dataflowArtefact(Dataflow<?> dataflow) {
        Map<String, Object> flow = artefact(dataflow, dataflow.id(), dataflow.name());
        flow.put("links", List.of(link(dataflow.dataflowUrn(), "self")));
        flow.put("structure", dataflow.dsdUrn());
        return flow;
    }

    private static Map<String, Object> dsd(Dataflow<?> dataflow) {
        List<Map<String, Object>> dimensions = new ArrayList<>();
        List<Map<String, Object>> timeDimensions = new ArrayList<>();
        for (int position = 0; position < dataflow.dimensions().size(); position++) {
            Dataflow.Dimension<?> d = dataflow.dimensions().get(position);
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("id", d.id());
            dim.put("position", position);
            dim.put("conceptIdentity", Codelists.conceptUrn(d.id()));
            if (d.isTime()) {
                dim.put("type", "TimeDimension");
                dim.put("localRepresentation", Map.of("format", Map.of("dataType", "ObservationalTimePeriod")));
                timeDimensions.add(dim);
            } else if (d.codelistId() == null) {
                dim.put("type", "Dimension");
                dim.put("localRepresentation", Map.of("format", Map.of("dataType", "String",
                        "pattern", d.textPattern())));
                dimensions.add(dim);
            } else {
                dim.put("type", "Dimension");
                dim.put("localRepresentation", Map.of("enumeration", Codelists.codelistUrn(d.codelistId())));
                dimensions.add(dim);
            }
        }
        Map<String, Object> dimensionList = new LinkedHashMap<>();
        dimensionList.put("id", "DimensionDescriptor");
        dimensionList.put("dimensions", dimensions);
        dimensionList.put("timeDimensions", timeDimensions);

        Map<String, Object> confStatus = new LinkedHashMap<>();
        confStatus.put("id", Codelists.CONF_STATUS);
        confStatus.put("usage", "mandatory");
        confStatus.put("attributeRelationship", Map.of("observation", Map.of()));
        confStatus.put("conceptIdentity", Codelists.conceptUrn(Codelists.CONF_STATUS));
        confStatus.put("localRepresentation", Map.of("enumeration", Codelists.codelistUrn(Codelists.CL_CONF_STATUS)));
        Map<String, Object> attributeList = new LinkedHashMap<>();
        attributeList.put("id", "AttributeDescriptor");
        attributeList.put("attributes", List.of(confStatus));

        Map<String, Object> obsValue = new LinkedHashMap<>();
        obsValue.put("id", dataflow.measure());
        obsValue.put("usage", "optional");
        obsValue.put("conceptIdentity", Codelists.conceptUrn(dataflow.measure()));
        obsValue.put("localRepresentation", Map.of("format", Map.of("dataType", "Long")));
        Map<String, Object> measureList = new LinkedHashMap<>();
        measureList.put("id", "MeasureDescriptor");
        measureList.put("measures", List.of(obsValue));

        Map<String, Object> components = new LinkedHashMap<>();
        components.put("attributeList", attributeList);
        components.put("dimensionList", dimensionList);
        components.put("measureList", measureList);

        Map<String, Object> dsd = artefact(dataflow, dataflow.id(), dataflow.name() + " (" + dataflow.id() + ")");
        dsd.put("links", List.of(link(dataflow.dsdUrn(), "self")));
        dsd.put("dataStructureComponents", components);
        return dsd;
    }

    /** What an availability answer holds for one dataflow: the cube region with data, and its metrics. */
    public record Availability(Dataflow<?> dataflow, Map<String, List<String>> cubeRegion, long obsCount,
                               long seriesCount) {
    }

    /**
     * The answer to an availability query (SDMX REST v2 {@code /availability}): a structure message whose
     * {@code dataConstraints} hold, per dataflow, one {@code Actual} constraint attached to the dataflow with one
     * included cube region (the codes per dimension, {@code {"value": code}}, in code-list order, periods
     * chronologically) and the metrics as annotations {@code obs_count} and {@code series_count}, as SDMX 3.0's
     * availability constraint carries them. With references, the dataflows, their DSDs and the code lists they use
     * follow; a code list then holds only the codes in the cube region ({@code isPartial} true).
     *
     * @param references any of {@code dataflow}, {@code datastructure}, {@code codelist}
     */
    public static Map<String, Object> availability(String senderNode, Instant prepared, List<Availability> answers,
                                                   String mode, java.util.Set<String> references) {
        List<Map<String, Object>> constraints = new ArrayList<>();
        for (Availability a : answers) {
            Dataflow<?> dataflow = a.dataflow();
            Map<String, Object> constraint = artefact(dataflow.agency(), "1.0", dataflow.id() + "_AVAILABILITY",
                    "Data available in " + dataflow.id() + " (" + mode + ")");
            constraint.put("annotations", List.of(
                    annotation("obs_count", a.obsCount()),
                    annotation("series_count", a.seriesCount()),
                    annotation("mode", mode)));
            constraint.put("role", "Actual");
            constraint.put("constraintAttachment", Map.of("dataflows", List.of(dataflow.dataflowUrn())));
            List<Map<String, Object>> keyValues = new ArrayList<>();
            a.cubeRegion().forEach((dimension, codes) -> {
                Map<String, Object> kv = new LinkedHashMap<>();
                kv.put("id", dimension);
                kv.put("values", codes.stream().map(c -> Map.of("value", c)).toList());
                keyValues.add(kv);
            });
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("include", true);
            region.put("keyValues", keyValues);
            constraint.put("cubeRegions", List.of(region));
            constraints.add(constraint);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataConstraints", constraints);
        List<Dataflow<?>> dataflows = answers.stream().<Dataflow<?>>map(Availability::dataflow).toList();
        if (references.contains("dataflow")) {
            data.put("dataflows", dataflows.stream().map(SdmxJson::dataflowArtefact).toList());
        }
        if (references.contains("datastructure")) {
            data.put("dataStructures", dataflows.stream().map(SdmxJson::dsd).toList());
        }
        if (references.contains("codelist")) {
            Map<String, java.util.Set<String>> usedCodes = new LinkedHashMap<>();
            for (Availability a : answers) {
                for (Dataflow.Dimension<?> d : a.dataflow().dimensions()) {
                    if (d.codelistId() != null && a.cubeRegion().containsKey(d.id())) {
                        usedCodes.computeIfAbsent(d.codelistId(), k -> new java.util.HashSet<>())
                                .addAll(a.cubeRegion().get(d.id()));
                    }
                }
            }
            data.put("codelists", Codelists.all().stream().filter(cl -> usedCodes.containsKey(cl.id()))
                    .map(cl -> codelist(cl, usedCodes.get(cl.id())::contains)).toList());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(STRUCTURE_SCHEMA, senderNode, prepared));
        message.put("data", data);
        return message;
    }

    private static Map<String, Object> annotation(String id, Object title) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("title", String.valueOf(title));
        return a;
    }

    /** Structure message with one code list, or only its codes that {@code keep} accepts (then partial). */
    public static Map<String, Object> codelistMessage(String senderNode, Codelists.Codelist codelist,
                                                      java.util.function.Predicate<String> keep) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(STRUCTURE_SCHEMA, senderNode, Instant.now()));
        message.put("data", Map.of("codelists", List.of(codelist(codelist, keep))));
        return message;
    }

    /** Structure message with one code list. */
    public static Map<String, Object> codelistMessage(String senderNode, Codelists.Codelist codelist) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", meta(STRUCTURE_SCHEMA, senderNode, Instant.now()));
        message.put("data", Map.of("codelists", List.of(codelist(codelist))));
        return message;
    }

    private static Map<String, Object> codelist(Codelists.Codelist cl) {
        return codelist(cl, null);
    }

    /** A code list with every code ({@code keep} null) or only the codes {@code keep} accepts ({@code isPartial}). */
    private static Map<String, Object> codelist(Codelists.Codelist cl, java.util.function.Predicate<String> keep) {
        Map<String, Object> out = artefact(Codelists.AGENCY, Codelists.VERSION, cl.id(), cl.name());
        out.put("links", List.of(link(Codelists.codelistUrn(cl.id()), "self")));
        out.put("isPartial", keep != null);
        out.put("codes", cl.codes().stream().filter(c -> keep == null || keep.test(c.id()))
                .map(c -> code(c.id(), c.name())).toList());
        return out;
    }

    private static Map<String, Object> artefact(Dataflow<?> dataflow, String id, String name) {
        return artefact(dataflow.agency(), dataflow.version(), id, name);
    }

    private static Map<String, Object> artefact(String agency, String version, String id, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("agencyID", agency);
        out.put("version", version);
        out.put("isExternalReference", false);
        out.put("name", name);
        out.put("names", Map.of("en", name));
        return out;
    }
}
