package org.migrex.exchange.sending;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.RevisionRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivered datasets of this node, for operators: {@code GET /api/v1/datasets/{agreement}/{period}} shows a
 * dataset's status, revision and held late changes; {@code POST /api/v1/datasets/{agreement}/{period}/revisions} with
 * {@code {"reason": "..."}} asks for a revision of a FINAL dataset, which publishes the late changes held since it
 * became FINAL (docs/exchange.md, "FINAL is final and operator revisions").
 *
 * <p>The request is checked here against the dataset's state (read through interactive queries) and written to
 * {@code <cc>.exchange.revision-requests} ({@link RevisionRequests}); the delivery applies it on its stream thread, in
 * the transaction that moves the revision, and checks again (REVISION_DECLINED in the audit if the dataset is no
 * longer revisable or the revised table fails the disclosure check). 202: the request is on the topic, not yet
 * delivered. For the role OPERATOR only.
 */
@RestController
@RequestMapping("/api/v1/datasets")
public class DatasetRevisionController {
    /** Longest reason accepted: a sentence or two for the partner and the audit, not a document. */
    public static final int MAX_REASON_LENGTH = 500;

    private final Map<String, ExchangeAgreement> agreements = new java.util.LinkedHashMap<>();
    private final QueryableStores stores;
    private final RevisionRequests requests;

    public DatasetRevisionController(List<ExchangeAgreement> exchangeAgreements, QueryableStores stores,
            RevisionRequests revisionRequests) {
        exchangeAgreements.forEach(a -> agreements.put(a.id(), a));
        this.stores = stores;
        this.requests = revisionRequests;
    }

    /** The body of a revision request. */
    public record RevisionBody(String reason) {
    }

    /** What was requested (202). */
    public record RevisionAccepted(String agreementId, String period, String reason, String requestedBy,
            Instant requestedAt, long revisionNow, long lateChangesHeld, String outcome) {
    }

    /**
     * A dataset as delivered.
     *
     * @param status PROVISIONAL, FINAL, or NOT_DELIVERED
     * @param revision last delivered revision (0: none)
     * @param lateChangesHeld cell changes held since the dataset became FINAL, published only by a revision
     * @param lastRevisionReason the reason of the last operator's revision; null if none
     * @param finalFrom when the period's dataset is (or was) delivered FINAL
     */
    public record DatasetView(String agreementId, String partner, String dataflow, String period, String status,
            long revision, boolean lateChangesPending, long lateChangesHeld, String lastRevisionReason,
            Instant finalFrom) {
    }

    @GetMapping("/{agreement}/{period}")
    @PreAuthorize("hasRole('OPERATOR')")
    public DatasetView dataset(@PathVariable String agreement, @PathVariable String period) {
        ExchangeAgreement a = agreement(agreement);
        String month = period(a, period);
        return view(a, month, state(a, month));
    }

    @PostMapping("/{agreement}/{period}/revisions")
    @PreAuthorize("hasRole('OPERATOR')")
    public ResponseEntity<RevisionAccepted> revise(@PathVariable String agreement, @PathVariable String period,
            @RequestBody(required = false) RevisionBody body, Principal principal) {
        ExchangeAgreement a = agreement(agreement);
        String month = period(a, period);
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason is missing or blank: send JSON "
                    + "{\"reason\": \"...\"} with why the FINAL dataset is revised (1 to " + MAX_REASON_LENGTH
                    + " characters); it goes to the partner with the revision and into the audit");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason has " + reason.length()
                    + " characters; at most " + MAX_REASON_LENGTH + " are accepted");
        }
        DatasetState state = state(a, month);
        if (state == null || !state.isFinal()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "dataset " + a.id() + " " + month + " is "
                    + (state == null || state.status() == null ? "not delivered yet"
                            : state.status() + " (revision " + state.revision() + ")")
                    + ": only a FINAL dataset is revised on request; it is FINAL from " + a.finalFrom(month)
                    + ", and until then every change is delivered as a PROVISIONAL revision");
        }
        Instant now = Instant.now();
        RevisionRequest request = RevisionRequest.newBuilder().setAgreementId(a.id()).setPeriod(month)
                .setReason(reason).setRequestedBy(principal.getName()).setRequestedAt(now).build();
        try {
            requests.send(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RevisionAccepted(a.id(), month, reason,
                principal.getName(), now, state.revision(), state.lateChangesHeld(),
                "REQUESTED: the delivery sends revision " + (state.revision() + 1)
                        + " if the table changed and passes the disclosure check (see the audit)"));
    }

    private static ResponseStatusException unavailable(Exception e) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the revision request could not be "
                + "written to Kafka (" + e.getClass().getSimpleName() + "); nothing was requested, retry shortly");
    }

    private DatasetView view(ExchangeAgreement a, String month, DatasetState state) {
        String status = state == null || state.status() == null ? "NOT_DELIVERED" : state.status().name();
        long held = state == null ? 0 : state.lateChangesHeld();
        return new DatasetView(a.id(), a.partner(), a.dataflow().id(), month, status,
                state == null ? 0 : state.revision(), held > 0, held, state == null ? null : state.revisionReason(),
                a.finalFrom(month));
    }

    private DatasetState state(ExchangeAgreement a, String month) {
        return stores.read(DatasetProcessor.DATASET_STATE,
                (ReadOnlyKeyValueStore<String, String> store) -> DatasetState.parse(store.get(a.id() + "|" + month)));
    }

    private ExchangeAgreement agreement(String id) {
        ExchangeAgreement a = agreements.get(id);
        if (a == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "agreement '" + id
                    + "' is not an exchange agreement of this node; agreements: " + new TreeSet<>(agreements.keySet()));
        }
        return a;
    }

    /** The period, checked against the agreement's dataflow (a month yyyy-MM, or a quarter YYYY-Qn). */
    private static String period(ExchangeAgreement a, String period) {
        try {
            return a.dataflow().periodType().require("period", period);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage() + ", the periods of "
                    + a.dataflow().id());
        }
    }
}
