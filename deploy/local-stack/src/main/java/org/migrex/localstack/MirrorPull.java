package org.migrex.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kafka's own MirrorMaker 2 (connect-mirror, dedicated mode) as a child process, pulling topics of a partner's
 * cluster into this node's cluster: how a receiver fetches what a sender wrote to its outbox for it, without either
 * holding rights on the other's cluster beyond reading that one topic.
 *
 * <p>One flow, {@code source->target}, runs on the target's side ({@code --clusters <target>}): its Connect herder
 * keeps its configuration, offsets and status in topics of the target cluster, and the offset syncs go there too
 * ({@code offset-syncs.topic.location=target}), so on the source cluster MirrorMaker only describes and reads the
 * listed topics. Topic names are kept ({@code IdentityReplicationPolicy}): the outbox is named after its sender and
 * receiver already. Writes to the target are exactly-once ({@code exactly.once.source.support=enabled}, with the
 * internal REST listener that KIP-710 requires on a free local port) and the source is read {@code read_committed},
 * so an aborted delivery transaction is never copied. Consumer groups, checkpoints, heartbeats, ACLs and topic
 * configurations are not mirrored: none of them is the receiver's business. The worker, alone in its group, reassigns
 * its connectors and tasks as soon as it rejoins ({@code scheduled.rebalance.max.delay.ms=0}): after an outage of the
 * target longer than the rebalance time-out it rejoins as a new member, and with Connect's default it would wait five
 * minutes for its own former self to come back before copying again. (With checkpoints off, MirrorMaker logs
 * once at start that its MirrorCheckpointConnector "can't run with emit.checkpoints.enabled set to false": that is
 * the intended outcome, not a failure.)
 *
 * <p>A supervisor thread restarts MirrorMaker when it exits or reports a task that stopped answering
 * ({@link #UNRESPONSIVE}), as systemd or a Kubernetes liveness probe would in production.
 *
 * <p>Work folder: {@code mm2.properties}, {@code log4j2.properties} and the log {@code mirror-maker.log}.
 */
public final class MirrorPull implements AutoCloseable {
    /** One side of the flow: an alias (the node's country code), its bootstrap servers and its client settings. */
    public record Cluster(String alias, String bootstrapServers, Map<String, String> clientProperties) {
        private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,32}");

        public Cluster {
            if (alias == null || !ALIAS.matcher(alias).matches()) {
                throw new IllegalArgumentException("cluster alias '" + alias
                        + "' is not accepted: 1 to 32 letters, digits, '_' or '-' (a country code, e.g. KAZ)");
            }
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("cluster " + alias + " has no bootstrap servers");
            }
            clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
        }
    }

    /** What MirrorMaker's source task logs once it has partitions to copy (none while the source topic is missing). */
    static final Pattern REPLICATING = Pattern.compile("replicating [1-9][0-9]* topic-partitions");
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    /**
     * What Connect logs when a task or connector did not stop within its grace period. It happens when the target
     * cluster goes away for longer than the worker's session (a cut link): the worker leaves its group, must stop its
     * exactly-once task, whose producer waits on the absent cluster, and the herder never resumes. A supervisor
     * restarts such a MirrorMaker; the restarted one resumes from the offsets committed on the target in the same
     * transactions as the copies, so nothing is copied twice.
     */
    static final String UNRESPONSIVE = "has become unresponsive";
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);
    /** Replicas of MirrorMaker's internal topics unless given: the local stack's clusters have one broker. */
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    /** JVM system property with the replication factor of MirrorMaker's internal topics. */
    public static final String REPLICATION_FACTOR_PROPERTY = "migrex.localstack.mirror.replication-factor";

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private volatile ChildProcess process;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread watchdog;

    private MirrorPull(String name, List<String> command, Path workDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.process = launch();
        this.watchdog = new Thread(this::watch, "migrex-mirror-pull-watchdog");
        this.watchdog.setDaemon(true);
    }

    private ChildProcess launch() {
        return ChildProcess.start(name, command, workDir, workDir.resolve("mirror-maker.log"));
    }

    /** Restarts MirrorMaker when it exited or reported an unresponsive task, until closed. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(WATCH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            ChildProcess current = process;
            boolean stuck = current.isAlive() && current.logSinceStart().contains(UNRESPONSIVE);
            if (closed || (current.isAlive() && !stuck)) {
                continue;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                current.stop(Duration.ofSeconds(5));
                process = launch();
                restarts.incrementAndGet();
            }
        }
    }

    /** How often the supervisor restarted MirrorMaker (it exited, or a task stopped answering). */
    public int restarts() {
        return restarts.get();
    }

    /**
     * Starts MirrorMaker 2 copying {@code topics} (exact names) from {@code source} to {@code target} and waits until
     * its source task copies at least one partition: the topics must exist on the source by then.
     */
    public static MirrorPull start(Path workDir, Cluster source, Cluster target, List<String> topics,
            Duration startTimeout) {
        return start(workDir, source, target, topics, startTimeout, replicationFactorProperty());
    }

    /**
     * The replication factor of MirrorMaker's internal topics from the JVM system property
     * {@value #REPLICATION_FACTOR_PROPERTY}, {@value #DEFAULT_REPLICATION_FACTOR} when it is not set.
     */
    static int replicationFactorProperty() {
        String value = System.getProperty(REPLICATION_FACTOR_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT_REPLICATION_FACTOR;
        }
        try {
            int factor = Integer.parseInt(value);
            requireReplicationFactor(factor);
            return factor;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REPLICATION_FACTOR_PROPERTY + " '" + value + "' is not accepted: a"
                    + " whole number from 1 to " + Short.MAX_VALUE + ", at most the target cluster's brokers ("
                    + DEFAULT_REPLICATION_FACTOR + ", the default, for the local stack's one-broker clusters)");
        }
    }

    /**
     * As {@link #start(Path, Cluster, Cluster, List, Duration)}, with MirrorMaker's internal topics (its herder's
     * configs, offsets and status, the offset syncs) created with {@code replicationFactor} replicas on the target:
     * 1 (the default) for the local stack's one-broker clusters, 3 on a production cluster of three or more brokers.
     */
    public static MirrorPull start(Path workDir, Cluster source, Cluster target, List<String> topics,
            Duration startTimeout, int replicationFactor) {
        requireReplicationFactor(replicationFactor);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topic to mirror from " + source.alias() + " to " + target.alias());
        }
        if (source.alias().equals(target.alias())) {
            throw new IllegalArgumentException("source and target are both '" + source.alias() + "'");
        }
        Path java = JavaRuntime.find();
        Path lib = Distributions.mirrorLib();
        Path properties = workDir.resolve("mm2.properties");
        Path log4j = workDir.resolve("log4j2.properties");
        try {
            Files.createDirectories(workDir);
            Files.writeString(properties, render(configuration(source, target, topics, FreePorts.any(),
                            replicationFactor)),
                    StandardCharsets.UTF_8);
            Files.writeString(log4j, LOG4J2_PROPERTIES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("Cannot write MirrorMaker's configuration in " + workDir + ": "
                    + e.getMessage(), e);
        }
        Path agent = Distributions.writeParentWatchAgent(workDir);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-javaagent:" + agent + "=" + ProcessHandle.current().pid());
        command.add("-Djava.io.tmpdir=" + ChildProcess.tmpDir(workDir));
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(lib.toAbsolutePath() + "/*");
        command.add("org.apache.kafka.connect.mirror.MirrorMaker");
        command.add(properties.toString());
        command.add("--clusters");
        command.add(target.alias());
        MirrorPull pull = new MirrorPull("MirrorMaker 2 " + source.alias() + "->" + target.alias(), command, workDir);
        try {
            pull.awaitReplicating(Instant.now().plus(startTimeout));
        } catch (RuntimeException e) {
            pull.close();
            throw e;
        }
        pull.watchdog.start();
        return pull;
    }

    /** The MirrorMaker 2 configuration of the one flow; see the class comment for why each setting is there. */
    static Map<String, String> configuration(Cluster source, Cluster target, List<String> topics, int restPort) {
        return configuration(source, target, topics, restPort, DEFAULT_REPLICATION_FACTOR);
    }

    /** As above, with {@code replicationFactor} replicas for every internal topic. */
    static Map<String, String> configuration(Cluster source, Cluster target, List<String> topics, int restPort,
            int replicationFactor) {
        requireReplicationFactor(replicationFactor);
        String flow = source.alias() + "->" + target.alias();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("clusters", source.alias() + ", " + target.alias());
        for (Cluster cluster : List.of(source, target)) {
            config.put(cluster.alias() + ".bootstrap.servers", cluster.bootstrapServers());
            cluster.clientProperties().forEach((key, value) -> config.put(cluster.alias() + "." + key, value));
        }
        config.put(flow + ".enabled", "true");
        config.put(target.alias() + "->" + source.alias() + ".enabled", "false");
        config.put(flow + ".topics", String.join(", ", topics.stream().map(Pattern::quote).toList()));
        config.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        config.put("offset-syncs.topic.location", "target");
        config.put(source.alias() + ".consumer.isolation.level", "read_committed");
        config.put(target.alias() + ".exactly.once.source.support", "enabled");
        config.put(target.alias() + ".scheduled.rebalance.max.delay.ms", "0");
        config.put("dedicated.mode.enable.internal.rest", "true");
        config.put("listeners", "http://127.0.0.1:" + restPort);
        config.put("emit.heartbeats.enabled", "false");
        config.put("emit.checkpoints.enabled", "false");
        config.put("sync.group.offsets.enabled", "false");
        config.put("sync.topic.acls.enabled", "false");
        config.put("sync.topic.configs.enabled", "false");
        config.put("refresh.topics.interval.seconds", "5");
        config.put("tasks.max", "1");
        config.put("offset.storage.partitions", "1");
        config.put("status.storage.partitions", "1");
        // every internal topic with the same replicas: 1 on the local stack's single-broker clusters
        for (String key : List.of("replication.factor", "offset-syncs.topic.replication.factor",
                "checkpoints.topic.replication.factor", "heartbeats.topic.replication.factor",
                "config.storage.replication.factor", "offset.storage.replication.factor",
                "status.storage.replication.factor")) {
            config.put(key, Integer.toString(replicationFactor));
        }
        return config;
    }

    private static void requireReplicationFactor(int replicationFactor) {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("MirrorMaker replication factor " + replicationFactor
                    + " is not accepted: 1 to " + Short.MAX_VALUE + " (at most the target cluster's brokers; "
                    + DEFAULT_REPLICATION_FACTOR + " for the local stack's one-broker clusters)");
        }
    }

    static String render(Map<String, String> config) {
        StringBuilder text = new StringBuilder("# written by org.migrex.localstack.MirrorPull\n");
        config.forEach((key, value) -> text.append(escape(key, true)).append(" = ").append(escape(value, false))
                .append('\n'));
        return text.toString();
    }

    /** java.util.Properties escaping (a JAAS value holds '=' and quotes; a key holds "->", whose '>' is plain). */
    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void awaitReplicating(Instant deadline) {
        ChildProcess process = this.process;
        while (true) {
            if (!process.isAlive()) {
                throw new LocalStackException("MirrorMaker 2 exited with code " + process.exitValue()
                        + " before it replicated. Last lines of " + process.log() + ":" + System.lineSeparator()
                        + process.tail(40));
            }
            if (REPLICATING.matcher(process.logSinceStart()).find()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("MirrorMaker 2 did not start replicating in time. Last lines of "
                        + process.log() + ":" + System.lineSeparator() + process.tail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while MirrorMaker 2 started", e);
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process and its live descendants (for tests that check nothing is left behind). */
    public List<ProcessHandle> processes() {
        return process.liveProcesses();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        watchdog.interrupt();
        process.stop(Duration.ofSeconds(10));
    }

    private static final String LOG4J2_PROPERTIES =
            ChildProcess.log4j2Properties("MirrorMaker's log goes to mirror-maker.log");
}
