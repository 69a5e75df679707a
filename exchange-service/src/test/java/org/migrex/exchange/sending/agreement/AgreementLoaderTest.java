package org.migrex.exchange.sending.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.migrex.exchange.dataflow.Dataflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgreementLoaderTest {
    @TempDir
    Path dir;

    private Path agreement(String disclosure) throws Exception {
        return Files.writeString(dir.resolve("kaz-kgz.yml"), """
                id: KAZ-KGZ-MIGR_FLOW
                version: 1
                partner: KGZ
                dataflow: MIGR_FLOW
                filter:
                  COUNTERPART_AREA: [KGZ]
                keep: [FLOW, SEX, TIME_PERIOD]
                """ + disclosure);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aThresholdBelowThreeIsRefusedNamingTheFileTheKeyAndTheMinimum(int k) throws Exception {
        Path file = agreement("disclosure:\n  k: " + k + "\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key 'disclosure.k'")
                .hasMessageContaining("at least 3")
                .hasMessageContaining("got '" + k + "'");
    }

    @Test
    void threeIsTheSmallestThresholdAcceptedAndFiveTheDefault() throws Exception {
        assertThat(AgreementLoader.read(agreement("disclosure:\n  k: 3\n"), "KAZ").k()).isEqualTo(3);
        assertThat(AgreementLoader.read(agreement(""), "KAZ").k()).isEqualTo(5);
    }

    @Test
    void thePseudoPartnerPublicIsAReleaseForPublicationAndOtherNonCountriesAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("kaz-public.yml"), """
                id: KAZ-PUBLIC-MIGR_FLOW
                version: 1
                partner: PUBLIC
                dataflow: MIGR_FLOW
                keep: [FLOW, SEX, TIME_PERIOD]
                """);
        ExchangeAgreement release = AgreementLoader.read(file, "KAZ");
        assertThat(release.partner()).isEqualTo("PUBLIC");
        assertThat(release.isPublic()).isTrue();
        assertThat(release.k()).isEqualTo(5); // the same disclosure rule as any partner's
        assertThat(AgreementLoader.read(agreement(""), "KAZ").isPublic()).isFalse();
        Path lower = Files.writeString(dir.resolve("kaz-public.yml"), Files.readString(file)
                .replace("partner: PUBLIC", "partner: public"));
        assertThatThrownBy(() -> AgreementLoader.read(lower, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining("key 'partner'").hasMessageContaining("or PUBLIC").hasMessageContaining("'public'");
    }

    private Path permits(String dataflow, String filter, String keep) throws Exception {
        return Files.writeString(dir.resolve("kaz-kgz-permits.yml"), """
                id: KAZ-KGZ-MIGR_PERMITS
                version: 1
                partner: KGZ
                dataflow: %s
                filter:
                  %s
                keep: %s
                """.formatted(dataflow, filter, keep));
    }

    @Test
    void aMigrPermitsAgreementIsReadAgainstMigrPermitsDimensions() throws Exception {
        ExchangeAgreement a = AgreementLoader.read(permits("MIGR_PERMITS", "CITIZENSHIP: [KGZ]",
                "[SEX, TIME_PERIOD, PERMIT_TYPE, AGE]"), "KAZ");
        assertThat(a.dataflow()).isSameAs(Dataflows.MIGR_PERMITS);
        assertThat(a.filter()).containsExactly(java.util.Map.entry("CITIZENSHIP", Set.of("KGZ")));
        // in the dataflow's order; PERMIT_TYPE and TIME_PERIOD have no total
        assertThat(a.keep()).containsExactly("PERMIT_TYPE", "SEX", "AGE", "TIME_PERIOD");
        assertThat(a.totalledDimensions()).containsExactly("SEX", "AGE");
        assertThat(a.k()).isEqualTo(5);
    }

    @Test
    void aFlowAndAPermitsAgreementWithOnePartnerLoadTogether() throws Exception {
        agreement("");
        permits("MIGR_PERMITS", "CITIZENSHIP: [KGZ]", "[PERMIT_TYPE, TIME_PERIOD]");
        List<ExchangeAgreement> all = AgreementLoader.load(dir, "KAZ");
        assertThat(all).extracting(ExchangeAgreement::id).containsExactly("KAZ-KGZ-MIGR_FLOW", "KAZ-KGZ-MIGR_PERMITS");
        assertThat(all).extracting(ExchangeAgreement::dataflow)
                .containsExactly(Dataflows.MIGR_FLOW, Dataflows.MIGR_PERMITS);
    }

    @Test
    void aMigrQualityAgreementKeepsSourceTotalledAndNeitherIndicatorNorFlow() throws Exception {
        ExchangeAgreement a = AgreementLoader.read(permits("MIGR_QUALITY", "SOURCE: [template]",
                "[INDICATOR, TIME_PERIOD, SOURCE, FLOW]"), "KAZ");
        assertThat(a.dataflow()).isSameAs(Dataflows.MIGR_QUALITY);
        assertThat(a.filter()).containsExactly(java.util.Map.entry("SOURCE", Set.of("template")));
        assertThat(a.keep()).containsExactly("SOURCE", "FLOW", "INDICATOR", "TIME_PERIOD");
        assertThat(a.totalledDimensions()).containsExactly("SOURCE");
    }

    @Test
    void aMigrAcqAgreementIsReadAgainstMigrAcqDimensions() throws Exception {
        ExchangeAgreement a = AgreementLoader.read(permits("MIGR_ACQ", "CITIZENSHIP: [KGZ]",
                "[AGE, SEX, TIME_PERIOD]"), "KAZ");
        assertThat(a.dataflow()).isSameAs(Dataflows.MIGR_ACQ);
        assertThat(a.keep()).containsExactly("SEX", "AGE", "TIME_PERIOD");
        assertThat(a.totalledDimensions()).containsExactly("SEX", "AGE");
        Path file = permits("MIGR_ACQ", "CITIZENSHIP: [KGZ]", "[PURPOSE, TIME_PERIOD]");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .hasMessageContaining("key 'keep': unknown dimension 'PURPOSE'; MIGR_ACQ has [REF_AREA, CITIZENSHIP,"
                        + " SEX, AGE, TIME_PERIOD]");
    }

    @Test
    void anUnknownDataflowIsRefusedListingTheKnownOnes() throws Exception {
        Path file = permits("MIGR_VISAS", "CITIZENSHIP: [KGZ]", "[SEX, TIME_PERIOD]");
        assertThatThrownBy(() -> AgreementLoader.load(dir, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessage("agreement file " + file + " (agreement KAZ-KGZ-MIGR_PERMITS), key 'dataflow': unknown"
                        + " dataflow 'MIGR_VISAS'; this node delivers [MIGR_FLOW, MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY,"
                        + " MIGR_STOCK, REMITTANCES]");
    }

    @Test
    void aKeptDimensionTheDataflowLacksIsRefusedNamingThatDataflowsDimensions() throws Exception {
        Path file = permits("MIGR_PERMITS", "CITIZENSHIP: [KGZ]", "[PERMIT_TYPE, DURATION, TIME_PERIOD]");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessage("agreement file " + file + " (agreement KAZ-KGZ-MIGR_PERMITS), key 'keep': unknown"
                        + " dimension 'DURATION'; MIGR_PERMITS has [REF_AREA, PERMIT_TYPE, CITIZENSHIP, SEX, AGE,"
                        + " PURPOSE, TIME_PERIOD]");
        // and the other way round: MIGR_FLOW has no PERMIT_TYPE
        Path flow = permits("MIGR_FLOW", "COUNTERPART_AREA: [KGZ]", "[PERMIT_TYPE, TIME_PERIOD]");
        assertThatThrownBy(() -> AgreementLoader.read(flow, "KAZ"))
                .hasMessageContaining("key 'keep': unknown dimension 'PERMIT_TYPE'; MIGR_FLOW has [REF_AREA, FLOW,");
    }

    @Test
    void aFilteredDimensionTheDataflowLacksIsRefused() throws Exception {
        Path file = permits("MIGR_PERMITS", "COUNTERPART_AREA: [KGZ]", "[PERMIT_TYPE, TIME_PERIOD]");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessage("agreement file " + file + " (agreement KAZ-KGZ-MIGR_PERMITS), key"
                        + " 'filter.COUNTERPART_AREA': unknown dimension; MIGR_PERMITS has [REF_AREA, PERMIT_TYPE,"
                        + " CITIZENSHIP, SEX, AGE, PURPOSE, TIME_PERIOD]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "15.5", "'fifteen'"})
    void aProtectionPercentOutside0To100IsRefusedNamingTheKeyAndTheRange(String p) throws Exception {
        Path file = agreement("disclosure:\n  k: 5\n  protection-percent: " + p + "\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key 'disclosure.protection-percent'")
                .hasMessageContaining("from 0 to 100");
    }

    @Test
    void theProtectionPercentIs15ByDefaultAndMayBeSetFrom0To100() throws Exception {
        assertThat(AgreementLoader.read(agreement(""), "KAZ").protectionPercent()).isEqualTo(15);
        assertThat(AgreementLoader.read(agreement("disclosure:\n  protection-percent: 0\n"), "KAZ")
                .protectionPercent()).isZero();
        assertThat(AgreementLoader.read(agreement("disclosure:\n  protection-percent: 100\n"), "KAZ")
                .protectionPercent()).isEqualTo(100);
    }

    @Test
    void anUnknownDisclosureKeyIsRefusedListingTheKnownOnes() throws Exception {
        Path file = agreement("disclosure:\n  protection: 15\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining("key 'disclosure.protection'")
                .hasMessageContaining("[k, protection-percent]");
    }

    private Path remittances(String disclosure) throws Exception {
        return Files.writeString(dir.resolve("rus-tjk-remittances.yml"), """
                id: RUS-TJK-REMITTANCES
                version: 1
                partner: TJK
                dataflow: REMITTANCES
                filter:
                  RECEIVING_AREA: [TJK]
                keep: [INDICATOR, SENDING_AREA, RECEIVING_AREA, AMOUNT, CURRENCY, TIME_PERIOD]
                """ + disclosure);
    }

    @Test
    void aRemittancesAgreementHasNoDisclosureControlAndAKIsRefusedSayingWhy() throws Exception {
        ExchangeAgreement a = AgreementLoader.read(remittances(""), "RUS");
        assertThat(a.dataflow()).isSameAs(Dataflows.REMITTANCES);
        assertThat(a.k()).as("no cell 0 < v < 1: nothing suppressed").isEqualTo(1);
        assertThat(a.totalledDimensions()).isEmpty();
        Path file = remittances("disclosure:\n  k: 5\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "RUS"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key 'disclosure.k': does not apply to REMITTANCES: its values are published"
                        + " prices and money amounts, not counts of persons, so no cell is suppressed; remove the"
                        + " disclosure section");
    }
}
