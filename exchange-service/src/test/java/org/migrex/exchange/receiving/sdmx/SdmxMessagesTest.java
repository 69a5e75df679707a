package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Codelists;
import org.migrex.exchange.dataflow.Dataflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrex.exchange.receiving.sdmx.DataQueryTest.obs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SDMX-CSV 2.0 and SDMX-JSON 2.0 messages checked field by field against the specifications' examples
 * (sdmx-twg/sdmx-csv "Data Message Field Guide", ordinary case: {@code STRUCTURE,STRUCTURE_ID,ACTION,DIM...,OBS_VALUE,
 * ATTR...} / {@code dataflow,ESTAT:NA_MAIN(1.6.0),I,...}; sdmx-twg/sdmx-json 2.0.0 data schema and the exr samples:
 * {@code data.structures[].dimensions.{dataSet,series,observation}}, {@code keyPosition}, {@code measures.observation},
 * {@code attributes.observation[].relationship.observation}, {@code dataSets[].structure/action/links},
 * {@code series["0:0"].observations["0"] = [value, attributeIndex]}).
 */
class SdmxMessagesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<SdmxObservation> TWO = List.of(
            obs("KAZ", "IMM", "M", "2025-01", 12L, "F"),
            obs("KAZ", "IMM", "M", "2025-02", null, "C"));

    @Test
    void csvFollowsTheFieldGuide() {
        String csv = SdmxCsv.write(Dataflows.MIGR_FLOW, TWO);
        assertThat(csv).isEqualTo(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FLOW,COUNTERPART_AREA,CITIZENSHIP,SEX,AGE,PURPOSE,DURATION,"
                        + "TIME_PERIOD,OBS_VALUE,CONF_STATUS\r\n"
                        + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-01,12,F\r\n"
                        + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-02,,C\r\n");
        assertThat(SdmxCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(SdmxCsv.field("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    }

    @Test
    void jsonTimeSeriesFollowsTheSchema() {
        JsonNode m = JSON.valueToTree(SdmxJson.data(Dataflows.MIGR_FLOW, "KGZ", Instant.parse("2025-04-01T10:00:00Z"), TWO, "TIME_PERIOD"));
        JsonNode meta = m.get("meta");
        assertThat(meta.get("schema").asString()).endsWith("/2.0.0/sdmx-json-data-schema.json");
        assertThat(meta.get("id").asString()).matches("^[A-Za-z0-9_@$-]+$");
        assertThat(meta.get("test").asBoolean()).isFalse();
        assertThat(meta.get("prepared").asString()).isEqualTo("2025-04-01T10:00:00Z");
        assertThat(meta.get("sender").get("id").asString()).isEqualTo("KGZ");
        assertThat(m.has("errors")).isFalse();

        JsonNode structure = m.get("data").get("structures").get(0);
        assertThat(structure.get("dataSets").get(0).asInt()).isZero();
        assertThat(structure.get("links").get(0).get("rel").asString()).isEqualTo("dataflow");
        assertThat(structure.get("links").get(0).get("urn").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MIGREX:MIGR_FLOW(2.0)");
        JsonNode series = structure.get("dimensions").get("series");
        assertThat(series).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(series.get(i).get("keyPosition").asInt()).isEqualTo(i);
            assertThat(series.get(i).get("id").asString()).isEqualTo(Dataflows.MIGR_FLOW.dimensionIds().get(i));
            assertThat(series.get(i).get("values")).hasSize(1);
        }
        assertThat(series.get(4).get("values").get(0).get("id").asString()).isEqualTo("M");
        assertThat(series.get(4).get("values").get(0).get("name").asString()).isEqualTo("Male");
        JsonNode time = structure.get("dimensions").get("observation").get(0);
        assertThat(time.get("id").asString()).isEqualTo("TIME_PERIOD");
        assertThat(time.get("keyPosition").asInt()).isEqualTo(8);
        assertThat(time.get("roles").get(0).asString()).isEqualTo("TIME_PERIOD");
        assertThat(time.get("values").get(0).get("id").asString()).isEqualTo("2025-01");
        assertThat(time.get("values").get(0).get("start").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(time.get("values").get(0).get("end").asString()).isEqualTo("2025-01-31T23:59:59.999Z");
        assertThat(time.get("values").get(1).get("id").asString()).isEqualTo("2025-02");
        assertThat(structure.get("measures").get("observation").get(0).get("id").asString()).isEqualTo("OBS_VALUE");
        JsonNode conf = structure.get("attributes").get("observation").get(0);
        assertThat(conf.get("id").asString()).isEqualTo("CONF_STATUS");
        assertThat(conf.get("relationship").has("observation")).isTrue();
        assertThat(conf.get("values").get(0).get("id").asString()).isEqualTo("F");
        assertThat(conf.get("values").get(1).get("id").asString()).isEqualTo("C");

        JsonNode dataSet = m.get("data").get("dataSets").get(0);
        assertThat(dataSet.get("structure").asInt()).isZero();
        assertThat(dataSet.get("action").asString()).isEqualTo("Information");
        assertThat(dataSet.get("links")).isNotEmpty();
        JsonNode observations = dataSet.get("series").get("0:0:0:0:0:0:0:0").get("observations");
        assertThat(observations.get("0").get(0).asLong()).isEqualTo(12);
        assertThat(observations.get("0").get(1).asInt()).isZero();       // F
        assertThat(observations.get("1").get(0).isNull()).isTrue();     // suppressed: no value
        assertThat(observations.get("1").get(1).asInt()).isEqualTo(1);   // C
    }

    @Test
    void jsonFlatObservationsUseAllNineIndexes() {
        JsonNode m = JSON.valueToTree(SdmxJson.data(Dataflows.MIGR_FLOW, "KGZ", Instant.EPOCH, TWO, "AllDimensions"));
        JsonNode structure = m.get("data").get("structures").get(0);
        assertThat(structure.get("dimensions").get("series")).isEmpty();
        assertThat(structure.get("dimensions").get("observation")).hasSize(9);
        JsonNode observations = m.get("data").get("dataSets").get(0).get("observations");
        assertThat(observations.get("0:0:0:0:0:0:0:0:0").get(0).asLong()).isEqualTo(12);
        assertThat(observations.get("0:0:0:0:0:0:0:0:1").get(1).asInt()).isEqualTo(1);
        assertThat(m.get("data").get("dataSets").get(0).has("series")).isFalse();
    }

    @Test
    void errorMessageCarriesTheSdmxCode() {
        JsonNode m = JSON.valueToTree(SdmxJson.error("KGZ", 100, "No results found", "nothing"));
        assertThat(m.get("errors").get(0).get("code").asInt()).isEqualTo(100);
        assertThat(m.get("errors").get(0).get("title").asString()).isEqualTo("No results found");
        assertThat(m.has("data")).isFalse();
    }

    @Test
    void structureMessagesDescribeTheDsdAndCodelists() {
        JsonNode m = JSON.valueToTree(SdmxJson.dataStructure(Dataflows.MIGR_FLOW, "KGZ", true));
        JsonNode dsd = m.get("data").get("dataStructures").get(0);
        assertThat(dsd.get("id").asString()).isEqualTo("MIGR_FLOW");
        assertThat(dsd.get("agencyID").asString()).isEqualTo("MIGREX");
        assertThat(dsd.get("version").asString()).isEqualTo("2.0");
        JsonNode dims = dsd.get("dataStructureComponents").get("dimensionList").get("dimensions");
        assertThat(dims).hasSize(8);
        assertThat(dims.get(4).get("id").asString()).isEqualTo("SEX");
        assertThat(dims.get(4).get("localRepresentation").get("enumeration").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=MIGREX:CL_SEX(2.0)");
        assertThat(dsd.get("dataStructureComponents").get("dimensionList").get("timeDimensions").get(0).get("id")
                .asString()).isEqualTo("TIME_PERIOD");
        assertThat(dsd.get("dataStructureComponents").get("attributeList").get("attributes").get(0).get("id")
                .asString()).isEqualTo("CONF_STATUS");
        List<String> codelists = m.get("data").get("codelists").valueStream().map(c -> c.get("id").asString()).toList();
        assertThat(codelists).contains("CL_FLOW", "CL_SEX", "CL_AGE", "CL_DURATION", "CL_PURPOSE", "CL_AREA");

        JsonNode area = JSON.valueToTree(SdmxJson.codelistMessage("KGZ", Codelists.find("CL_AREA").orElseThrow()))
                .get("data").get("codelists").get(0);
        List<String> codes = area.get("codes").valueStream().map(c -> c.get("id").asString()).toList();
        assertThat(codes).contains("KAZ", "KGZ", "TJK", "UZB", "TKM", "RUS", "_T", "_U");
        assertThat(area.get("codes").valueStream().filter(c -> c.get("id").asString().equals("KGZ")).findFirst()
                .orElseThrow().get("name").asString()).isEqualTo("Kyrgyzstan");
        JsonNode age = JSON.valueToTree(Map.of("x", Codelists.find("CL_AGE").orElseThrow().codes()));
        assertThat(age.get("x")).hasSize(17 + 1 + 2); // Y0T4..Y80T84, Y_GE85, _U, _T
    }

    @Test
    void migrPermitsHasItsOwnDsdDataflowAndCodeListsFromItsDefinition() {
        JsonNode m = JSON.valueToTree(SdmxJson.dataStructure(Dataflows.MIGR_PERMITS, "KGZ", true));
        List<JsonNode> dsds = m.get("data").get("dataStructures").valueStream().toList();
        assertThat(dsds).hasSize(1);
        JsonNode dsd = dsds.getFirst();
        assertThat(dsd.get("id").asString()).isEqualTo("MIGR_PERMITS");
        assertThat(dsd.get("agencyID").asString()).isEqualTo("MIGREX");
        assertThat(dsd.get("version").asString()).isEqualTo("1.0");
        assertThat(dsd.get("links").get(0).get("urn").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIGREX:MIGR_PERMITS(1.0)");
        JsonNode components = dsd.get("dataStructureComponents");
        JsonNode dims = components.get("dimensionList").get("dimensions");
        assertThat(dims.valueStream().map(d -> d.get("id").asString()).toList())
                .containsExactly("REF_AREA", "PERMIT_TYPE", "CITIZENSHIP", "SEX", "AGE", "PURPOSE");
        assertThat(dims.valueStream().map(d -> d.get("position").asInt()).toList()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(dims.get(1).get("localRepresentation").get("enumeration").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=MIGREX:CL_PERMIT_TYPE(2.0)");
        assertThat(dims.get(2).get("localRepresentation").get("enumeration").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=MIGREX:CL_AREA(2.0)");
        JsonNode time = components.get("dimensionList").get("timeDimensions").get(0);
        assertThat(time.get("id").asString()).isEqualTo("TIME_PERIOD");
        assertThat(time.get("position").asInt()).isEqualTo(6);
        assertThat(components.get("measureList").get("measures").get(0).get("id").asString()).isEqualTo("OBS_VALUE");
        assertThat(components.get("attributeList").get("attributes").get(0).get("id").asString())
                .isEqualTo("CONF_STATUS");
        // the code lists it uses, no more: no CL_FLOW, no CL_DURATION
        List<String> codelists = m.get("data").get("codelists").valueStream().map(c -> c.get("id").asString()).toList();
        assertThat(codelists).containsExactly("CL_SEX", "CL_AGE", "CL_PURPOSE", "CL_AREA", "CL_PERMIT_TYPE",
                "CL_CONF_STATUS");
        JsonNode permitTypes = m.get("data").get("codelists").valueStream()
                .filter(c -> c.get("id").asString().equals("CL_PERMIT_TYPE")).findFirst().orElseThrow();
        assertThat(permitTypes.get("codes").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("RESIDENCE_PERMIT", "WORK_PERMIT");
        // MIGR_FLOW's DSD still names exactly its own code lists
        JsonNode flow = JSON.valueToTree(SdmxJson.dataStructure(Dataflows.MIGR_FLOW, "KGZ", true));
        assertThat(flow.get("data").get("codelists").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("CL_FLOW", "CL_SEX", "CL_AGE", "CL_PURPOSE", "CL_DURATION", "CL_AREA",
                        "CL_CONF_STATUS");

        JsonNode dataflow = JSON.valueToTree(SdmxJson.dataflowArtefact(Dataflows.MIGR_PERMITS));
        assertThat(dataflow.get("id").asString()).isEqualTo("MIGR_PERMITS");
        assertThat(dataflow.get("version").asString()).isEqualTo("1.0");
        assertThat(dataflow.get("structure").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIGREX:MIGR_PERMITS(1.0)");
    }

    @Test
    void migrQualityAndMigrAcqHaveTheirOwnDsdsFromTheirDefinitions() {
        JsonNode q = JSON.valueToTree(SdmxJson.dataStructure(Dataflows.MIGR_QUALITY, "KGZ", true));
        JsonNode dsd = q.get("data").get("dataStructures").get(0);
        assertThat(dsd.get("id").asString()).isEqualTo("MIGR_QUALITY");
        assertThat(dsd.get("version").asString()).isEqualTo("1.0");
        JsonNode dims = dsd.get("dataStructureComponents").get("dimensionList").get("dimensions");
        assertThat(dims.valueStream().map(d -> d.get("id").asString()).toList())
                .containsExactly("REF_AREA", "SOURCE", "FLOW", "INDICATOR");
        // SOURCE is the node's own source id: a string with the pattern ingestion accepts, not a code list
        JsonNode source = dims.get(1).get("localRepresentation");
        assertThat(source.has("enumeration")).isFalse();
        assertThat(source.get("format").get("dataType").asString()).isEqualTo("String");
        assertThat(source.get("format").get("pattern").asString()).isEqualTo("[A-Za-z0-9._-]{1,64}");
        assertThat(dims.get(3).get("localRepresentation").get("enumeration").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=MIGREX:CL_QUALITY_INDICATOR(2.0)");
        JsonNode time = dsd.get("dataStructureComponents").get("dimensionList").get("timeDimensions").get(0);
        assertThat(time.get("id").asString()).isEqualTo("TIME_PERIOD");
        assertThat(time.get("position").asInt()).isEqualTo(4);
        assertThat(q.get("data").get("codelists").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("CL_AREA", "CL_QUALITY_INDICATOR", "CL_QUALITY_FLOW", "CL_CONF_STATUS");
        JsonNode indicators = q.get("data").get("codelists").valueStream()
                .filter(c -> c.get("id").asString().equals("CL_QUALITY_INDICATOR")).findFirst().orElseThrow();
        // the QualityCounter names, in order, and no _T
        assertThat(indicators.get("codes").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("REGISTRATIONS", "INTERNAL_OR_UNKNOWN", "TEMPORARY_STAY", "EXCLUDED_PURPOSE",
                        "SCOPE_NOT_CLASSIFIED", "RENEWAL", "COUNTED", "SEX_UNKNOWN", "AGE_UNKNOWN",
                        "COUNTERPART_UNKNOWN", "DURATION_UNKNOWN", "LATE_AFTER_FINAL", "ROWS_RECEIVED", "ROWS_ACCEPTED", "ROWS_REJECTED",
                        "QUARANTINED", "QUARANTINED_EVENT_TYPE_UNKNOWN", "QUARANTINED_EVENT_DATE_INVALID",
                        "QUARANTINED_EVENT_DATE_IN_FUTURE", "QUARANTINED_BIRTH_DATE_INVALID",
                        "QUARANTINED_AGE_IMPOSSIBLE", "QUARANTINED_SEX_UNKNOWN", "QUARANTINED_COUNTRY_UNKNOWN",
                        "QUARANTINED_PURPOSE_UNKNOWN", "QUARANTINED_DURATION_INVALID");
        assertThat(indicators.get("codes").valueStream().map(c -> c.get("id").asString()).toList())
                .as("the code list is QualityCounter's names in order")
                .isEqualTo(java.util.Arrays.stream(org.migrex.statistics.QualityCounter.values()).map(Enum::name)
                        .toList());
        assertThat(Dataflows.MIGR_QUALITY.unitOfCount()).isEqualTo("records");

        JsonNode a = JSON.valueToTree(SdmxJson.dataStructure(Dataflows.MIGR_ACQ, "KGZ", true));
        JsonNode acq = a.get("data").get("dataStructures").get(0);
        assertThat(acq.get("id").asString()).isEqualTo("MIGR_ACQ");
        assertThat(acq.get("links").get(0).get("urn").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIGREX:MIGR_ACQ(1.0)");
        assertThat(acq.get("dataStructureComponents").get("dimensionList").get("dimensions").valueStream()
                .map(d -> d.get("id").asString()).toList()).containsExactly("REF_AREA", "CITIZENSHIP", "SEX", "AGE");
        assertThat(a.get("data").get("codelists").valueStream().map(c -> c.get("id").asString()).toList())
                .containsExactly("CL_SEX", "CL_AGE", "CL_AREA", "CL_CONF_STATUS");
        assertThat(Dataflows.MIGR_ACQ.unitOfCount()).isEqualTo("persons");
    }

    @Test
    void migrPermitsDataAreWrittenWithItsSevenDimensions() {
        Map<String, String> key = new java.util.LinkedHashMap<>();
        key.put("REF_AREA", "KAZ");
        key.put("PERMIT_TYPE", "WORK_PERMIT");
        key.put("CITIZENSHIP", "KGZ");
        key.put("SEX", "F");
        key.put("AGE", "_T");
        key.put("PURPOSE", "_T");
        key.put("TIME_PERIOD", "2026-03");
        List<SdmxObservation> one = List.of(new SdmxObservation(key, 7L, "F"));
        assertThat(SdmxCsv.write(Dataflows.MIGR_PERMITS, one)).isEqualTo(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,PERMIT_TYPE,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,"
                        + "OBS_VALUE,CONF_STATUS\r\n"
                        + "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,KGZ,F,_T,_T,2026-03,7,F\r\n");
        JsonNode m = JSON.valueToTree(SdmxJson.data(Dataflows.MIGR_PERMITS, "KGZ", Instant.EPOCH, one, "TIME_PERIOD"));
        JsonNode structure = m.get("data").get("structures").get(0);
        assertThat(structure.get("links").get(0).get("urn").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MIGREX:MIGR_PERMITS(1.0)");
        JsonNode series = structure.get("dimensions").get("series");
        assertThat(series.valueStream().map(d -> d.get("id").asString()).toList())
                .containsExactly("REF_AREA", "PERMIT_TYPE", "CITIZENSHIP", "SEX", "AGE", "PURPOSE");
        assertThat(series.get(1).get("values").get(0).get("name").asString()).isEqualTo("Work permit");
        assertThat(structure.get("measures").get("observation").get(0).get("name").asString())
                .isEqualTo("Observation value (number of permits)");
        assertThat(m.get("data").get("dataSets").get(0).get("series").get("0:0:0:0:0:0").get("observations").get("0")
                .get(0).asLong()).isEqualTo(7);
    }
}
