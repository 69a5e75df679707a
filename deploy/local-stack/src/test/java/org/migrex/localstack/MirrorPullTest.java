package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorPullTest {
    private static final MirrorPull.Cluster KAZ = new MirrorPull.Cluster("KAZ", "localhost:1", Map.of());
    private static final MirrorPull.Cluster KGZ = new MirrorPull.Cluster("KGZ", "localhost:2", Map.of());
    /** MirrorMaker 2's seven replication-factor settings, as connect-mirror 4.x names them. */
    private static final List<String> REPLICATION_KEYS = List.of("replication.factor",
            "offset-syncs.topic.replication.factor", "checkpoints.topic.replication.factor",
            "heartbeats.topic.replication.factor", "config.storage.replication.factor",
            "offset.storage.replication.factor", "status.storage.replication.factor");

    @Test
    void internalTopicsHaveOneReplicaUnlessToldOtherwise() {
        Map<String, String> defaults = MirrorPull.configuration(KAZ, KGZ, List.of("kaz.exchange.outbox.kgz"), 8083);
        REPLICATION_KEYS.forEach(key -> assertThat(defaults).containsEntry(key, "1"));

        Map<String, String> three = MirrorPull.configuration(KAZ, KGZ, List.of("kaz.exchange.outbox.kgz"), 8083, 3);
        REPLICATION_KEYS.forEach(key -> assertThat(three).containsEntry(key, "3"));
        assertThat(three.keySet().stream().filter(key -> key.endsWith("replication.factor")))
                .as("no replication setting is left at another value").hasSameElementsAs(REPLICATION_KEYS);
    }

    @Test
    void theLoneWorkerTakesItsTasksBackAtOnceWhenItRejoins() {
        assertThat(MirrorPull.configuration(KAZ, KGZ, List.of("t"), 8083))
                .as("a worker config, so prefixed with the target alias as exactly.once.source.support is")
                .containsEntry("KGZ.scheduled.rebalance.max.delay.ms", "0")
                .containsEntry("KGZ.exactly.once.source.support", "enabled");
    }

    @Test
    void aReplicationFactorBelowOneOrAboveWhatKafkaTakesIsRefusedByName() {
        for (int refused : new int[] {0, -1, 32768}) {
            assertThatThrownBy(() -> MirrorPull.configuration(KAZ, KGZ, List.of("t"), 8083, refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("replication factor " + refused + " is not accepted: 1 to 32767");
        }
    }

    @Test
    void theSystemPropertySetsTheFactorAndABadOneIsRefusedByName() {
        String before = System.getProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY);
        try {
            System.clearProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY);
            assertThat(MirrorPull.replicationFactorProperty()).isEqualTo(1);
            System.setProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY, " 3 ");
            assertThat(MirrorPull.replicationFactorProperty()).isEqualTo(3);
            for (String bad : List.of("0", "three", "1.5", "40000")) {
                System.setProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY, bad);
                assertThatThrownBy(MirrorPull::replicationFactorProperty)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("migrex.localstack.mirror.replication-factor '" + bad
                                + "' is not accepted: a whole number from 1 to 32767");
            }
        } finally {
            if (before == null) {
                System.clearProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY);
            } else {
                System.setProperty(MirrorPull.REPLICATION_FACTOR_PROPERTY, before);
            }
        }
    }
}
