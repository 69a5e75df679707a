package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.List;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.dataflow.PeriodType;
import org.migrex.schema.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * REMITTANCES figures derived when read ({@link RemittanceFigures}), as JSON for a reader or the portal
 * (docs/remittances.md), role STATISTICIAN:
 * <ul>
 *   <li>{@code GET /api/v1/remittances/costs?period=2024-Q1} (or {@code from}/{@code to}): SDG 10.c.1 per corridor,
 *       quarter and band of this node's own cube, and the share of corridors above 5 %; with {@code sender=RUS}, of
 *       the latest REMITTANCES dataset received from RUS instead;</li>
 *   <li>{@code GET /api/v1/remittances/mirror?partner=TJK&period=2024-Q1}: our recorded flows with the partner
 *       against its recorded flows with us, in USD (0.0001 units); a side missing is null with a note, never 0.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/remittances")
public class RemittanceController {
    private static final int MAX_QUARTERS = 40;
    private static final String DATAFLOW = Dataflows.REMITTANCES.id();
    private final Topics topics;
    private final OwnAggregates ownAggregates;
    private final InboxStore inbox;
    private final PartnerKeys partners;

    public RemittanceController(Topics topics, OwnAggregates ownAggregates, InboxStore inbox, PartnerKeys partners) {
        this.topics = topics;
        this.ownAggregates = ownAggregates;
        this.inbox = inbox;
        this.partners = partners;
    }

    /** Whose figures, for which quarters, and the costs. */
    public record CostsResponse(String node, String source, List<String> periods,
                                String averageUnit, List<RemittanceFigures.CorridorCost> corridors,
                                List<RemittanceFigures.ShareAboveFive> sharesAboveFivePercent) {
    }

    /** Who compares with whom, how to read the numbers, and the rows. */
    public record MirrorResponse(String us, String partner, List<String> periods, String unit, String difference,
                                 String ratio, List<RemittanceFigures.MirrorRow> rows) {
    }

    @GetMapping("/costs")
    @PreAuthorize("hasRole('STATISTICIAN')")
    public CostsResponse costs(@RequestParam(required = false) String sender,
                               @RequestParam(required = false) String period,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to) {
        List<String> periods = MirrorController.periods(PeriodType.QUARTER, period, from, to, MAX_QUARTERS);
        List<RemittanceFigures.Value> values = new ArrayList<>();
        String source;
        if (sender == null) {
            source = topics.nodeCode() + " (own cube)";
            values.addAll(own(periods));
        } else {
            String s = partner(sender);
            source = s + " (latest dataset received)";
            for (String p : periods) {
                inbox.find(s, DATAFLOW, p).map(RemittanceFigures::ofDataset).ifPresent(values::addAll);
            }
        }
        RemittanceFigures.Costs costs = RemittanceFigures.costs(values);
        return new CostsResponse(topics.nodeCode(), source, periods,
                "averageCost in 0.0001 percentage points; averagePercent in percent (4 decimals, half-even)",
                costs.corridors(), costs.shares());
    }

    @GetMapping("/mirror")
    @PreAuthorize("hasRole('STATISTICIAN')")
    public MirrorResponse mirror(@RequestParam String partner,
                                 @RequestParam(required = false) String period,
                                 @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        String p = partner(partner);
        List<String> periods = MirrorController.periods(PeriodType.QUARTER, period, from, to, MAX_QUARTERS);
        List<RemittanceFigures.MirrorRow> rows = RemittanceFigures.mirror(topics.nodeCode(), p, periods, own(periods),
                q -> inbox.find(p, DATAFLOW, q).map(RemittanceFigures::ofDataset));
        return new MirrorResponse(topics.nodeCode(), p, periods, "USD, 0.0001 units", "ours - partner's",
                "partner's / ours (4 decimals)", rows);
    }

    private String partner(String code) {
        return PartnerParameter.require(code, topics.nodeCode(), partners);
    }

    private List<RemittanceFigures.Value> own(List<String> periods) {
        return RemittanceFigures.ofCube(ownAggregates.cells(), periods::contains);
    }

}
