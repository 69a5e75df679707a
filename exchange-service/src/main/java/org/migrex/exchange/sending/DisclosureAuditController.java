package org.migrex.exchange.sending;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.sending.cube.DisclosureAudit;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.CountryCode;
import org.migrex.schema.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/disclosure-audit?partner=KGZ&period=2026-03} (or {@code partner=PUBLIC}, the release for
 * publication): the LP attacker over every table this node
 * published to the partner for the period (every revision of every agreement, read from the delivery's
 * {@code published-tables} store through interactive queries), with each suppressed cell's feasibility interval and
 * whether it meets the agreement's protection rule ({@link DisclosureAudit}).
 *
 * <p>For the role OPERATOR only: the answer shows, for each suppressed cell, whether it is below k. It shows no
 * count and no value of a suppressed cell, only the attacker's bounds, which any partner can compute.
 */
@RestController
@RequestMapping("/api/v1/disclosure-audit")
public class DisclosureAuditController {
    private final Topics topics;
    private final List<ExchangeAgreement> agreements;
    private final QueryableStores stores;

    public DisclosureAuditController(Topics topics, List<ExchangeAgreement> exchangeAgreements,
            QueryableStores stores) {
        this.topics = topics;
        this.agreements = exchangeAgreements;
        this.stores = stores;
    }

    /**
     * The answer.
     *
     * @param passes whether every suppressed cell of every table meets its rule, and every joint system was evaluated
     *     and passes
     * @param attacker what the attacker is assumed to know, in words
     * @param joint per dataflow, the attack on every table the partner holds for the period as one system
     */
    public record AuditResponse(String sender, String partner, String period, boolean passes, String attacker,
            List<DisclosureAudit.Table> tables, List<DisclosureAudit.Joint> joint) {
    }

    static final String ATTACKER = "tables: holds each published table, attacked on its own; joint: holds every table"
            + " of a dataflow published to the partner and the public release for the period, solved as one system"
            + " over the cells of the cross-classification of their dimensions (a cell of an earlier revision counts"
            + " where its count is still the same); knows that an absent cell is 0, a suppressed cell is at least 1"
            + " and every margin is the sum of its cells; bounds are LP bounds rounded inward to whole numbers";

    @GetMapping
    @PreAuthorize("hasRole('OPERATOR')")
    public AuditResponse audit(@RequestParam String partner, @RequestParam String period) {
        // the release for publication (PUBLIC) is audited like any partner's tables
        boolean release = ExchangeAgreement.PUBLIC.equals(partner);
        if (!release && !CountryCode.isValid(partner)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "partner '" + partner + "' is not an ISO 3166-1 alpha-3 code (e.g. KGZ) or PUBLIC");
        }
        String p = release ? partner : CountryCode.of(partner).code();
        TreeSet<String> partners = new TreeSet<>(agreements.stream().map(ExchangeAgreement::partner).toList());
        if (!partners.contains(p)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partner " + p
                    + " has no exchange agreement with this node, so nothing is published to it; partners: "
                    + partners);
        }
        String month;
        try {
            org.migrex.exchange.dataflow.PeriodType.ofPeriod("period", period);
            month = period;
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<PublishedTable> published = publishedTo(p, month);
        // what the partner holds besides: the public release (the public's own audit is of the public tables)
        List<PublishedTable> held = new ArrayList<>(published);
        if (!release && partners.contains(ExchangeAgreement.PUBLIC)) {
            held.addAll(publishedTo(ExchangeAgreement.PUBLIC, month));
        }
        List<DisclosureAudit.Table> tables = published.stream().map(DisclosureAudit::audit).toList();
        List<DisclosureAudit.Joint> joint = DisclosureAudit.joint(p, held, periodCells(month));
        return new AuditResponse(topics.nodeCode(), p, month, tables.stream().allMatch(DisclosureAudit.Table::passes)
                && joint.stream().allMatch(DisclosureAudit.Joint::passes), ATTACKER, tables, joint);
    }

    private List<PublishedTable> publishedTo(String receiver, String month) {
        return stores.read(DatasetProcessor.PUBLISHED_TABLES, (ReadOnlyKeyValueStore<String, String> store) -> {
            List<PublishedTable> tables = new ArrayList<>();
            try (KeyValueIterator<String, String> scan = store.prefixScan(PublishedTable.prefix(receiver, month),
                    new StringSerializer())) {
                while (scan.hasNext()) {
                    KeyValue<String, String> next = scan.next();
                    PublishedTable table = PublishedTable.parse(next.value);
                    tables.add(table.recorded(agreements.stream()
                            .filter(a -> a.id().equals(table.agreementId())).findFirst().orElse(null)));
                }
            }
            return tables;
        });
    }

    /** The period's cells now (the delivery's store), against which the joint attacker reads the tables. */
    private Map<Cell, Long> periodCells(String month) {
        return stores.read(DatasetProcessor.PERIOD_CELLS, (ReadOnlyKeyValueStore<String, Long> store) -> {
            Map<Cell, Long> cells = new LinkedHashMap<>();
            try (KeyValueIterator<String, Long> scan = store.prefixScan(month + "|", new StringSerializer())) {
                while (scan.hasNext()) {
                    KeyValue<String, Long> next = scan.next();
                    cells.put(Cell.parse(next.key.substring(month.length() + 1)), next.value);
                }
            }
            return cells;
        });
    }
}
