package org.migrex.exchange.receiving;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrex.schema.ExchangeDataset;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/inbox?sender=&dataflow=&period=}: the verified datasets this node holds (the newest revision per
 * sender, dataflow and period), with the contract's field names. Every parameter is optional.
 */
@RestController
@RequestMapping("/api/v1/inbox")
public class InboxController {
    private final InboxStore store;

    public InboxController(InboxStore store) {
        this.store = store;
    }

    /**
     * A stored dataset, as in the {@code ExchangeDataset} contract (the signature as it was verified is left out);
     * {@code revisionReason} is the sender's operator's reason for revising a FINAL dataset, null otherwise.
     */
    public record DatasetView(String datasetId, String sender, String receiver, String agreementId, String dataflow,
                              String period, long revision, String status, Instant generatedAt, String keyId,
                              List<ObservationView> observations, String revisionReason) {
        static DatasetView of(ExchangeDataset d) {
            return new DatasetView(d.getDatasetId(), d.getSender(), d.getReceiver(), d.getAgreementId(),
                    d.getDataflow(), d.getPeriod(), d.getRevision(), d.getStatus(), d.getGeneratedAt(), d.getKeyId(),
                    d.getObservations().stream()
                            .map(o -> new ObservationView(new TreeMap<>(o.getDimensions()), o.getValue(), o.getConfStatus()))
                            .toList(), d.getRevisionReason());
        }
    }

    /** One cell: dimension codes, the count (null when suppressed) and CONF_STATUS. */
    public record ObservationView(Map<String, String> dimensions, Long value, String confStatus) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENCY','STATISTICIAN')")
    public List<DatasetView> datasets(@RequestParam(required = false) String sender,
                                      @RequestParam(required = false) String dataflow,
                                      @RequestParam(required = false) String period) {
        return store.query(sender, dataflow, period).stream().map(DatasetView::of).toList();
    }
}
