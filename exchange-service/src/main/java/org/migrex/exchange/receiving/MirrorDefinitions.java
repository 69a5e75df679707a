package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.ExchangeDataset;

/**
 * Whether the two sides of a mirror table count alike: our agreement with the partner (what the partner receives from
 * us, and compares with its own counts) against the partner's agreement with us, as its signed datasets state it
 * ({@code keep} and {@code filter}). A mirror table of unlike definitions still shows its numbers, but this says why
 * they may differ: a dimension one side keeps and the other sums out, a filter on one side only (say PURPOSE=WORK), or a
 * partner's COUNTERPART_AREA that is not restricted to us (its figures could then count other countries).
 *
 * @param ours        our agreement's definition, or null when we deliver no such dataflow to the partner
 * @param partners    the partner's, from its latest dataset in the months asked, or null when none was received or
 *                    it does not state its definition
 * @param comparable  both definitions are known and no difference was found
 * @param differences each difference in a sentence (empty when comparable)
 */
public record MirrorDefinitions(Definition ours, Definition partners, boolean comparable, List<String> differences) {
    private static final String COUNTERPART = "COUNTERPART_AREA";

    /** One side's agreement: its id, the dimensions kept, and the codes each filtered dimension covers. */
    public record Definition(String agreementId, List<String> keep, Map<String, List<String>> filter) {
    }

    /**
     * Compares our agreements with {@code partner} for {@code dataflow} (the first by id when there are several) with
     * the definitions the partner's datasets state, latest period last in {@code partnerDatasets}.
     */
    public static MirrorDefinitions compare(String us, String partner, String dataflow,
            List<ExchangeAgreement> ourAgreements, List<ExchangeDataset> partnerDatasets) {
        Definition ours = ourAgreements.stream()
                .filter(a -> a.partner().equals(partner) && a.dataflow().id().equals(dataflow))
                .min(Comparator.comparing(ExchangeAgreement::id))
                .map(a -> new Definition(a.id(), a.keep(), sorted(a.filter())))
                .orElse(null);
        List<String> differences = new ArrayList<>();
        if (ours == null) {
            differences.add("we deliver no " + dataflow + " to " + partner + ", so " + partner
                    + " has none of our figures to compare");
        }
        List<ExchangeDataset> stating = partnerDatasets.stream()
                .filter(d -> d.getKeep() != null || d.getFilter() != null).toList();
        Definition partners = stating.isEmpty() ? null : definitionOf(stating.getLast());
        if (partnerDatasets.isEmpty()) {
            differences.add("no " + dataflow + " dataset received from " + partner + " for these months");
        } else if (partners == null) {
            differences.add(partner + "'s datasets do not state what its agreement keeps and filters (a sender"
                    + " older than that field): whether the two sides count alike is unknown");
        } else if (stating.stream().map(MirrorDefinitions::definitionOf).map(d -> List.of(d.keep(), d.filter()))
                .distinct().count() > 1) {
            differences.add(partner + "'s agreement changed within these months; compared: its latest, "
                    + partners.agreementId());
        }
        if (ours != null && partners != null) {
            compareKeep(partner, ours, partners, differences);
            compareFilters(us, partner, ours, partners, differences);
        }
        return new MirrorDefinitions(ours, partners, differences.isEmpty(), List.copyOf(differences));
    }

    private static void compareKeep(String partner, Definition ours, Definition partners, List<String> differences) {
        for (String kept : ours.keep()) {
            if (!partners.keep().contains(kept)) {
                differences.add("our agreement keeps " + kept + ", " + partner + "'s sums it out");
            }
        }
        for (String kept : partners.keep()) {
            if (!ours.keep().contains(kept)) {
                differences.add(partner + "'s agreement keeps " + kept + ", ours sums it out");
            }
        }
    }

    /**
     * COUNTERPART_AREA mirrors (ours covers the partner, the partner's covers us); every other filtered dimension must
     * cover the same codes on both sides, an unfiltered one all codes on both.
     */
    private static void compareFilters(String us, String partner, Definition ours, Definition partners,
            List<String> differences) {
        expectOnly(ours.filter().get(COUNTERPART), partner, "our agreement", differences);
        expectOnly(partners.filter().get(COUNTERPART), us, partner + "'s agreement", differences);
        Set<String> dimensions = new TreeSet<>(ours.filter().keySet());
        dimensions.addAll(partners.filter().keySet());
        dimensions.remove(COUNTERPART);
        for (String dimension : dimensions) {
            List<String> a = ours.filter().get(dimension);
            List<String> b = partners.filter().get(dimension);
            if (!Objects.equals(a, b)) {
                differences.add(dimension + ": our agreement covers " + codes(a) + ", " + partner + "'s "
                        + codes(b));
            }
        }
    }

    private static void expectOnly(List<String> counterparts, String expected, String side, List<String> differences) {
        if (counterparts == null) {
            differences.add(side + " does not restrict " + COUNTERPART + " to " + expected
                    + ": its figures may count other countries too");
        } else if (!counterparts.equals(List.of(expected))) {
            differences.add(side + " covers " + COUNTERPART + " " + counterparts + ", not only " + expected);
        }
    }

    private static String codes(List<String> codes) {
        return codes == null ? "all codes" : codes.toString();
    }

    private static Definition definitionOf(ExchangeDataset d) {
        Map<String, List<String>> filter = new TreeMap<>();
        Optional.ofNullable(d.getFilter()).orElse(Map.of())
                .forEach((dimension, codes) -> filter.put(dimension, List.copyOf(new TreeSet<>(codes))));
        return new Definition(d.getAgreementId(), d.getKeep() == null ? List.of() : List.copyOf(d.getKeep()),
                filter);
    }

    private static Map<String, List<String>> sorted(Map<String, Set<String>> filter) {
        Map<String, List<String>> sorted = new TreeMap<>();
        filter.forEach((dimension, codes) -> sorted.put(dimension, List.copyOf(new TreeSet<>(codes))));
        return sorted;
    }
}
