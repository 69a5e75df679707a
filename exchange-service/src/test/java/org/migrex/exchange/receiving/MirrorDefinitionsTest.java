package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.receiving.MirrorDefinitions.Code;
import org.migrex.exchange.receiving.MirrorDefinitions.Difference;
import org.migrex.exchange.receiving.MirrorDefinitions.Side;
import org.migrex.exchange.receiving.MirrorDefinitions.Verdict;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.ExchangeDataset;
import org.junit.jupiter.api.Test;

/**
 * KAZ's mirror against KGZ: KAZ's agreement with KGZ (what KGZ compares with its own counts) against KGZ's agreement
 * with KAZ as KGZ's signed datasets state it. Expected sentences, codes and arguments written from the rule, case by
 * case.
 */
class MirrorDefinitionsTest {
    private static final List<String> STANDARD_KEEP = List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD");

    private static ExchangeAgreement ours(Map<String, Set<String>> filter, List<String> keep) {
        return new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ", "MIGR_FLOW", filter, keep, 5, Duration.ofSeconds(5),
                Period.ofMonths(2), "test");
    }

    private static ExchangeDataset theirs(String period, List<String> keep, Map<String, List<String>> filter) {
        return ExchangeDataset.newBuilder().setDatasetId("KGZ:KGZ-KAZ-MIGR_FLOW:" + period + ":r1").setSender("KGZ")
                .setReceiver("KAZ").setAgreementId("KGZ-KAZ-MIGR_FLOW").setDataflow("MIGR_FLOW").setPeriod(period)
                .setRevision(1).setStatus("PROVISIONAL").setGeneratedAt(Instant.EPOCH).setObservations(List.of())
                .setKeyId("KGZ-1").setSignature(java.nio.ByteBuffer.allocate(0)).setKeep(keep).setFilter(filter)
                .build();
    }

    @Test
    void theSandboxsStandardAgreementsMirrorEachOther() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)),
                List.of(theirs("2025-03", STANDARD_KEEP, Map.of("COUNTERPART_AREA", List.of("KAZ")))));
        assertThat(d.differences()).isEmpty();
        assertThat(d.differenceCodes()).isEmpty();
        assertThat(d.comparable()).isTrue();
        assertThat(d.verdict()).isEqualTo(Verdict.COMPARABLE);
        assertThat(d.ours().agreementId()).isEqualTo("KAZ-KGZ-MIGR_FLOW");
        assertThat(d.partners().agreementId()).isEqualTo("KGZ-KAZ-MIGR_FLOW");
    }

    @Test
    void aDimensionSummedOutAndAFilterOnOneSideAreNamed() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)),
                List.of(theirs("2025-03", List.of("FLOW", "SEX", "AGE", "PURPOSE", "TIME_PERIOD"),
                        Map.of("COUNTERPART_AREA", List.of("KAZ"), "PURPOSE", List.of("WORK", "FAMILY")))));
        assertThat(d.comparable()).isFalse();
        assertThat(d.differences()).containsExactly(
                "our agreement keeps DURATION, KGZ's sums it out",
                "KGZ's agreement keeps PURPOSE, ours sums it out",
                "PURPOSE: our agreement covers all codes, KGZ's [FAMILY, WORK]");
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
        assertThat(d.differenceCodes()).containsExactly(
                new Difference(Code.KEPT_BY_ONE_SIDE, Side.OURS, "DURATION", null, null, null, null, null, null),
                new Difference(Code.KEPT_BY_ONE_SIDE, Side.PARTNERS, "PURPOSE", null, null, null, null, null, null),
                new Difference(Code.FILTER_DIFFERS, null, "PURPOSE", null, null, null, null, null,
                        List.of("FAMILY", "WORK")));
    }

    @Test
    void aCounterpartNotRestrictedToUsIsNamed() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ", "TJK")), STANDARD_KEEP)),
                List.of(theirs("2025-03", STANDARD_KEEP, Map.of())));
        assertThat(d.differences()).containsExactly(
                "our agreement covers COUNTERPART_AREA [KGZ, TJK], not only KGZ",
                "KGZ's agreement does not restrict COUNTERPART_AREA to KAZ: its figures may count other countries too");
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
        assertThat(d.differenceCodes()).containsExactly(
                new Difference(Code.COUNTERPART_NOT_ONLY, Side.OURS, null, "KGZ", null, null, List.of("KGZ", "TJK"),
                        null, null),
                new Difference(Code.COUNTERPART_NOT_RESTRICTED, Side.PARTNERS, null, "KAZ", null, null, null, null,
                        null));
    }

    @Test
    void aPartnerThatDoesNotStateItsDefinitionIsUnknownNotComparable() {
        ExchangeDataset old = theirs("2025-03", null, null);
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)), List.of(old));
        assertThat(d.comparable()).isFalse();
        assertThat(d.partners()).isNull();
        assertThat(d.differences()).singleElement().asString().contains("do not state").contains("unknown");
        assertThat(d.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.differenceCodes()).containsExactly(
                new Difference(Code.DEFINITION_NOT_STATED, null, null, "KGZ", null, null, null, null, null));
    }

    @Test
    void noAgreementOfOursAndNoDatasetOfTheirsAreSaid() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW", List.of(), List.of());
        assertThat(d.comparable()).isFalse();
        assertThat(d.differences()).containsExactly(
                "we deliver no MIGR_FLOW to KGZ, so KGZ has none of our figures to compare",
                "no MIGR_FLOW dataset received from KGZ for these months");
        assertThat(d.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.differenceCodes()).containsExactly(
                new Difference(Code.NO_AGREEMENT_OF_OURS, null, null, "KGZ", "MIGR_FLOW", null, null, null, null),
                new Difference(Code.NO_DATASET_OF_THEIRS, null, null, "KGZ", "MIGR_FLOW", null, null, null, null));
    }

    @Test
    void noAgreementOfOursIsUnknownEvenWhenThePartnersDefinitionIsKnown() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(new ExchangeAgreement("KAZ-TJK-MIGR_FLOW", 1, "TJK", "MIGR_FLOW",
                        Map.of("COUNTERPART_AREA", Set.of("TJK")), STANDARD_KEEP, 5, Duration.ofSeconds(5),
                        Period.ofMonths(2), "test")),
                List.of(theirs("2025-03", STANDARD_KEEP, Map.of("COUNTERPART_AREA", List.of("KAZ")))));
        assertThat(d.ours()).isNull();
        assertThat(d.comparable()).isFalse();
        assertThat(d.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.differences()).containsExactly(
                "we deliver no MIGR_FLOW to KGZ, so KGZ has none of our figures to compare");
        assertThat(d.differenceCodes()).extracting(Difference::code).containsExactly(Code.NO_AGREEMENT_OF_OURS);
    }

    @Test
    void aFilterOnBothSidesWithOtherCodesNamesBothCodeLists() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ"), "PURPOSE", Set.of("WORK")), STANDARD_KEEP)),
                List.of(theirs("2025-03", STANDARD_KEEP,
                        Map.of("COUNTERPART_AREA", List.of("KAZ"), "PURPOSE", List.of("WORK", "EDUCATION")))));
        assertThat(d.differences()).containsExactly("PURPOSE: our agreement covers [WORK], KGZ's [EDUCATION, WORK]");
        assertThat(d.differenceCodes()).containsExactly(new Difference(Code.FILTER_DIFFERS, null, "PURPOSE", null, null,
                null, null, List.of("WORK"), List.of("EDUCATION", "WORK")));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
    }

    @Test
    void aPartnersAgreementChangingWithinTheMonthsIsSaidAndTheLatestCompared() {
        MirrorDefinitions d = MirrorDefinitions.compare("KAZ", "KGZ", "MIGR_FLOW",
                List.of(ours(Map.of("COUNTERPART_AREA", Set.of("KGZ")), STANDARD_KEEP)),
                List.of(theirs("2025-02", List.of("FLOW", "SEX", "TIME_PERIOD"), Map.of("COUNTERPART_AREA", List.of("KAZ"))),
                        theirs("2025-03", STANDARD_KEEP, Map.of("COUNTERPART_AREA", List.of("KAZ")))));
        assertThat(d.differences()).containsExactly(
                "KGZ's agreement changed within these months; compared: its latest, KGZ-KAZ-MIGR_FLOW");
        assertThat(d.differenceCodes()).containsExactly(new Difference(Code.PARTNERS_AGREEMENT_CHANGED, null, null,
                "KGZ", null, "KGZ-KAZ-MIGR_FLOW", null, null, null));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_COMPARABLE);
    }

    /** The API's JSON of a difference: its code and the arguments it sets, nothing else. */
    @Test
    void aDifferenceInJsonHasItsCodeAndOnlyTheArgumentsItSets() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(json.writeValueAsString(
                new Difference(Code.KEPT_BY_ONE_SIDE, Side.OURS, "DURATION", null, null, null, null, null, null)))
                .isEqualTo("{\"code\":\"KEPT_BY_ONE_SIDE\",\"side\":\"OURS\",\"dimension\":\"DURATION\"}");
        assertThat(json.writeValueAsString(new Difference(Code.FILTER_DIFFERS, null, "PURPOSE", null, null, null, null,
                null, List.of("FAMILY", "WORK"))))
                .isEqualTo("{\"code\":\"FILTER_DIFFERS\",\"dimension\":\"PURPOSE\",\"partnerCodes\":[\"FAMILY\",\"WORK\"]}");
    }
}
