package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Codelists;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;

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
 * SDMX REST v2 (SDMX 3.0) for every dataflow of {@link Dataflows#all()}: {@code MIGREX:MIGR_FLOW(2.0)},
 * {@code MIGREX:MIGR_PERMITS(1.0)}, {@code MIGREX:MIGR_ACQ(1.0)}, {@code MIGREX:MIGR_QUALITY(1.0)} and
 * {@code MIGREX:MIGR_STOCK(1.0)}, each from its
 * one {@link Dataflow} definition.
 *
 * <p>Data: {@code GET /sdmx/v2/data/{context}/{agencyID}/{resourceID}/{version}/{key}} (context dataflow,
 * datastructure or *, agency MIGREX or *, resource a dataflow id or *, version the dataflow's (MIGR_FLOW 2.0 or 2.0.0,
 * MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY 1.0 or 1.0.0) or *, ~, + or latest; MIGR_FLOW 1.0, the registration-counting definitions before v2, is
 * no longer served). The resource and version must select exactly one dataflow: a data message here holds one
 * structure, so a wildcard that selects several is 501 naming them. The key and filters are over that dataflow's
 * dimensions, with
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
 * <p>Structures: {@code /sdmx/v2/structure/datastructure/MIGREX/<DATAFLOW>/<version>} (add
 * {@code references=codelist}, {@code children} or {@code all} to include the code lists it uses),
 * {@code /sdmx/v2/structure/dataflow/MIGREX/<DATAFLOW>/<version>} and
 * {@code /sdmx/v2/structure/codelist/MIGREX/<CL_ID>/2.0}, in SDMX-JSON 2.0; a wildcard id or version returns every
 * matching artefact.
 */
@RestController
@RequestMapping("/sdmx/v2")
public class SdmxController {
    private static final Set<String> ANY_VERSION = Set.of("*", "~", "+", "latest");
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
        List<Dataflow<?>> matching = matching(agency, resource, version);
        if (matching.isEmpty()) {
            throw SdmxException.noResults("no dataflow " + agency + ":" + resource + "(" + version + ") here; this node serves "
                    + structureIds(Dataflows.all()));
        }
        if (matching.size() > 1) {
            throw SdmxException.notImplemented("dataflow " + agency + ":" + resource + "(" + version + ") matches "
                    + structureIds(matching) + "; a data message here holds one dataflow: name one");
        }
        Dataflow<?> dataflow = matching.getFirst();
        String atObservation = dimensionAtObservation == null ? Dataflow.TIME_PERIOD : dimensionAtObservation;
        if (!atObservation.equals(Dataflow.TIME_PERIOD) && !atObservation.equals(SdmxJson.ALL_DIMENSIONS)) {
            throw SdmxException.notImplemented("dimensionAtObservation=" + atObservation
                    + " is not supported; use TIME_PERIOD or AllDimensions");
        }
        DataQuery query = DataQuery.parse(dataflow, key, request.getParameterMap().entrySet().stream()
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
            candidates.addAll(SdmxObservations.own(dataflow, node, ownAggregates.cells()));
        }
        candidates.addAll(SdmxObservations.received(dataflow, inbox.query(null, dataflow.id(), null)));
        Comparator<SdmxObservation> order = SdmxObservations.dsdOrder(dataflow);
        List<SdmxObservation> selected = candidates.stream().filter(query::matches).sorted(order).toList();
        if (selected.isEmpty()) {
            throw SdmxException.noResults("no observations of " + dataflow.structureId() + " match key '"
                    + (key == null ? "*" : key) + "'" + (request.getQueryString() == null ? "" : " and " + request.getQueryString()));
        }
        if (format == Format.CSV) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxCsv.MEDIA_TYPE))
                    .body(SdmxCsv.write(dataflow, selected));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxJson.DATA_MEDIA_TYPE))
                .body(json.writeValueAsString(SdmxJson.data(dataflow, node, clock.instant(), selected, atObservation)));
    }

    @GetMapping({"/structure/datastructure/{agency}/{id}/{version}", "/structure/datastructure/{agency}/{id}"})
    public ResponseEntity<String> dataStructure(@PathVariable String agency, @PathVariable String id,
                                                @PathVariable(required = false) String version,
                                                @RequestParam(required = false) String references) {
        List<Dataflow<?>> dataflows = requireArtefacts(agency, id, version);
        boolean withCodelists = references != null
                && Set.of("codelist", "children", "descendants", "all").contains(references);
        return structure(SdmxJson.dataStructure(dataflows, topics.nodeCode(), withCodelists));
    }

    @GetMapping({"/structure/dataflow/{agency}/{id}/{version}", "/structure/dataflow/{agency}/{id}"})
    public ResponseEntity<String> dataflow(@PathVariable String agency, @PathVariable String id,
                                           @PathVariable(required = false) String version) {
        List<Dataflow<?>> dataflows = requireArtefacts(agency, id, version);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", SdmxJson.meta(SdmxJson.STRUCTURE_SCHEMA, topics.nodeCode(), clock.instant()));
        message.put("data", Map.of("dataflows", dataflows.stream().map(SdmxJson::dataflowArtefact).toList()));
        return structure(message);
    }

    @GetMapping({"/structure/codelist/{agency}/{id}/{version}", "/structure/codelist/{agency}/{id}"})
    public ResponseEntity<String> codelist(@PathVariable String agency, @PathVariable String id,
                                           @PathVariable(required = false) String version) {
        Codelists.Codelist codelist = Codelists.find(id).orElseThrow(() -> SdmxException.noResults(
                "no code list " + id + "; this node has " + Codelists.ids()));
        if (!matches(agency, Codelists.AGENCY) || (version != null && !versionMatches(version, Codelists.VERSION))) {
            throw SdmxException.noResults("no artefact " + agency + ":" + id + "(" + version + ")");
        }
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

    /** The dataflows (and so DSDs, which share their ids and versions) that agency, id and version select. */
    private static List<Dataflow<?>> requireArtefacts(String agency, String id, String version) {
        List<Dataflow<?>> found = matching(agency, id, version == null ? "latest" : version);
        if (found.isEmpty()) {
            throw SdmxException.noResults("no artefact " + agency + ":" + id + "(" + version + "); this node has "
                    + structureIds(Dataflows.all()));
        }
        return found;
    }

    private static List<Dataflow<?>> matching(String agency, String id, String version) {
        return Dataflows.all().stream()
                .filter(d -> matches(agency, d.agency()) && matches(id, d.id()) && versionMatches(version, d.version()))
                .toList();
    }

    /** A version selects an artefact of version {@code actual} ("2.0") when it is that, its 3-part form or a wildcard. */
    private static boolean versionMatches(String version, String actual) {
        return ANY_VERSION.contains(version) || version.equals(actual) || version.equals(actual + ".0");
    }

    private static List<String> structureIds(List<Dataflow<?>> dataflows) {
        return dataflows.stream().map(Dataflow::structureId).toList();
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
