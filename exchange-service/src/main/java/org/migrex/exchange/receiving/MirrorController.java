package org.migrex.exchange.receiving;

import org.migrex.exchange.dataflow.PeriodType;


import java.util.List;
import java.util.Locale;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;

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
 * {@code Accept: text/csv}. Both say whether the two sides count alike ({@link MirrorDefinitions}): the JSON in full
 * ({@code definitions}), the CSV as its verdict in a {@code definitions} column on every row.
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
        String p = PartnerParameter.require(partner, topics.nodeCode(), partners);
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
        MirrorTable.Received received = MirrorTable.Received.lookUp(periods, month -> inbox.find(p, dataflow, month));
        List<MirrorTable.Row> rows = MirrorTable.compute(topics.nodeCode(), p, periods, ownAggregates.cells(),
                received::of);
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv"));
        if (!csv && format != null && !"json".equalsIgnoreCase(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format '" + format + "': use json or csv");
        }
        MirrorDefinitions definitions = MirrorDefinitions.compare(topics.nodeCode(), p, dataflow, agreements,
                received.datasets());
        if (csv) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"mirror-" + topics.nodeCode() + "-" + p + ".csv\"")
                    .body(MirrorTable.csv(rows, definitions.verdict()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new MirrorResponse(topics.nodeCode(), p,
                dataflow, periods, "ours - partner's", "partner's / ours (4 decimals)", definitions, rows));
    }

    static List<String> periods(String period, String from, String to) {
        return periods(PeriodType.MONTH, period, from, to);
    }

    /** The periods asked for: {@code period}, or every one from {@code from} to {@code to}, of the given type. */
    static List<String> periods(PeriodType type, String period, String from, String to) {
        return periods(type, period, from, to, MAX_MONTHS);
    }

    /** As above, at most {@code max} periods. */
    static List<String> periods(PeriodType type, String period, String from, String to, int max) {
        try {
            if (period != null) {
                if (from != null || to != null) {
                    throw new IllegalArgumentException("give either period or from/to, not both");
                }
                return List.of(type.require("period", period));
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("give period=" + type.formatAndExample().replace(", e.g. ", " (e.g. ")
                        + "), or both from and to");
            }
            return type.range(from, to, max);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
