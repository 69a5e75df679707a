package org.migrex.harmonization.api;

import org.migrex.harmonization.reference.ReferenceDataException;
import org.migrex.harmonization.stream.QuarantineReplayer;
import org.migrex.harmonization.stream.QuarantineReport;
import org.migrex.harmonization.stream.QuarantineView;
import org.migrex.harmonization.stream.ReferenceDataHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What is in quarantine and why; replay after the reference data changed. */
@RestController
@RequestMapping("/api/v1/quarantine")
public class QuarantineController {
    private final QuarantineView view;
    private final QuarantineReplayer replayer;
    private final ReferenceDataHolder reference;

    public QuarantineController(QuarantineView view, QuarantineReplayer replayer, ReferenceDataHolder reference) {
        this.view = view;
        this.replayer = replayer;
        this.reference = reference;
    }

    /** Counts by rule and field, and per field the {@code top} most frequent values no rule could map. */
    @GetMapping
    @PreAuthorize("hasAnyRole('AGENCY', 'OPERATOR')")
    public QuarantineReport report(@RequestParam(defaultValue = "10") int top) {
        return view.report(reference.current().version(), Math.max(1, Math.min(top, 1000)));
    }

    /** Reloads the reference data and re-runs every quarantined record; those that now map flow on. */
    @PostMapping("/replay")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AGENCY')")
    public QuarantineReplayer.ReplayResult replay() {
        return replayer.replay();
    }

    @ExceptionHandler(ReferenceDataException.class)
    ProblemDetail invalidReferenceData(ReferenceDataException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "reference data not reloaded, the previous version stays in use: " + e.getMessage());
        problem.setTitle("Invalid reference data");
        return problem;
    }
}
