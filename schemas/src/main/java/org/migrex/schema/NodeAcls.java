package org.migrex.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a node's Kafka cluster: one principal per service, each allowed only what its code does, under
 * a cluster whose authorizer denies everything else. The one definition from which the ACLs are applied
 * ({@link ClusterSetup#apply}: by the sandbox, the tests and compose's {@code setup-<cc>} containers through
 * {@link ClusterSetupMain}) and from which docs/security.md's
 * table is rendered ({@link #markdown}).
 *
 * <p>Principals are {@code User:<cc>-ingestion}, {@code User:<cc>-harmonization} and {@code User:<cc>-exchange}. No
 * service may create or delete the node's topics (an operator creates them, {@link Topic#newTopic}); Kafka Streams
 * may create its own internal topics, which carry its application id as prefix. A partner's exchange may only write
 * this node's inbox, and only when both run on one shared cluster (the sandbox); across clusters nothing of this
 * node is granted to a partner.
 *
 * <p>A partner that pulls ({@code pullPartners}) gets one grant on this cluster: its MirrorMaker 2's principal
 * {@code User:<partner>-mirror} may read and describe {@code <cc>.exchange.outbox.<partner>} and
 * {@code <cc>.exchange.receipts.<partner>}, and nothing else. This node's own MirrorMaker 2,
 * {@code User:<cc>-mirror} here too, may write the copies of that partner's two topics for this node and keep the state
 * of that one flow (its {@code mm2-*.<P>.internal} topics, group and transactional ids), nothing of the node's own.
 *
 * @param topics       the node's topics
 * @param partners     ISO alpha-3 codes of the partners delivering to this node's inbox or receiving from it on the
 *                     same cluster
 * @param pullPartners ISO alpha-3 codes of the partners on their own clusters that pull this node's outbox for them
 *                     (and whose outbox this node pulls)
 */
public record NodeAcls(Topics topics, Set<String> partners, Set<String> pullPartners) {

    public NodeAcls(Topics topics, Set<String> partners) {
        this(topics, partners, Set.of());
    }

    /** {@code User:kgz-mirror}: the principal of a node's MirrorMaker 2, as its partners' clusters know it. */
    public static String mirrorPrincipal(String country) {
        return "User:" + CountryCode.of(country).code().toLowerCase(Locale.ROOT) + "-mirror";
    }

    /** A service of a node, with its principal's name. */
    public enum Service {
        INGESTION, HARMONIZATION, EXCHANGE;

        /** {@code kaz-ingestion}: the user a service of the node authenticates as. */
        public String user(Topics topics) {
            return topics.nodeCode().toLowerCase(Locale.ROOT) + "-" + name().toLowerCase(Locale.ROOT);
        }

        /** {@code User:kaz-ingestion}. */
        public String principal(Topics topics) {
            return "User:" + user(topics);
        }
    }

    /**
     * One grant: a principal may do these operations on a resource.
     *
     * @param principal  {@code User:<name>}
     * @param type       topic, group, transactional id or cluster
     * @param name       resource name, or a prefix
     * @param pattern    {@code LITERAL} or {@code PREFIXED}
     * @param operations what it may do there
     * @param why        the code that needs it, for the documentation
     */
    public record Grant(String principal, ResourceType type, String name, PatternType pattern,
                        List<AclOperation> operations, String why) {
    }

    public NodeAcls {
        partners = Set.copyOf(new TreeSet<>(partners.stream().map(p -> CountryCode.of(p).code()).toList()));
        pullPartners = Set.copyOf(pullPartners.stream().map(p -> CountryCode.of(p).code()).toList());
    }

    private static final List<AclOperation> PRODUCE = List.of(AclOperation.WRITE, AclOperation.DESCRIBE);
    private static final List<AclOperation> CONSUME = List.of(AclOperation.READ, AclOperation.DESCRIBE);
    private static final List<AclOperation> TRANSACT = List.of(AclOperation.WRITE, AclOperation.DESCRIBE);

    /** Every grant of the node, in a stable order. */
    public List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        String ingestion = Service.INGESTION.principal(topics);
        topic(grants, ingestion, topics.rawRecords(), PRODUCE, "publishes each upload (ingestion's producer)");
        grants.add(new Grant(ingestion, ResourceType.TRANSACTIONAL_ID, topics.ingestionTransactionalIdPrefix(),
                PatternType.PREFIXED, TRANSACT, "one transaction per upload"));
        topic(grants, ingestion, topics.intakeQuality(), PRODUCE, "rows received, accepted and rejected per upload");
        topic(grants, ingestion, topics.remittances(), PRODUCE, "accepted rows of the remittance templates");

        String harmonization = Service.HARMONIZATION.principal(topics);
        topic(grants, harmonization, topics.rawRecords(), CONSUME, "the harmonize function's input");
        topic(grants, harmonization, topics.rawRecordsDeadLetter(), PRODUCE, "undecodable raw records (sendToDlq)");
        topic(grants, harmonization, topics.harmonizedEvents(), PRODUCE, "harmonized events");
        topic(grants, harmonization, topics.quarantine(), PRODUCE, "quarantined records");
        topic(grants, harmonization, topics.intakeQuality(), PRODUCE, "records entering or leaving quarantine");
        streams(grants, harmonization, topics.harmonizationApplicationId(), "the harmonize function");

        String exchange = Service.EXCHANGE.principal(topics);
        topic(grants, exchange, topics.harmonizedEvents(), CONSUME, "aggregation's input");
        topic(grants, exchange, topics.harmonizedEventsDeadLetter(), PRODUCE, "undecodable harmonized events");
        topic(grants, exchange, topics.intakeQuality(), CONSUME, "aggregation's input: MIGR_QUALITY's intake counters");
        topic(grants, exchange, topics.remittances(), CONSUME, "remittances' input: REMITTANCES' price points and flows");
        topic(grants, exchange, topics.aggregates(), List.of(AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE), "written by aggregation, read by delivery and receipt");
        topic(grants, exchange, topics.exchangeAudit(), PRODUCE, "delivery's audit trail");
        topic(grants, exchange, topics.revisionRequests(), List.of(AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE), "written by the revision API (an operator's request), read by delivery");
        topic(grants, exchange, topics.deliveryDeadLetter(), PRODUCE, "undecodable records of the delivery's inputs (aggregates, revision requests)");
        topic(grants, exchange, topics.outbox(), List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE),
                "written by delivery, read by forwarding");
        topic(grants, exchange, topics.ownInbox(), CONSUME, "receipt's input");
        topic(grants, exchange, topics.inboxAudit(), PRODUCE, "receipt's audit trail");
        topic(grants, exchange, topics.inboxDeadLetter(), PRODUCE, "undecodable inbox records");
        streams(grants, exchange, topics.exchangeApplicationId(""),
                "the aggregation, remittances, delivery, forwarding and receipt functions (one prefix for their application ids)");
        for (String partner : partners) {
            topic(grants, exchange, Topics.inbox(partner), PRODUCE, "delivery to " + partner + " on this cluster");
            Topics theirs = Topics.forNode(partner);
            topic(grants, Service.EXCHANGE.principal(theirs), topics.ownInbox(), PRODUCE,
                    partner + "'s delivery to this node on a shared cluster");
        }
        for (String partner : new TreeSet<>(pullPartners)) {
            topic(grants, exchange, topics.outboxFor(partner), PRODUCE,
                    "delivery to " + partner + ", which pulls it with MirrorMaker 2");
            topic(grants, exchange, Topics.forNode(partner).outboxFor(topics.nodeCode()), CONSUME,
                    "receipt's input: the copy of " + partner + "'s outbox for this node");
            topic(grants, exchange, topics.receiptsFor(partner), PRODUCE,
                    "receipt's signed receipts for what " + partner + " delivered");
            topic(grants, exchange, Topics.forNode(partner).receiptsFor(topics.nodeCode()), CONSUME,
                    "receipt's input: the copy of " + partner + "'s receipts for what this node delivered");
            topic(grants, mirrorPrincipal(partner), topics.outboxFor(partner), CONSUME,
                    partner + "'s MirrorMaker 2 pulls its outbox");
            topic(grants, mirrorPrincipal(partner), topics.receiptsFor(partner), CONSUME,
                    partner + "'s MirrorMaker 2 pulls its receipts: with the outbox, its only rights on this cluster");
            ownMirror(grants, partner);
        }
        return List.copyOf(grants);
    }

    /**
     * What this node's own MirrorMaker 2 needs on this cluster to copy {@code partner}'s topics for it here: write the
     * two copies, and keep its state for that one flow. In dedicated mode one Connect worker per flow, whose source
     * cluster alias is the partner's code ({@code org.migrex.localstack.MirrorPull}), names its herder topics
     * {@code mm2-configs|offsets|status.<P>.internal} and, with offset syncs on the target,
     * {@code mm2-offset-syncs.<P>.internal}; its group is {@code <P>-mm2}; exactly-once source support fences and
     * writes with the transactional ids {@code connect-cluster-<P>-mm2} (the config topic's leader) and
     * {@code <P>-mm2-MirrorSourceConnector-<task>}. Found by running it against a deny-by-default broker
     * ({@code PullDeliveryIT} runs it with exactly these).
     */
    private void ownMirror(List<Grant> grants, String partner) {
        String mirror = mirrorPrincipal(topics.nodeCode());
        Topics theirs = Topics.forNode(partner);
        topic(grants, mirror, theirs.outboxFor(topics.nodeCode()), PRODUCE,
                "this node's MirrorMaker 2 writes its copy of " + partner + "'s outbox for it");
        topic(grants, mirror, theirs.receiptsFor(topics.nodeCode()), PRODUCE,
                "this node's MirrorMaker 2 writes its copy of " + partner + "'s receipts for it");
        for (String state : List.of("configs", "offsets", "status", "offset-syncs")) {
            grants.add(new Grant(mirror, ResourceType.TOPIC, "mm2-" + state + "." + partner + ".internal",
                    PatternType.LITERAL, List.of(AclOperation.CREATE, AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE),
                    "this node's MirrorMaker 2, flow from " + partner + ": its own state (created by it)"));
        }
        grants.add(new Grant(mirror, ResourceType.GROUP, partner + "-mm2", PatternType.LITERAL, CONSUME,
                "this node's MirrorMaker 2, flow from " + partner + ": its worker group"));
        grants.add(new Grant(mirror, ResourceType.TRANSACTIONAL_ID, "connect-cluster-" + partner + "-mm2",
                PatternType.LITERAL, TRANSACT, "this node's MirrorMaker 2, flow from " + partner
                + ": exactly-once writes of its config topic"));
        grants.add(new Grant(mirror, ResourceType.TRANSACTIONAL_ID, partner + "-mm2-MirrorSourceConnector-",
                PatternType.PREFIXED, TRANSACT, "this node's MirrorMaker 2, flow from " + partner
                + ": exactly-once copies (one id per task)"));
    }

    private static void topic(List<Grant> grants, String principal, Topic<?, ?> topic, List<AclOperation> operations,
                              String why) {
        grants.add(new Grant(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, operations, why));
    }

    /** What a Kafka Streams application with exactly-once needs under its application id. */
    private static void streams(List<Grant> grants, String principal, String applicationId, String why) {
        grants.add(new Grant(principal, ResourceType.GROUP, applicationId, PatternType.PREFIXED,
                List.of(AclOperation.READ, AclOperation.DESCRIBE), why + ": consumer group"));
        grants.add(new Grant(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED,
                List.of(AclOperation.ALL), why + ": its changelog and repartition topics (created, written, read,"
                + " purged by Kafka Streams)"));
        grants.add(new Grant(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
                TRANSACT, why + ": exactly-once transactions"));
    }

    /** The grants as Kafka ACL bindings (allow, any host), to create with {@code Admin.createAcls}. */
    public List<AclBinding> bindings() {
        return bindings(grants());
    }

    static List<AclBinding> bindings(Collection<Grant> grants) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Grant grant : grants) {
            for (AclOperation operation : grant.operations()) {
                bindings.add(new AclBinding(new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
                        new AccessControlEntry(grant.principal(), "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return List.copyOf(bindings);
    }

    /** The grants as the Markdown table of docs/security.md. */
    public String markdown() {
        StringBuilder table = new StringBuilder("| principal | resource | name | pattern | operations | why |\n"
                + "|---|---|---|---|---|---|\n");
        for (Grant grant : grants()) {
            table.append("| `").append(grant.principal()).append("` | ").append(grant.type().name().toLowerCase(Locale.ROOT))
                    .append(" | `").append(grant.name()).append("` | ").append(grant.pattern().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(String.join(", ", grant.operations().stream()
                            .map(o -> o.name()).toList())).append(" | ").append(grant.why()).append(" |\n");
        }
        return table.toString();
    }
}
