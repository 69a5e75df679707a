package org.migrex.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The least-privilege rules users rely on, written out by hand, and the documentation rendered from the definition. */
class NodeAclsTest {
    private static final NodeAcls KAZ = new NodeAcls(Topics.forNode("KAZ"), Set.of("kgz"));

    /** The rows of the table that a pull partner (TJK) adds to KAZ's. */
    static String pullRows() {
        String table = new NodeAcls(Topics.forNode("KAZ"), Set.of(), Set.of("TJK")).markdown();
        return table.lines().filter(line -> line.matches(".*((outbox|receipts)\\.(tjk|kaz)|mirror).*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<String> allowed(String principal, String topic) {
        return KAZ.bindings().stream().filter(b -> b.entry().principal().equals(principal))
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .filter(b -> b.pattern().patternType() == PatternType.LITERAL ? b.pattern().name().equals(topic)
                        : topic.startsWith(b.pattern().name()))
                .map(b -> b.entry().operation().name()).sorted().toList();
    }

    @Test
    void eachServiceMayTouchOnlyTheTopicsItsCodeUses() {
        assertThat(allowed("User:kaz-ingestion", "kaz.raw.records")).containsExactly("DESCRIBE", "WRITE");
        assertThat(allowed("User:kaz-ingestion", "kaz.harmonized.events")).isEmpty();
        assertThat(allowed("User:kaz-ingestion", "kaz.remittances")).containsExactly("DESCRIBE", "WRITE");
        assertThat(allowed("User:kaz-harmonization", "kaz.remittances")).as("no person in them: not harmonized")
                .isEmpty();
        assertThat(allowed("User:kaz-exchange", "kaz.remittances")).as("the remittances function reads them")
                .containsExactly("DESCRIBE", "READ");
        assertThat(allowed("User:kaz-harmonization", "kaz.raw.records")).containsExactly("DESCRIBE", "READ");
        assertThat(allowed("User:kaz-harmonization", "kaz.harmonized.events")).containsExactly("DESCRIBE", "WRITE");
        assertThat(allowed("User:kaz-harmonization", "kaz.aggregates")).isEmpty();
        assertThat(allowed("User:kaz-exchange", "kaz.raw.records")).as("no service but harmonization reads raw records")
                .isEmpty();
        assertThat(allowed("User:kaz-exchange", "kaz.harmonized.events")).containsExactly("DESCRIBE", "READ");
        assertThat(allowed("User:kaz-exchange", "exchange.KGZ.inbox")).containsExactly("DESCRIBE", "WRITE");
        assertThat(allowed("User:kaz-exchange", "exchange.UZB.inbox")).as("not a partner").isEmpty();
        assertThat(allowed("User:kaz-exchange", "migrex-kaz-exchange-aggregation-person-histories-changelog"))
                .containsExactly("ALL");
    }

    @Test
    void aPartnerMayOnlyWriteThisNodesInbox() {
        List<AclBinding> partner = KAZ.bindings().stream()
                .filter(b -> b.entry().principal().equals("User:kgz-exchange")).toList();

        assertThat(partner).extracting(b -> b.pattern().name() + " " + b.entry().operation())
                .containsExactlyInAnyOrder("exchange.KAZ.inbox WRITE", "exchange.KAZ.inbox DESCRIBE");
    }

    @Test
    void aPullingPartnersMirrorMakerMayOnlyReadItsOwnOutboxAndReceipts() {
        NodeAcls kaz = new NodeAcls(Topics.forNode("KAZ"), Set.of(), Set.of("tjk"));
        List<AclBinding> mirror = kaz.bindings().stream()
                .filter(b -> b.entry().principal().equals("User:tjk-mirror")).toList();

        assertThat(mirror).extracting(b -> b.pattern().resourceType() + " " + b.pattern().patternType() + " "
                        + b.pattern().name() + " " + b.entry().operation())
                .containsExactlyInAnyOrder("TOPIC LITERAL kaz.exchange.outbox.tjk READ",
                        "TOPIC LITERAL kaz.exchange.outbox.tjk DESCRIBE",
                        "TOPIC LITERAL kaz.exchange.receipts.tjk READ",
                        "TOPIC LITERAL kaz.exchange.receipts.tjk DESCRIBE");
        assertThat(kaz.bindings()).as("no partner exchange principal at all: nothing is written across")
                .noneMatch(b -> b.entry().principal().equals("User:tjk-exchange"));
        assertThat(kaz.bindings()).filteredOn(b -> b.entry().principal().equals("User:kaz-exchange"))
                .filteredOn(b -> b.pattern().name().matches(".*(outbox|receipts)\\..*"))
                .extracting(b -> b.pattern().name() + " " + b.entry().operation())
                .containsExactlyInAnyOrder("kaz.exchange.outbox.tjk WRITE", "kaz.exchange.outbox.tjk DESCRIBE",
                        "tjk.exchange.outbox.kaz READ", "tjk.exchange.outbox.kaz DESCRIBE",
                        "kaz.exchange.receipts.tjk WRITE", "kaz.exchange.receipts.tjk DESCRIBE",
                        "tjk.exchange.receipts.kaz READ", "tjk.exchange.receipts.kaz DESCRIBE");
    }

    @Test
    void thisNodesMirrorMakerMayOnlyWriteTheCopiesAndKeepItsOwnStateForThatFlow() {
        NodeAcls kaz = new NodeAcls(Topics.forNode("KAZ"), Set.of(), Set.of("tjk"));
        List<AclBinding> mirror = kaz.bindings().stream()
                .filter(b -> b.entry().principal().equals("User:kaz-mirror")).toList();

        List<String> expected = new java.util.ArrayList<>(List.of(
                "TOPIC LITERAL tjk.exchange.outbox.kaz WRITE", "TOPIC LITERAL tjk.exchange.outbox.kaz DESCRIBE",
                "TOPIC LITERAL tjk.exchange.receipts.kaz WRITE", "TOPIC LITERAL tjk.exchange.receipts.kaz DESCRIBE",
                "GROUP LITERAL TJK-mm2 READ", "GROUP LITERAL TJK-mm2 DESCRIBE",
                "TRANSACTIONAL_ID LITERAL connect-cluster-TJK-mm2 WRITE",
                "TRANSACTIONAL_ID LITERAL connect-cluster-TJK-mm2 DESCRIBE",
                "TRANSACTIONAL_ID PREFIXED TJK-mm2-MirrorSourceConnector- WRITE",
                "TRANSACTIONAL_ID PREFIXED TJK-mm2-MirrorSourceConnector- DESCRIBE"));
        for (String state : List.of("configs", "offsets", "status", "offset-syncs")) {
            for (String operation : List.of("CREATE", "DESCRIBE", "DESCRIBE_CONFIGS", "READ", "WRITE")) {
                expected.add("TOPIC LITERAL mm2-" + state + ".TJK.internal " + operation);
            }
        }
        assertThat(mirror).extracting(b -> b.pattern().resourceType() + " " + b.pattern().patternType() + " "
                        + b.pattern().name() + " " + b.entry().operation())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new NodeAcls(Topics.forNode("KAZ"), Set.of("kgz")).bindings())
                .as("no MirrorMaker at all without a pulling partner")
                .noneMatch(b -> b.entry().principal().endsWith("-mirror"));
    }

    @Test
    void noServiceMayCreateDeleteOrReconfigureTheNodesOwnTopics() {
        for (Topic<?, ?> topic : KAZ.topics().all()) {
            assertThat(KAZ.bindings()).filteredOn(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                    .filteredOn(b -> b.pattern().patternType() == PatternType.LITERAL
                            ? b.pattern().name().equals(topic.name()) : topic.name().startsWith(b.pattern().name()))
                    .extracting(b -> b.entry().operation())
                    .as(topic.name())
                    .doesNotContain(AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER,
                            AclOperation.ALTER_CONFIGS, AclOperation.ALL);
        }
        assertThat(KAZ.bindings()).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER);
    }

    @Test
    void auditTrailsAreKeptWithNoTimeLimit() {
        assertThat(KAZ.topics().exchangeAudit().newTopic(1, (short) 1).configs()).containsEntry("retention.ms", "-1");
        assertThat(KAZ.topics().inboxAudit().newTopic(1, (short) 1).configs()).containsEntry("retention.ms", "-1");
        assertThat(KAZ.topics().rawRecords().newTopic(1, (short) 1).configs()).doesNotContainKey("retention.ms");
    }

    @Test
    void theDocumentedTableIsTheDefinition() throws Exception {
        String docs = Files.readString(Path.of("../docs/security.md"), StandardCharsets.UTF_8);

        assertThat(docs).as("docs/security.md holds NodeAcls(KAZ, partner KGZ).markdown(); paste it there")
                .contains(KAZ.markdown());
        assertThat(docs).as("docs/security.md holds the pull grants of NodeAcls(KAZ, pull partner TJK); paste them")
                .contains(pullRows());
    }
}
