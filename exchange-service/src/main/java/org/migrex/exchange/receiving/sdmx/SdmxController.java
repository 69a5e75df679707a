package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.MigrFlowStructure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.OwnAggregates;
import org.migrex.schema.Topics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * SDMX REST v2 (SDMX 3.0) for {@code MIGREX:MIGR_FLOW(2.0)}.
 *
 * <p>Data: {@code GET /sdmx/v2/data/{context}/{agencyID}/{resourceID}/{version}/{key}} (context dataflow,
 * datastructure or *, agency MIGREX or *, resource MIGR_FLOW or *, version 2.0, 2.0.0, *, ~, + or latest; 1.0, the registration-counting definitions before v2, is no longer served), with
 * {@code c[COMPONENT]} filters and {@code dimensionAtObservation} (TIME_PERIOD, the default, or AllDimensions).
 * The data come from two sources, told apart by {@code REF_AREA}: {@code REF_AREA} = this node selects its own,
 * unsuppressed cube cells (role STATISTICIAN); {@code REF_AREA} = a partner selects that partner's received datasets
 * (role AGENCY or STATISTICIAN). A wildcard REF_AREA covers both when the caller is a statistician, received data
 * only otherwise.
 *
 * <p>Formats by {@code Accept}: {@code application/vnd.sdmx.data+json;version=2.0.0} (the default, also for
 * {@code application/json} and {@code *}{@code /*}) and {@code application/vnd.sdmx.data+csv;version=2.0.0} (also
 * {@code text/csv}); anything else is 406. Errors are SDMX-JSON messages with {@code errors[].code}: 100 no results
 * (404), 140 syntax error (400), 110 unauthorized (403), 406 not acceptable, 501 not implemented.
 *
 * <p>Structures: {@code /sdmx/v2/structure/datastructure/MIGREX/MIGR_FLOW/2.0} (add {@code references=codelist},
 * {@code children} or {@code all} to include the code lists), {@code /sdmx/v2/structure/dataflow/MIGREX/MIGR_FLOW/2.0}
 * and {@code /sdmx/v2/structure/codelist/MIGREX/<CL_ID>/2.0}, in SDMX-JSON 2.0.
 */
@RestController
@RequestMapping("/sdmx/v2")
public class SdmxController {
    private static final Set<String> VERSIONS = Set.of(MigrFlowStructure.VERSION, MigrFlowStructure.VERSION + ".0", "*", "~", "+", "latest");
    private final Topics topics;
    private final OwnAggregates ownAggregates;
    private final InboxStore inbox;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    public SdmxController(Topics topics, OwnAggregates ownAggregates, InboxStore inbox) {
        this.topics = topics;
        this.ownAggregates = ownAggregates;
        this.inbox = inbox;
    }

    private enum Format { JSON, CSV }

    @GetMapping({"/data/{context}/{agency}/{resource}/{version}", "/data/{context}/{agency}/{resource}/{version}/{key}"})
    @PreAuthorize("hasAnyRole('AGENCY','STATISTICIAN')")
    public ResponseEntity<String> data(@PathVariable String context, @PathVariable String agency,
                                       @PathVariable String resource, @PathVariable String version,
                                       @PathVariable(required = false) String key,
                                       @RequestParam(required = false) String dimensionAtObservation,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       HttpServletRequest request, Authentication user) {
        Format format = negotiate(accept);
        if (!Set.of("dataflow", "datastructure", "*").contains(context)) {
            throw SdmxException.syntax("context '" + context + "': use dataflow, datastructure or *");
        }
        if (!matches(agency, MigrFlowStructure.AGENCY) || !matches(resource, MigrFlowStructure.DATAFLOW)
                || !VERSIONS.contains(version)) {
            throw SdmxException.noResults("no dataflow " + agency + ":" + resource + "(" + version + ") here; this node serves "
                    + MigrFlowStructure.structureId());
        }
        String atObservation = dimensionAtObservation == null ? MigrFlowStructure.TIME_PERIOD : dimensionAtObservation;
        if (!atObservation.equals(MigrFlowStructure.TIME_PERIOD) && !atObservation.equals(SdmxJson.ALL_DIMENSIONS)) {
            throw SdmxException.notImplemented("dimensionAtObservation=" + atObservation
                    + " is not supported; use TIME_PERIOD or AllDimensions");
        }
        DataQuery query = DataQuery.parse(key, request.getParameterMap().entrySet().stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), List.of(e.getValue())), Map::putAll));

        String node = topics.nodeCode();
        boolean statistician = hasRole(user, "STATISTICIAN");
        Set<String> refAreas = query.onlyCodesOf("REF_AREA");
        boolean ownSelected = refAreas.isEmpty() || refAreas.contains(node);
        if (!refAreas.isEmpty() && refAreas.contains(node) && !statistician) {
            throw new SdmxException(403, 110, "Unauthorized", "REF_AREA=" + node
                    + " selects this node's own unsuppressed aggregates, which need the STATISTICIAN role");
        }
        List<SdmxObservation> candidates = new ArrayList<>();
        if (ownSelected && statistician) {
            candidates.addAll(SdmxObservations.own(node, ownAggregates.cells()));
        }
        candidates.addAll(SdmxObservations.received(inbox.all()));
        Comparator<SdmxObservation> order = SdmxObservations.dsdOrder();
        List<SdmxObservation> selected = candidates.stream().filter(query::matches).sorted(order).toList();
        if (selected.isEmpty()) {
            throw SdmxException.noResults("no observations of " + MigrFlowStructure.structureId() + " match key '"
                    + (key == null ? "*" : key) + "'" + (request.getQueryString() == null ? "" : " and " + request.getQueryString()));
        }
        if (format == Format.CSV) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxCsv.MEDIA_TYPE))
                    .body(SdmxCsv.write(selected));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxJson.DATA_MEDIA_TYPE))
                .body(json.writeValueAsString(SdmxJson.data(node, clock.instant(), selected, atObservation)));
    }

    @GetMapping({"/structure/datastructure/{agency}/{id}/{version}", "/structure/datastructure/{agency}/{id}"})
    public ResponseEntity<String> dataStructure(@PathVariable String agency, @PathVariable String id,
                                                @PathVariable(required = false) String version,
                                                @RequestParam(required = false) String references) {
        requireArtefact(agency, id, version, MigrFlowStructure.DSD);
        boolean withCodelists = references != null
                && Set.of("codelist", "children", "descendants", "all").contains(references);
        return structure(SdmxJson.dataStructure(topics.nodeCode(), withCodelists));
    }

    @GetMapping({"/structure/dataflow/{agency}/{id}/{version}", "/structure/dataflow/{agency}/{id}"})
    public ResponseEntity<String> dataflow(@PathVariable String agency, @PathVariable String id,
                                           @PathVariable(required = false) String version) {
        requireArtefact(agency, id, version, MigrFlowStructure.DATAFLOW);
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("id", MigrFlowStructure.DATAFLOW);
        flow.put("agencyID", MigrFlowStructure.AGENCY);
        flow.put("version", MigrFlowStructure.VERSION);
        flow.put("isExternalReference", false);
        flow.put("name", "Migration flows");
        flow.put("names", Map.of("en", "Migration flows"));
        flow.put("links", List.of(SdmxJson.link(MigrFlowStructure.dataflowUrn(), "self")));
        flow.put("structure", MigrFlowStructure.dsdUrn());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", SdmxJson.meta(SdmxJson.STRUCTURE_SCHEMA, topics.nodeCode(), clock.instant()));
        message.put("data", Map.of("dataflows", List.of(flow)));
        return structure(message);
    }

    @GetMapping({"/structure/codelist/{agency}/{id}/{version}", "/structure/codelist/{agency}/{id}"})
    public ResponseEntity<String> codelist(@PathVariable String agency, @PathVariable String id,
                                           @PathVariable(required = false) String version) {
        MigrFlowStructure.Codelist codelist = MigrFlowStructure.codelist(id).orElseThrow(() -> SdmxException.noResults(
                "no code list " + id + "; this node has " + MigrFlowStructure.codelists().stream()
                        .map(MigrFlowStructure.Codelist::id).toList()));
        requireArtefact(agency, id, version, codelist.id());
        return structure(SdmxJson.codelistMessage(topics.nodeCode(), codelist));
    }

    @ExceptionHandler(SdmxException.class)
    public ResponseEntity<String> error(SdmxException e) {
        return ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(SdmxJson.error(topics.nodeCode(), e.sdmxCode(), e.title(), e.getMessage())));
    }

    private ResponseEntity<String> structure(Map<String, Object> message) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxJson.STRUCTURE_MEDIA_TYPE))
                .body(json.writeValueAsString(message));
    }

    private static void requireArtefact(String agency, String id, String version, String expectedId) {
        if (!matches(agency, MigrFlowStructure.AGENCY) || !matches(id, expectedId)
                || (version != null && !VERSIONS.contains(version))) {
            throw SdmxException.noResults("no artefact " + agency + ":" + id + "(" + version + ")");
        }
    }

    private static boolean matches(String given, String expected) {
        return given.equals("*") || given.equals(expected);
    }

    private static boolean hasRole(Authentication user, String role) {
        if (user == null) {
            return false;
        }
        for (GrantedAuthority a : user.getAuthorities()) {
            if (("ROLE_" + role).equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picks the response format from an Accept header: the acceptable type with the highest q that this service
     * produces. SDMX types must carry no version or version 2.0.0 (2.0, 2 accepted).
     */
    static Format negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Format.JSON;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (RuntimeException e) {
            throw SdmxException.notAcceptable("Accept header '" + accept + "' cannot be parsed");
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : types) {
            if (t.getQualityValue() == 0) {
                continue;
            }
            String version = t.getParameter("version");
            boolean v2 = version == null || Set.of("2.0.0", "2.0", "2").contains(version);
            String type = t.getType() + "/" + t.getSubtype();
            switch (type) {
                case "application/vnd.sdmx.data+json":
                    if (v2) {
                        return Format.JSON;
                    }
                    break;
                case "application/vnd.sdmx.data+csv":
                    if (v2) {
                        return Format.CSV;
                    }
                    break;
                case "application/json", "*/*", "application/*":
                    return Format.JSON;
                case "text/csv", "text/*":
                    return Format.CSV;
                default:
                    break;
            }
        }
        throw SdmxException.notAcceptable("none of '" + accept + "' is produced here; use "
                + "application/vnd.sdmx.data+json;version=2.0.0 or application/vnd.sdmx.data+csv;version=2.0.0");
    }
}
