package org.migrex.harmonization.api;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.migrex.harmonization.config.HarmonizationProperties;
import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.ReferenceDataException;
import org.migrex.harmonization.stream.HarmonizationTopology;
import org.migrex.harmonization.stream.QuarantineReplay;
import org.migrex.harmonization.stream.QuarantineReport;
import org.migrex.harmonization.stream.ReferenceDataHolder;
import org.migrex.schema.QuarantinedRecord;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/** What is in quarantine and why; replay after the reference data changed. */
@RestController
@RequestMapping("/api/v1/quarantine")
public class QuarantineController {
    private final InteractiveQueryService queries;
    private final QuarantineReplay replay;
    private final ReferenceDataHolder reference;
    private final HarmonizationProperties properties;

    public QuarantineController(InteractiveQueryService queries, QuarantineReplay replay,
                                ReferenceDataHolder reference, HarmonizationProperties properties) {
        this.queries = queries;
        this.replay = replay;
        this.reference = reference;
        this.properties = properties;
    }

    /**
     * Counts by rule and field, and per field the {@code top} most frequent values no rule could map, over the
     * quarantine state store of the stream (committed and in-flight writes of this instance): for an OPERATOR over
     * the whole node, for an AGENCY over the records of the sources it owns ({@code migrex.harmonization.sources})
     * only, so over none when it owns none.
     */
    @GetMapping
    @PreAuthorize("hasAnyRole('AGENCY', 'OPERATOR')")
    public QuarantineReport report(@RequestParam(defaultValue = "10") int top, Authentication user) {
        // an agency's report is built only from records of its sources, never filtered after the fact
        Set<String> sources = user.getAuthorities().stream()
                .anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority())) ? null
                : properties.sourcesOwnedBy(user.getName());
        ReadOnlyKeyValueStore<String, QuarantinedRecord> store = queries.getQueryableStore(
                HarmonizationTopology.QUARANTINE_STORE, QueryableStoreTypes.keyValueStore());
        if (store == null) {
            throw new InvalidStateStoreException("the quarantine store is not available yet");
        }
        try (KeyValueIterator<String, QuarantinedRecord> all = store.all()) {
            Iterator<QuarantinedRecord> values = new Iterator<>() {
                private QuarantinedRecord next;

                @Override
                public boolean hasNext() {
                    while (next == null && all.hasNext()) {
                        KeyValue<String, QuarantinedRecord> entry = all.next();
                        if (sources == null || sources.contains(QuarantineReport.sourceOf(entry.key, entry.value))) {
                            next = entry.value;
                        }
                    }
                    return next != null;
                }

                @Override
                public QuarantinedRecord next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    QuarantinedRecord current = next;
                    next = null;
                    return current;
                }
            };
            return QuarantineReport.of(values, sources, reference.current().version(),
                    Math.max(1, Math.min(top, 1000)));
        }
    }

    /**
     * Reloads the reference data and has the stream re-run every quarantined record (inside its own transactions);
     * 200 when done, 202 with the counts so far when it takes longer than {@code migrex.harmonization.replay-timeout}.
     */
    @PostMapping("/replay")
    @PreAuthorize("hasRole('OPERATOR')")
    public ResponseEntity<QuarantineReplay.ReplayResult> replay() throws InterruptedException {
        ReferenceData data = reference.reload();
        QuarantineReplay.Answer answer = replay.replay(data.version(), properties.replayTimeout());
        return ResponseEntity.status(answer.complete() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(answer.result());
    }

    @ExceptionHandler(ReferenceDataException.class)
    ProblemDetail invalidReferenceData(ReferenceDataException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "reference data not reloaded, the previous version stays in use: " + e.getMessage());
        problem.setTitle("Invalid reference data");
        return problem;
    }

    @ExceptionHandler({InvalidStateStoreException.class, IllegalStateException.class})
    ProblemDetail streamNotRunning(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the harmonization stream is not running: " + e.getMessage()
                        + "; retry when /actuator/health/readiness is UP");
        problem.setTitle("Harmonization stream not running");
        return problem;
    }
}
