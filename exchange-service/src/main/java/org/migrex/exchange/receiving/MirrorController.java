package org.migrex.exchange.receiving;

import org.migrex.schema.CountryCode;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.ExchangeDataset;

import org.migrex.exchange.receiving.InboxStore;
import org.migrex.schema.Topics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/mirror?partner=KAZ&dataflow=MIGR_FLOW&period=2025-03} (or {@code from=2025-01&to=2025-06}):
 * the {@link MirrorTable} of this node against one partner, as JSON, or as CSV with {@code format=csv} or
 * {@code Accept: text/csv}.
 *
 * <p>The table shows this node's own counts before disclosure control, so it is for the role STATISTICIAN only (an
 * AGENCY user gets 403), and only for the partners this node has keys for (others get 404): the own side of a
 * mirror table is what partners receive only after suppression.
 */
@RestController
@RequestMapping("/api/v1/mirror")
public class MirrorController {
    private static final int MAX_MONTHS = 120;
    private final Topics topics;
    private final OwnAggregates ownAggregates;
    private final InboxStore inbox;
    private final PartnerKeys partners;
    private final List<ExchangeAgreement> agreements;

    public MirrorController(Topics topics, OwnAggregates ownAggregates, InboxStore inbox, PartnerKeys partners,
            List<ExchangeAgreement> exchangeAgreements) {
        this.topics = topics;
        this.ownAggregates = ownAggregates;
        this.inbox = inbox;
        this.partners = partners;
        this.agreements = exchangeAgreements;
    }

    /**
     * The JSON answer: who compares with whom, how to read the numbers, whether the two sides' agreements define the
     * figures alike ({@link MirrorDefinitions}), and the rows.
     */
    public record MirrorResponse(String us, String partner, String dataflow, List<String> periods,
                                 String difference, String ratio, MirrorDefinitions definitions,
                                 List<MirrorTable.Row> rows) {
    }

    @GetMapping
    @PreAuthorize("hasRole('STATISTICIAN')")
    public ResponseEntity<?> mirror(@RequestParam String partner,
                                    @RequestParam(defaultValue = MirrorTable.DATAFLOW) String dataflow,
                                    @RequestParam(required = false) String period,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String format,
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!CountryCode.isValid(partner)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "partner '" + partner + "' is not an ISO 3166-1 alpha-3 code (e.g. KAZ)");
        }
        String p = CountryCode.of(partner).code();
        if (p.equals(topics.nodeCode())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partner " + p + " is this node itself");
        }
        if (!partners.countries().contains(p)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "partner " + p + " is not a partner of this node;"
                    + " its partners: " + new java.util.TreeSet<>(partners.countries()));
        }
        if (org.migrex.exchange.dataflow.Dataflows.find(dataflow).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dataflow '" + dataflow
                    + "' is not a dataflow of this node (" + org.migrex.exchange.dataflow.Dataflows.ids()
                    + "); mirror tables exist for " + MirrorTable.DATAFLOW + " only");
        }
        if (!MirrorTable.DATAFLOW.equals(dataflow)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dataflow " + dataflow
                    + " has no mirror table: mirror statistics compare a flow both countries count (our emigration"
                    + " to the partner with its immigration from us), and no figure of the partner mirrors "
                    + dataflow + " (permits, grants of citizenship and a node's data quality are counted by one"
                    + " country only); accepted: " + MirrorTable.DATAFLOW);
        }
        List<String> periods = periods(period, from, to);
        List<MirrorTable.Row> rows = MirrorTable.compute(topics.nodeCode(), p, periods, ownAggregates.cells(),
                month -> inbox.find(p, dataflow, month));
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv"));
        if (csv) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"mirror-" + topics.nodeCode() + "-" + p + ".csv\"")
                    .body(MirrorTable.csv(rows));
        }
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format '" + format + "': use json or csv");
        }
        List<ExchangeDataset> received = periods.stream().map(month -> inbox.find(p, dataflow, month))
                .flatMap(Optional::stream).toList();
        MirrorDefinitions definitions = MirrorDefinitions.compare(topics.nodeCode(), p, dataflow, agreements, received);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new MirrorResponse(topics.nodeCode(), p,
                dataflow, periods, "ours - partner's", "partner's / ours (4 decimals)", definitions, rows));
    }

    static List<String> periods(String period, String from, String to) {
        if (period != null) {
            if (from != null || to != null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give either period or from/to, not both");
            }
            return List.of(month("period", period).toString());
        }
        if (from == null || to == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "give period=yyyy-MM, or both from=yyyy-MM and to=yyyy-MM");
        }
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to " + to + " is before from " + from);
        }
        List<String> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            if (months.size() == MAX_MONTHS) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "from " + from + " to " + to + " spans more than " + MAX_MONTHS + " months");
            }
            months.add(m.toString());
        }
        return months;
    }

    private static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " '" + value + "' is not a month yyyy-MM");
        }
    }
}
