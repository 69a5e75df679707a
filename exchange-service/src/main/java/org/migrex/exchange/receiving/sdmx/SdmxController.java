package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Codelists;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;

import java.time.Clock;
import java.time.Instant;
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
    /** The service's local time zone: the zone of an {@code updatedAfter} without an offset, as SDMX REST says. */
    private final java.time.ZoneId zone = java.time.ZoneId.systemDefault();

    public SdmxController(Topics topics, OwnAggregates ownAggregates, InboxStore inbox) {
        this.topics = topics;
        this.ownAggregates = ownAggregates;
        this.inbox = inbox;
    }

    private enum Format { JSON, CSV }

    @GetMapping({"/data", "/data/{context}", "/data/{context}/{agency}", "/data/{context}/{agency}/{resource}",
            "/data/{context}/{agency}/{resource}/{version}", "/data/{context}/{agency}/{resource}/{version}/{key}"})
    @PreAuthorize("hasAnyRole('AGENCY','STATISTICIAN')")
    public ResponseEntity<String> data(@PathVariable(required = false) String context,
                                       @PathVariable(required = false) String agency,
                                       @PathVariable(required = false) String resource,
                                       @PathVariable(required = false) String version,
                                       @PathVariable(required = false) String key,
                                       @RequestParam(required = false) String dimensionAtObservation,
                                       @RequestParam(required = false) String updatedAfter,
                                       @RequestParam(required = false) String includeHistory,
                                       @RequestParam(required = false) String firstNObservations,
                                       @RequestParam(required = false) String lastNObservations,
                                       @RequestParam(required = false) String attributes,
                                       @RequestParam(required = false) String measures,
                                       @RequestParam(required = false) String asOf,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       HttpServletRequest request, Authentication user) {
        Format format = negotiate(accept);
        Dataflow<?> dataflow = oneDataflow(context, agency, resource, version);
        String atObservation = dimensionAtObservation == null ? Dataflow.TIME_PERIOD : dimensionAtObservation;
        if (!atObservation.equals(Dataflow.TIME_PERIOD) && !atObservation.equals(SdmxJson.ALL_DIMENSIONS)) {
            throw SdmxException.notImplemented("dimensionAtObservation=" + atObservation
                    + " is not supported; use TIME_PERIOD or AllDimensions");
        }
        if (asOf != null) {
            throw SdmxException.notImplemented("asOf (the data as they were at an instant) is not implemented; "
                    + "includeHistory=true returns every revision with its validity");
        }
        Instant after = SdmxParameters.dateTime("updatedAfter", updatedAfter, zone);
        boolean history = SdmxParameters.bool("includeHistory", includeHistory);
        Integer first = SdmxParameters.positive("firstNObservations", firstNObservations);
        Integer last = SdmxParameters.positive("lastNObservations", lastNObservations);
        SdmxJson.Components components = SdmxParameters.components(measures, attributes);
        if (history && format == Format.CSV) {
            throw SdmxException.notImplemented("includeHistory=true is answered in SDMX-JSON only: SDMX-CSV has no "
                    + "field for a data set's validity; ask for application/vnd.sdmx.data+json;version=2.0.0");
        }
        DataQuery query = DataQuery.parse(dataflow, key, parameters(request));
        Sources sources = sources(dataflow, query, user);

        Comparator<SdmxObservation> order = SdmxObservations.dsdOrder(dataflow);
        java.util.function.Function<List<SdmxObservation>, List<SdmxObservation>> select = candidates ->
                SdmxObservations.limitPerSeries(dataflow, candidates.stream().filter(query::matches)
                        .filter(o -> after == null || (o.updatedAt() != null && o.updatedAt().isAfter(after)))
                        .sorted(order).toList(), first, last);
        List<SdmxJson.DataSet> dataSets = new ArrayList<>();
        String action = after == null ? "Information" : "Replace";
        if (history) {
            dataSets.add(new SdmxJson.DataSet(action, null, null, select.apply(sources.own())));
            dataSets.addAll(revisions(dataflow, select));
        } else {
            List<SdmxObservation> current = new ArrayList<>(sources.own());
            current.addAll(SdmxObservations.received(dataflow, inbox.query(null, dataflow.id(), null)));
            dataSets.add(new SdmxJson.DataSet(action, null, null, select.apply(current)));
        }
        if (after != null) {
            dataSets.add(new SdmxJson.DataSet("Delete", null, null, select.apply(sources.ownDeleted())));
        }
        dataSets.removeIf(ds -> ds.observations().isEmpty());
        if (dataSets.isEmpty()) {
            throw SdmxException.noResults("no observations of " + dataflow.structureId() + " match key '"
                    + (key == null ? "*" : key) + "'" + (request.getQueryString() == null ? "" : " and " + request.getQueryString()));
        }
        String node = topics.nodeCode();
        if (format == Format.CSV) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxCsv.MEDIA_TYPE))
                    .body(SdmxCsv.write(dataflow, dataSets, components));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SdmxJson.DATA_MEDIA_TYPE))
                .body(json.writeValueAsString(SdmxJson.data(dataflow, node, clock.instant(), dataSets, atObservation,
                        components)));
    }

    /**
     * Data availability (SDMX REST v2 {@code /availability/{context}/{agency}/{resource}/{version}/{key}/{componentId}}):
     * the cube region of the data a data query with the same path and {@code c[...]} filters would return
     * ({@code mode=exact}, the default), or per dimension the codes that could be added to the query and still
     * select data ({@code mode=available}: the dimension's own selection left out). The caller sees the same data
     * as through {@code /data} (roles as there). {@code updatedAfter} keeps only what changed after the instant,
     * deleted own cells included.
     */
    @GetMapping({"/availability", "/availability/{context}", "/availability/{context}/{agency}",
            "/availability/{context}/{agency}/{resource}", "/availability/{context}/{agency}/{resource}/{version}",
            "/availability/{context}/{agency}/{resource}/{version}/{key}",
            "/availability/{context}/{agency}/{resource}/{version}/{key}/{componentId}"})
    @PreAuthorize("hasAnyRole('AGENCY','STATISTICIAN')")
    public ResponseEntity<String> availability(@PathVariable(required = false) String context,
                                               @PathVariable(required = false) String agency,
                                               @PathVariable(required = false) String resource,
                                               @PathVariable(required = false) String version,
                                               @PathVariable(required = false) String key,
                                               @PathVariable(required = false) String componentId,
                                               @RequestParam(required = false) String mode,
                                               @RequestParam(required = false) String references,
                                               @RequestParam(required = false) String updatedAfter,
                                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                               HttpServletRequest request, Authentication user) {
        negotiateStructure(accept);
        String answerMode = mode == null ? "exact" : mode;
        if (!answerMode.equals("exact") && !answerMode.equals("available")) {
            throw SdmxException.syntax("mode=" + mode + ": use exact or available");
        }
        Set<String> included = availabilityReferences(references);
        Instant after = SdmxParameters.dateTime("updatedAfter", updatedAfter, zone);
        String component = componentId == null || componentId.equals("*") ? null : componentId;
        List<Dataflow<?>> dataflows = dataflows(context, agency, resource, version);
        if (component != null && dataflows.stream().noneMatch(d -> d.indexOf(component) >= 0)) {
            throw SdmxException.syntax("componentId " + component + " is not a dimension of "
                    + structureIds(dataflows) + "; use one of " + dataflows.getFirst().dimensionIds() + " or *");
        }
        List<SdmxJson.Availability> answers = new ArrayList<>();
        for (Dataflow<?> dataflow : dataflows) {
            if (component != null && dataflow.indexOf(component) < 0) {
                continue;
            }
            DataQuery query = DataQuery.parse(dataflow, key, parameters(request));
            Sources sources = sources(dataflow, query, user);
            if (answerMode.equals("available")) {
                // codes that could be added include this node's REF_AREA when the caller may read own cells
                sources = sources(dataflow, query.without("REF_AREA"), user);
            }
            List<SdmxObservation> candidates = new ArrayList<>(sources.own());
            candidates.addAll(SdmxObservations.received(dataflow, inbox.query(null, dataflow.id(), null)));
            if (after != null) {
                candidates.addAll(sources.ownDeleted());
                candidates.removeIf(o -> o.updatedAt() == null || !o.updatedAt().isAfter(after));
            }
            List<SdmxObservation> selected = candidates.stream().filter(query::matches).toList();
            if (selected.isEmpty()) {
                continue;
            }
            Map<String, List<String>> region = new LinkedHashMap<>();
            for (String d : dataflow.dimensionIds()) {
                if (component != null && !component.equals(d)) {
                    continue;
                }
                DataQuery opened = answerMode.equals("available") ? query.without(d) : query;
                Comparator<String> codeOrder = d.equals(Dataflow.TIME_PERIOD)
                        ? Comparator.naturalOrder() : dataflow.codeOrder(d);
                java.util.TreeSet<String> codes = new java.util.TreeSet<>(codeOrder);
                (opened == query ? selected : candidates.stream().filter(opened::matches).toList())
                        .forEach(o -> codes.add(o.code(d)));
                region.put(d, List.copyOf(codes));
            }
            long series = selected.stream().map(o -> dataflow.dimensionIds().stream()
                    .filter(d -> !d.equals(Dataflow.TIME_PERIOD)).map(o::code).toList()).distinct().count();
            answers.add(new SdmxJson.Availability(dataflow, region, selected.size(), series));
        }
        if (answers.isEmpty()) {
            throw SdmxException.noResults("no data of " + structureIds(dataflows) + " match key '"
                    + (key == null ? "*" : key) + "'" + (request.getQueryString() == null ? "" : " and " + request.getQueryString()));
        }
        return structure(SdmxJson.availability(topics.nodeCode(), clock.instant(), answers, answerMode, included));
    }

    /** The artefact kinds an availability answer includes for {@code references} (default none). */
    private static Set<String> availabilityReferences(String references) {
        Set<String> included = new java.util.HashSet<>();
        for (String r : (references == null ? "none" : references).split(",", -1)) {
            switch (r.strip()) {
                case "none" -> { }
                case "all" -> included.addAll(Set.of("dataflow", "datastructure", "codelist"));
                case "dataflow", "datastructure", "codelist" -> included.add(r.strip());
                case "conceptscheme", "valuelist", "dataproviderscheme" -> throw SdmxException.notImplemented(
                        "references=" + r + ": this node serves no " + r + "; use none, dataflow, datastructure, "
                                + "codelist or all (all: the dataflow, its DSD and its code lists)");
                default -> throw SdmxException.syntax("references=" + r + ": use none, dataflow, datastructure, "
                        + "codelist, conceptscheme, valuelist, dataproviderscheme or all");
            }
        }
        return included;
    }

    /** Every query parameter as a list of values (DataQuery reads the {@code c[...]} ones). */
    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        return request.getParameterMap().entrySet().stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), List.of(e.getValue())), Map::putAll);
    }

    /** This node's own observations a caller may read for a query: current cells and cells fallen to 0. */
    private record Sources(List<SdmxObservation> own, List<SdmxObservation> ownDeleted) {
    }

    /**
     * Rule: own (unsuppressed) cells are read only by a statistician, and only when the query's REF_AREA is open or
     * names this node; naming this node without the role is 403. Received data are read by every caller.
     */
    private Sources sources(Dataflow<?> dataflow, DataQuery query, Authentication user) {
        String node = topics.nodeCode();
        boolean statistician = hasRole(user, "STATISTICIAN");
        Set<String> refAreas = query.onlyCodesOf("REF_AREA");
        boolean ownSelected = refAreas.isEmpty() || refAreas.contains(node);
        if (!refAreas.isEmpty() && refAreas.contains(node) && !statistician) {
            throw new SdmxException(403, 110, "Unauthorized", "REF_AREA=" + node
                    + " selects this node's own unsuppressed aggregates, which need the STATISTICIAN role");
        }
        if (!ownSelected || !statistician) {
            return new Sources(List.of(), List.of());
        }
        var cells = ownAggregates.allCells();
        return new Sources(SdmxObservations.own(dataflow, node, cells), SdmxObservations.ownDeleted(dataflow, node, cells));
    }

    /**
     * The revision history of the received datasets: one {@code Replace} data set per stored revision, valid from its
     * {@code generatedAt} until the next revision's (the newest has no end), holding the revision's observations that
     * {@code select} keeps; a revision generated before {@code updatedAfter} is left out by {@code select} itself.
     */
    private List<SdmxJson.DataSet> revisions(Dataflow<?> dataflow,
                                             java.util.function.Function<List<SdmxObservation>, List<SdmxObservation>> select) {
        List<org.migrex.schema.ExchangeDataset> all = inbox.history(dataflow.id());
        List<SdmxJson.DataSet> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            var revision = all.get(i);
            var next = i + 1 < all.size() ? all.get(i + 1) : null;
            boolean sameDataset = next != null && next.getSender().equals(revision.getSender())
                    && next.getPeriod().equals(revision.getPeriod());
            out.add(new SdmxJson.DataSet("Replace", revision.getGeneratedAt(),
                    sameDataset ? next.getGeneratedAt() : null,
                    select.apply(SdmxObservations.received(dataflow, List.of(revision)))));
        }
        return out;
    }

    /** The dataflows a context, agency, resource and version select (absent parts are wildcards); none is 404. */
    private static List<Dataflow<?>> dataflows(String context, String agency, String resource, String version) {
        String c = context == null ? "*" : context;
        if (!Set.of("dataflow", "datastructure", "*").contains(c)) {
            throw SdmxException.syntax("context '" + c + "': use dataflow, datastructure or *"
                    + (c.equals("provisionagreement") ? " (this node has no provision agreements)" : ""));
        }
        String a = agency == null ? "*" : agency;
        String r = resource == null ? "*" : resource;
        String v = version == null ? "*" : version;
        List<Dataflow<?>> matching = matching(a, r, v);
        if (matching.isEmpty()) {
            throw SdmxException.noResults("no dataflow " + a + ":" + r + "(" + v + ") here; this node serves "
                    + structureIds(Dataflows.all()));
        }
        return matching;
    }

    /** As {@link #dataflows}, for a data message, which holds one structure here: several is 501 naming them. */
    private static Dataflow<?> oneDataflow(String context, String agency, String resource, String version) {
        List<Dataflow<?>> matching = dataflows(context, agency, resource, version);
        if (matching.size() > 1) {
            throw SdmxException.notImplemented("dataflow " + (agency == null ? "*" : agency) + ":"
                    + (resource == null ? "*" : resource) + "(" + (version == null ? "*" : version) + ") matches "
                    + structureIds(matching) + "; a data message here holds one dataflow: name one");
        }
        return matching.getFirst();
    }

    @GetMapping({"/structure/datastructure", "/structure/datastructure/{agency}",
            "/structure/datastructure/{agency}/{id}", "/structure/datastructure/{agency}/{id}/{version}"})
    public ResponseEntity<String> dataStructure(@PathVariable(required = false) String agency,
                                                @PathVariable(required = false) String id,
                                                @PathVariable(required = false) String version,
                                                @RequestParam(required = false) String references,
                                                @RequestParam(required = false) String detail) {
        requireFullDetail(detail);
        List<Dataflow<?>> dataflows = requireArtefacts(agency, id, version);
        boolean withCodelists = references != null
                && Set.of("codelist", "children", "descendants", "all").contains(references);
        return structure(SdmxJson.dataStructure(dataflows, topics.nodeCode(), withCodelists));
    }

    @GetMapping({"/structure/dataflow", "/structure/dataflow/{agency}", "/structure/dataflow/{agency}/{id}",
            "/structure/dataflow/{agency}/{id}/{version}"})
    public ResponseEntity<String> dataflow(@PathVariable(required = false) String agency,
                                           @PathVariable(required = false) String id,
                                           @PathVariable(required = false) String version,
                                           @RequestParam(required = false) String references,
                                           @RequestParam(required = false) String detail) {
        requireFullDetail(detail);
        List<Dataflow<?>> dataflows = requireArtefacts(agency, id, version);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataflows", dataflows.stream().map(SdmxJson::dataflowArtefact).toList());
        // a dataflow's children are its DSD; its descendants (and all) add the DSD's code lists
        if (references != null && Set.of("datastructure", "children", "descendants", "all").contains(references)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> withDsd = (Map<String, Object>) SdmxJson.dataStructure(dataflows, topics.nodeCode(),
                    !references.equals("datastructure") && !references.equals("children")).get("data");
            data.putAll(withDsd);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("meta", SdmxJson.meta(SdmxJson.STRUCTURE_SCHEMA, topics.nodeCode(), clock.instant()));
        message.put("data", data);
        return structure(message);
    }

    @GetMapping({"/structure/codelist/{agency}/{id}/{version}", "/structure/codelist/{agency}/{id}",
            "/structure/codelist/{agency}/{id}/{version}/{item}"})
    public ResponseEntity<String> codelist(@PathVariable String agency, @PathVariable String id,
                                           @PathVariable(required = false) String version,
                                           @PathVariable(required = false) String item,
                                           @RequestParam(required = false) String detail) {
        requireFullDetail(detail);
        Codelists.Codelist codelist = Codelists.find(id).orElseThrow(() -> SdmxException.noResults(
                "no code list " + id + "; this node has " + Codelists.ids()));
        if (!matches(agency, Codelists.AGENCY) || (version != null && !versionMatches(version, Codelists.VERSION))) {
            throw SdmxException.noResults("no artefact " + agency + ":" + id + "(" + version + ")");
        }
        if (item == null || item.equals("*")) {
            return structure(SdmxJson.codelistMessage(topics.nodeCode(), codelist));
        }
        Set<String> items = Set.of(item.split(",", -1));
        if (codelist.codes().stream().noneMatch(c -> items.contains(c.id()))) {
            throw SdmxException.noResults("code list " + id + " has no code " + item);
        }
        return structure(SdmxJson.codelistMessage(topics.nodeCode(), codelist, items::contains));
    }

    /** Only full artefacts are written here: stubs ({@code allstubs}, {@code referencestubs}, ...) are 501. */
    private static void requireFullDetail(String detail) {
        if (detail != null && !detail.equals("full")) {
            throw SdmxException.notImplemented("detail=" + detail + " is not implemented; this node answers "
                    + "detail=full (the default)");
        }
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
        List<Dataflow<?>> found = matching(agency == null ? "*" : agency, id == null ? "*" : id,
                version == null ? "latest" : version);
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
     * Checks that an Accept header allows an SDMX-JSON 2.0 structure message (also {@code application/json} and
     * {@code *}{@code /*}); anything else is 406.
     */
    static void negotiateStructure(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            throw SdmxException.notAcceptable("Accept header '" + accept + "' cannot be parsed");
        }
        for (MediaType t : types) {
            String version = t.getParameter("version");
            String type = t.getType() + "/" + t.getSubtype();
            if (t.getQualityValue() > 0 && (Set.of("application/json", "*/*", "application/*").contains(type)
                    || (type.equals("application/vnd.sdmx.structure+json")
                    && (version == null || Set.of("2.0.0", "2.0", "2").contains(version))))) {
                return;
            }
        }
        throw SdmxException.notAcceptable("none of '" + accept + "' is produced here; use "
                + "application/vnd.sdmx.structure+json;version=2.0.0");
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
