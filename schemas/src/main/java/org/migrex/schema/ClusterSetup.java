package org.migrex.schema;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What an operator does once on a secured cluster, with an admin principal: create the node's topics (no service may)
 * and apply its ACLs ({@link NodeAcls}). Both steps are idempotent: existing topics and ACLs stay as they are.
 */
public final class ClusterSetup {
    private ClusterSetup() {
    }

    /**
     * Creates the missing topics of the node and its ACLs.
     *
     * @param admin             an admin client of a principal allowed to create topics and ACLs
     * @param acls              the node's ACL definition (its topics are created)
     * @param partitions        partitions of created topics
     * @param replicationFactor replication factor of created topics
     */
    public static void apply(Admin admin, NodeAcls acls, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        createTopics(admin, acls.topics(), partitions, replicationFactor);
        // a pull partner's outbox and receipts here and the copies of its outbox and receipts for this node: one
        // partition each, as MirrorMaker keeps partition numbers between the two clusters
        List<Topic<?, ?>> pull = new java.util.ArrayList<>();
        for (String partner : acls.pullPartners()) {
            pull.add(acls.topics().outboxFor(partner));
            pull.add(Topics.forNode(partner).outboxFor(acls.topics().nodeCode()));
            pull.add(acls.topics().receiptsFor(partner));
            pull.add(Topics.forNode(partner).receiptsFor(acls.topics().nodeCode()));
        }
        create(admin, pull, 1, replicationFactor);
        admin.createAcls(acls.bindings()).all().get(30, TimeUnit.SECONDS);
    }

    /** Creates the node's topics that do not exist yet (an unsecured cluster needs only this). */
    public static void createTopics(Admin admin, Topics topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        create(admin, topics.all(), partitions, replicationFactor);
    }

    private static void create(Admin admin, List<Topic<?, ?>> topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                .map(t -> t.newTopic(partitions, replicationFactor)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }
}
