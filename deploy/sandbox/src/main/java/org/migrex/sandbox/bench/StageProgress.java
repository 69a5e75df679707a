package org.migrex.sandbox.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker itself says about a pipeline run, read with the admin API only (no consumer in the bench's way):
 *
 * <ul>
 *   <li>a stage's progress = the offsets its consumer groups have committed on its input topic, summed over
 *       partitions (under exactly-once these commit in the stage's transaction, so they move only with its output);</li>
 *   <li>broker writes per record ({@code hops}) = the growth of every topic's end offset during the run, divided by the
 *       records. End offsets also count transaction markers (one per partition a transaction wrote to), so the figure
 *       is an upper bound; at the bench's batch sizes markers are well under 1 % of the writes.</li>
 * </ul>
 * Internal topics ({@code __consumer_offsets}, {@code __transaction_state}) and the baseline's topic are left out.
 */
final class StageProgress implements AutoCloseable {
    private final Admin admin;
    private final String excludedPrefix;

    StageProgress(String bootstrapServers, String excludedPrefix) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
        this.excludedPrefix = excludedPrefix;
    }

    /** End offset of every counted topic, summed over its partitions. */
    Map<String, Long> endOffsets() {
        try {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.startsWith("__") && !t.startsWith(excludedPrefix)).collect(Collectors.toSet());
            return sumByTopic(latest(partitions(names)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets: " + e, e);
        }
    }

    /** End offsets of one topic's partitions. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            return latest(partitions(Set.of(topic)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of " + topic + ": " + e, e);
        }
    }

    /**
     * Per partition of {@code topic}, the highest offset any consumer group has committed on it (the stage that reads
     * it is the only group in the bench's cluster that does, besides the bench's own assigned consumers, which commit
     * nothing).
     */
    Map<TopicPartition, Long> committed(String topic) {
        try {
            Collection<GroupListing> groups = admin.listGroups().all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> highest = new HashMap<>();
            for (GroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                offsets.forEach((tp, om) -> {
                    if (om != null && tp.topic().equals(topic)) {
                        highest.merge(tp, om.offset(), Math::max);
                    }
                });
            }
            return highest;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read committed offsets on " + topic + ": " + e, e);
        }
    }

    /** Sum of the values. */
    static long sum(Map<?, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per topic, how many writes the run added per record, largest first; and the total under "total". */
    static Map<String, Double> writesPerRecord(Map<String, Long> before, Map<String, Long> after, long records) {
        Map<String, Double> perTopic = new TreeMap<>();
        after.forEach((topic, end) -> {
            long grown = end - before.getOrDefault(topic, 0L);
            if (grown > 0) {
                perTopic.put(topic, grown / (double) records);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        perTopic.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.put("total", perTopic.values().stream().mapToDouble(Double::doubleValue).sum());
        return sorted;
    }

    private List<TopicPartition> partitions(Set<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        return described.values().stream().flatMap(d -> d.partitions().stream()
                .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    private Map<TopicPartition, Long> latest(List<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult result = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static Map<String, Long> sumByTopic(Map<TopicPartition, Long> offsets) {
        Map<String, Long> byTopic = new HashMap<>();
        offsets.forEach((tp, offset) -> byTopic.merge(tp.topic(), offset, Long::sum));
        return byTopic;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
