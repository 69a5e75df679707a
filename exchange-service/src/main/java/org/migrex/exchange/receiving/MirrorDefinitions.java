package org.migrex.exchange.receiving;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param ours            our agreement's definition, or null when we deliver no such dataflow to the partner
 * @param partners        the partner's, from its latest dataset in the months asked, or null when none was received
 *                        or it does not state its definition
 * @param comparable      both definitions are known and no difference was found
 * @param verdict         {@link Verdict#COMPARABLE} when {@code comparable}; {@link Verdict#UNKNOWN} when either
 *                        definition is not known (no agreement of ours, no dataset of the partner's, or one that does
 *                        not state its definition); {@link Verdict#NOT_COMPARABLE} otherwise
 * @param differences     each difference in an English sentence (empty when comparable)
 * @param differenceCodes the same differences, in the same order, as a code and its arguments, for programs and for
 *                        the portal's sentences in other languages
 */
public record MirrorDefinitions(Definition ours, Definition partners, boolean comparable, Verdict verdict,
                                List<String> differences, List<Difference> differenceCodes) {
    private static final String COUNTERPART = "COUNTERPART_AREA";

    /** One side's agreement: its id, the dimensions kept, and the codes each filtered dimension covers. */
    public record Definition(String agreementId, List<String> keep, Map<String, List<String>> filter) {
    }

    /** Whether the two sides count alike: yes, no, or it cannot be said. */
    public enum Verdict {
        COMPARABLE, NOT_COMPARABLE, UNKNOWN
    }

    /** Which side's agreement a difference is about. */
    public enum Side {
        OURS, PARTNERS
    }

    /** What a difference is; each names the {@link Difference} arguments it sets (the others are null). */
    public enum Code {
        /** We deliver no such dataflow to the partner: {@code dataflow}, {@code country} = the partner. */
        NO_AGREEMENT_OF_OURS,
        /** No dataset of the partner's in the months: {@code dataflow}, {@code country} = the partner. */
        NO_DATASET_OF_THEIRS,
        /** The partner's datasets do not state keep and filter (an older sender): {@code country} = the partner. */
        DEFINITION_NOT_STATED,
        /**
         * The partner's keep or filter differs between its datasets in the months; the latest is compared:
         * {@code country} = the partner, {@code agreementId} = its latest agreement's id.
         */
        PARTNERS_AGREEMENT_CHANGED,
        /** A dimension {@code side} keeps and the other side sums out: {@code side}, {@code dimension}. */
        KEPT_BY_ONE_SIDE,
        /**
         * A dimension (other than COUNTERPART_AREA) filtered to other codes on the two sides: {@code dimension},
         * {@code ourCodes}, {@code partnerCodes} (null: that side does not filter it, all codes).
         */
        FILTER_DIFFERS,
        /**
         * {@code side}'s agreement does not filter COUNTERPART_AREA at all, so its figures may count other countries:
         * {@code side}, {@code country} = the country it should be restricted to (the partner for ours, us for the
         * partner's).
         */
        COUNTERPART_NOT_RESTRICTED,
        /**
         * {@code side}'s agreement filters COUNTERPART_AREA to other codes than the one country: {@code side},
         * {@code codes} (what it covers), {@code country} (the one expected).
         */
        COUNTERPART_NOT_ONLY
    }

    /**
     * One difference as a code and its arguments (see {@link Code} for which are set; unset ones are left out of the
     * JSON).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(Code code, Side side, String dimension, String country, String dataflow,
                             String agreementId, List<String> codes, List<String> ourCodes, List<String> partnerCodes) {

        static Difference noAgreementOfOurs(String dataflow, String partner) {
            return new Difference(Code.NO_AGREEMENT_OF_OURS, null, null, partner, dataflow, null, null, null, null);
        }

        static Difference noDatasetOfTheirs(String dataflow, String partner) {
            return new Difference(Code.NO_DATASET_OF_THEIRS, null, null, partner, dataflow, null, null, null, null);
        }

        static Difference definitionNotStated(String partner) {
            return new Difference(Code.DEFINITION_NOT_STATED, null, null, partner, null, null, null, null, null);
        }

        static Difference partnersAgreementChanged(String partner, String agreementId) {
            return new Difference(Code.PARTNERS_AGREEMENT_CHANGED, null, null, partner, null, agreementId, null, null,
                    null);
        }

        static Difference keptByOneSide(Side side, String dimension) {
            return new Difference(Code.KEPT_BY_ONE_SIDE, side, dimension, null, null, null, null, null, null);
        }

        static Difference filterDiffers(String dimension, List<String> ours, List<String> partners) {
            return new Difference(Code.FILTER_DIFFERS, null, dimension, null, null, null, null, ours, partners);
        }

        static Difference counterpartNotRestricted(Side side, String expected) {
            return new Difference(Code.COUNTERPART_NOT_RESTRICTED, side, null, expected, null, null, null, null, null);
        }

        static Difference counterpartNotOnly(Side side, List<String> codes, String expected) {
            return new Difference(Code.COUNTERPART_NOT_ONLY, side, null, expected, null, null, codes, null, null);
        }

        /** The difference in the API's English sentence, the partner being {@code partner}. */
        public String sentence(String partner) {
            String sideName = side == Side.PARTNERS ? partner + "'s agreement" : "our agreement";
            return switch (code) {
                case NO_AGREEMENT_OF_OURS -> "we deliver no " + dataflow + " to " + country + ", so " + country
                        + " has none of our figures to compare";
                case NO_DATASET_OF_THEIRS -> "no " + dataflow + " dataset received from " + country
                        + " for these months";
                case DEFINITION_NOT_STATED -> country + "'s datasets do not state what its agreement keeps and filters"
                        + " (a sender older than that field): whether the two sides count alike is unknown";
                case PARTNERS_AGREEMENT_CHANGED -> country + "'s agreement changed within these months; compared: its"
                        + " latest, " + agreementId;
                case KEPT_BY_ONE_SIDE -> side == Side.OURS
                        ? "our agreement keeps " + dimension + ", " + partner + "'s sums it out"
                        : partner + "'s agreement keeps " + dimension + ", ours sums it out";
                case FILTER_DIFFERS -> dimension + ": our agreement covers " + covered(ourCodes) + ", " + partner + "'s "
                        + covered(partnerCodes);
                case COUNTERPART_NOT_RESTRICTED -> sideName + " does not restrict " + COUNTERPART + " to " + country
                        + ": its figures may count other countries too";
                case COUNTERPART_NOT_ONLY -> sideName + " covers " + COUNTERPART + " " + codes + ", not only "
                        + country;
            };
        }
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
        List<Difference> differences = new ArrayList<>();
        if (ours == null) {
            differences.add(Difference.noAgreementOfOurs(dataflow, partner));
        }
        List<ExchangeDataset> stating = partnerDatasets.stream()
                .filter(d -> d.getKeep() != null || d.getFilter() != null).toList();
        Definition partners = stating.isEmpty() ? null : definitionOf(stating.getLast());
        if (partnerDatasets.isEmpty()) {
            differences.add(Difference.noDatasetOfTheirs(dataflow, partner));
        } else if (partners == null) {
            differences.add(Difference.definitionNotStated(partner));
        } else if (stating.stream().map(MirrorDefinitions::definitionOf).map(d -> List.of(d.keep(), d.filter()))
                .distinct().count() > 1) {
            differences.add(Difference.partnersAgreementChanged(partner, partners.agreementId()));
        }
        if (ours != null && partners != null) {
            compareKeep(ours, partners, differences);
            compareFilters(us, partner, ours, partners, differences);
        }
        Verdict verdict = ours == null || partners == null ? Verdict.UNKNOWN
                : differences.isEmpty() ? Verdict.COMPARABLE : Verdict.NOT_COMPARABLE;
        return new MirrorDefinitions(ours, partners, verdict == Verdict.COMPARABLE, verdict,
                differences.stream().map(d -> d.sentence(partner)).toList(), List.copyOf(differences));
    }

    private static void compareKeep(Definition ours, Definition partners, List<Difference> differences) {
        for (String kept : ours.keep()) {
            if (!partners.keep().contains(kept)) {
                differences.add(Difference.keptByOneSide(Side.OURS, kept));
            }
        }
        for (String kept : partners.keep()) {
            if (!ours.keep().contains(kept)) {
                differences.add(Difference.keptByOneSide(Side.PARTNERS, kept));
            }
        }
    }

    /**
     * COUNTERPART_AREA mirrors (ours covers the partner, the partner's covers us); every other filtered dimension must
     * cover the same codes on both sides, an unfiltered one all codes on both.
     */
    private static void compareFilters(String us, String partner, Definition ours, Definition partners,
            List<Difference> differences) {
        expectOnly(ours.filter().get(COUNTERPART), partner, Side.OURS, differences);
        expectOnly(partners.filter().get(COUNTERPART), us, Side.PARTNERS, differences);
        Set<String> dimensions = new TreeSet<>(ours.filter().keySet());
        dimensions.addAll(partners.filter().keySet());
        dimensions.remove(COUNTERPART);
        for (String dimension : dimensions) {
            List<String> a = ours.filter().get(dimension);
            List<String> b = partners.filter().get(dimension);
            if (!Objects.equals(a, b)) {
                differences.add(Difference.filterDiffers(dimension, a, b));
            }
        }
    }

    private static void expectOnly(List<String> counterparts, String expected, Side side,
            List<Difference> differences) {
        if (counterparts == null) {
            differences.add(Difference.counterpartNotRestricted(side, expected));
        } else if (!counterparts.equals(List.of(expected))) {
            differences.add(Difference.counterpartNotOnly(side, counterparts, expected));
        }
    }

    private static String covered(List<String> codes) {
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
