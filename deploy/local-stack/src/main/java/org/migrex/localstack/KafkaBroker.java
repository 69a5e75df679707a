package org.migrex.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A single-node Kafka KRaft cluster (combined broker and controller) in its own JVM, with the broker's
 * classpath from {@link Distributions#kafkaLib()}. Its folder holds {@code server.properties},
 * {@code log4j2.properties}, {@code controller.port}, the log {@code kafka.log} and the data in {@code data/}.
 *
 * <p>The controller port is chosen once and kept in {@code controller.port}, because the standalone
 * quorum records the controller's endpoint in the metadata log when the storage is formatted.
 */
final class KafkaBroker {

    static final String READY_LINE = "Kafka Server started";
    /** The broker's own SASL user, for its connections to itself; local stack only. */
    static final String SASL_BROKER_USER = "migrex-local-broker";
    static final String SASL_BROKER_PASSWORD = "local-broker-only";
    /** The SASL mechanism of the client listener. */
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** Name of the optional second client listener, advertised at a relay's port. */
    static final String RELAY_LISTENER = "RELAY";
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");
    /** Extra JVM options for the broker, space separated, appended after {@link #JVM_OPTIONS} (so they win). */
    static final String EXTRA_JVM_OPTIONS_PROPERTY = "migrex.localstack.kafka.jvm-options";

    private final Path java;
    private final Path kafkaLib;
    private final Path agentJar;
    private final Path dir;
    private final Path dataDir;
    private final int requestedPort;
    /** SASL/PLAIN users (name to password) of the client listener; empty for a PLAINTEXT listener. */
    private final Map<String, String> saslUsers;
    /** Whether the KRaft StandardAuthorizer denies what no ACL allows (SASL only). */
    private final boolean authorizer;
    /** TLS on the client listener (SASL_SSL), or null for none. */
    private final LocalTls tls;
    /**
     * Port at which the second client listener ({@value #RELAY_LISTENER}) is advertised, where a relay (a test's TCP
     * proxy) forwards to {@link #relayPort}; 0 for no such listener.
     */
    private final int relayAdvertisedPort;
    /** Port the {@value #RELAY_LISTENER} listener binds, chosen once; 0 without it. */
    private final int relayPort;
    private int port;
    private int controllerPort;
    /** Once the broker was ready its ports stay, so that clients find it again after {@code startKafka()}. */
    private boolean portsSettled;
    private boolean formattedByLastLaunch;
    private ChildProcess process;

    KafkaBroker(Path java, Path kafkaLib, Path agentJar, Path dir, int requestedPort,
                Map<String, String> saslUsers, boolean authorizer, LocalTls tls) {
        this(java, kafkaLib, agentJar, dir, requestedPort, saslUsers, authorizer, tls, 0);
    }

    KafkaBroker(Path java, Path kafkaLib, Path agentJar, Path dir, int requestedPort,
                Map<String, String> saslUsers, boolean authorizer, LocalTls tls, int relayAdvertisedPort) {
        if (relayAdvertisedPort < 0 || relayAdvertisedPort > 65535) {
            throw new IllegalArgumentException("relay port " + relayAdvertisedPort
                    + " is not accepted: 1 to 65535, or 0 for no relay listener");
        }
        if (authorizer && saslUsers.isEmpty()) {
            throw new IllegalArgumentException("an authorizer needs SASL users: without them every client is ANONYMOUS");
        }
        if (tls != null && saslUsers.isEmpty()) {
            throw new IllegalArgumentException("TLS here is SASL_SSL: it needs SASL users");
        }
        this.tls = tls;
        this.saslUsers = Map.copyOf(saslUsers);
        this.authorizer = authorizer;
        this.java = java;
        this.kafkaLib = kafkaLib;
        this.agentJar = agentJar;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.requestedPort = requestedPort;
        this.port = FreePorts.resolve(requestedPort, "Kafka");
        this.controllerPort = controllerPort(dir, port);
        this.relayAdvertisedPort = relayAdvertisedPort;
        this.relayPort = relayAdvertisedPort == 0 ? 0 : otherFreePort(port, controllerPort, relayAdvertisedPort);
    }

    /** The port the relay listener binds (a relay at the advertised port forwards here); 0 without one. */
    int relayPort() {
        return relayPort;
    }

    synchronized int port() {
        return port;
    }

    synchronized String bootstrapServers() {
        return "localhost:" + port;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized ChildProcess process() {
        return process;
    }

    /** Formats the storage if it is new, then starts the broker (without waiting for it to be ready). */
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        boolean formatted = Files.exists(dataDir.resolve("meta.properties"));
        if (mayMovePorts() && FreePorts.isListening(port)) {
            // another process took the free port we had picked: pick another one
            port = otherFreePort(controllerPort);
        }
        FreePorts.requireFree(port, "Kafka");
        if (!formatted && FreePorts.isListening(controllerPort)) {
            controllerPort = newControllerPort(dir, port);
        }
        FreePorts.requireFree(controllerPort, "Kafka controller (kept in " + dir.resolve("controller.port") + ")");
        Path serverProperties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(serverProperties, serverProperties(port, controllerPort, dataDir, saslUsers, authorizer,
                    tls, relayPort, relayAdvertisedPort), StandardCharsets.UTF_8);
            Files.writeString(log4j, LOG4J2_PROPERTIES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("Cannot write the Kafka configuration in " + dir + ": " + e.getMessage(), e);
        }
        formattedByLastLaunch = !formatted;
        if (!formatted) {
            format(serverProperties, log4j);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions(EXTRA_JVM_OPTIONS_PROPERTY));
        command.add("-javaagent:" + agentJar + "=" + ProcessHandle.current().pid());
        command.add("-Djava.io.tmpdir=" + ChildProcess.tmpDir(dir));
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(kafkaLib.toAbsolutePath() + "/*");
        command.add("kafka.Kafka");
        command.add(serverProperties.toString());
        process = ChildProcess.start("Kafka broker", command, dir, dir.resolve("kafka.log"));
    }

    /**
     * Blocks until the broker logged that it started and accepts connections on its port. If the broker
     * could not bind a port that this stack had picked itself (another process took it meanwhile), it
     * is started again on other free ports, at most twice.
     */
    void awaitReady(Instant deadline) {
        ChildProcess child = process();
        int relaunches = 0;
        while (true) {
            if (!child.isAlive()) {
                if (relaunches < 2 && mayMovePorts() && isBindFailure(child.logSinceStart())) {
                    relaunches++;
                    moveToOtherPorts();
                    launch();
                    child = process();
                    continue;
                }
                throw new LocalStackException("The Kafka broker exited with code " + child.exitValue()
                        + " before it was ready. Last lines of " + child.log() + ":" + System.lineSeparator() + child.tail(40));
            }
            if (child.logSinceStart().contains(READY_LINE) && FreePorts.isListening(port())) {
                synchronized (this) {
                    portsSettled = true;
                }
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("The Kafka broker on port " + port() + " was not ready in time. Last lines of "
                        + child.log() + ":" + System.lineSeparator() + child.tail(40));
            }
            sleep(100);
        }
    }

    synchronized void stop(Duration grace) {
        if (process != null) {
            process.stop(grace);
        }
    }

    private void format(Path serverProperties, Path log4j) {
        List<String> command = new ArrayList<>(formatCommand(java, kafkaLib, log4j, serverProperties, newClusterId()));
        command.addAll(scramArguments(saslUsers));
        ChildProcess formatter = ChildProcess.start("Kafka storage format", command, dir, dir.resolve("format.log"));
        if (!formatter.waitFor(Duration.ofSeconds(60))) {
            formatter.stop(Duration.ofSeconds(5));
            throw new LocalStackException("Formatting the Kafka storage in " + dataDir + " did not finish in 60 s. Last lines of "
                    + formatter.log() + ":" + System.lineSeparator() + formatter.tail(40));
        }
        if (formatter.exitValue() != 0) {
            throw new LocalStackException("Formatting the Kafka storage in " + dataDir + " failed with exit code "
                    + formatter.exitValue() + ". Last lines of " + formatter.log() + ":" + System.lineSeparator() + formatter.tail(40));
        }
    }

    /**
     * The command that formats the storage of {@code serverProperties} for the cluster {@code clusterId}. The id is
     * joined to its option ({@code --cluster-id=<id>}) because the tool's argument parser takes an id that starts with
     * '-' for another option and fails with "expected one argument".
     */
    static List<String> formatCommand(Path java, Path kafkaLib, Path log4j, Path serverProperties, String clusterId) {
        return List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", kafkaLib.toAbsolutePath() + "/*",
                "kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id=" + clusterId, "--config", serverProperties.toString());
    }

    /**
     * The storage tool's {@code --add-scram} arguments: SCRAM credentials of every user and of the broker itself,
     * written into the metadata log at format time (KIP-900), so the broker can authenticate its first client.
     */
    static List<String> scramArguments(Map<String, String> saslUsers) {
        if (saslUsers.isEmpty()) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        Map<String, String> all = new TreeMap<>(saslUsers);
        all.put(SASL_BROKER_USER, SASL_BROKER_PASSWORD);
        all.forEach((user, password) -> arguments.add("--add-scram=" + SCRAM_MECHANISM + "=[name=" + user
                + ",password=" + password + "]"));
        return arguments;
    }

    /** The broker configuration: one combined broker and controller, reachable only on localhost. */
    static String serverProperties(int port, int controllerPort, Path dataDir) {
        return serverProperties(port, controllerPort, dataDir, Map.of(), false, null);
    }

    /**
     * As above; with {@code saslUsers} the client listener is {@code SASL_PLAINTEXT} with mechanism SCRAM-SHA-512 and
     * only these users (and the broker's own) authenticate (their credentials are added at format, {@link
     * #scramArguments}). Authentication only: no authorizer yet, so an authenticated
     * user may do anything, unless {@code authorizer}: then KRaft's StandardAuthorizer denies whatever no ACL allows,
     * except to the broker's own user (the super user, which also applies the ACLs). With {@code tls} the client
     * listener is {@code SASL_SSL}: SCRAM over TLS with the local certificate; the controller listener stays on
     * localhost without TLS (the broker is its only client).
     */
    static String serverProperties(int port, int controllerPort, Path dataDir, Map<String, String> saslUsers,
                                   boolean authorizer, LocalTls tls) {
        return serverProperties(port, controllerPort, dataDir, saslUsers, authorizer, tls, 0, 0);
    }

    /**
     * As above; with {@code relayPort} > 0 a second client listener, {@value #RELAY_LISTENER}, with the same security
     * as the first binds {@code relayPort} and is advertised at {@code relayAdvertisedPort}, where a relay (a test's
     * TCP proxy) forwards to it. A client that bootstraps at the relay is told that port for every later connection,
     * so all its traffic stays behind the relay, which can then cut it; clients of the first listener are not
     * affected.
     */
    static String serverProperties(int port, int controllerPort, Path dataDir, Map<String, String> saslUsers,
                                   boolean authorizer, LocalTls tls, int relayPort, int relayAdvertisedPort) {
        String listener = saslUsers.isEmpty() ? "PLAINTEXT" : tls != null ? "SASL_SSL" : "SASL_PLAINTEXT";
        List<String> clientListeners = relayPort > 0 ? List.of(listener, RELAY_LISTENER) : List.of(listener);
        List<String> sasl = new ArrayList<>();
        if (tls != null) {
            sasl.addAll(tls.brokerProperties());
        }
        if (!saslUsers.isEmpty()) {
            sasl.add("sasl.mechanism.inter.broker.protocol=" + SCRAM_MECHANISM);
            for (String name : clientListeners) {
                // SCRAM on the client listener: the users' credentials live in the metadata log, not in this file
                String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
                sasl.addAll(List.of(prefix + "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
                        prefix + SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                                + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"" + SASL_BROKER_USER + "\" password=\"" + SASL_BROKER_PASSWORD + "\";"));
            }
        }
        String relayListen = relayPort > 0 ? "," + RELAY_LISTENER + "://localhost:" + relayPort : "";
        String relayAdvertised = relayPort > 0 ? "," + RELAY_LISTENER + "://localhost:" + relayAdvertisedPort : "";
        String relayProtocol = relayPort > 0 ? "," + RELAY_LISTENER + ":" + listener : "";
        String controllerProtocol = "PLAINTEXT";
        if (authorizer) {
            // the controller authorizes its broker too: over SASL the broker is the super user, where a PLAINTEXT
            // controller listener would see it (and anyone reaching that port) as ANONYMOUS
            controllerProtocol = "SASL_PLAINTEXT";
            String brokerOnly = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + SASL_BROKER_USER + "\" password=\"" + SASL_BROKER_PASSWORD + "\" user_" + SASL_BROKER_USER
                    + "=\"" + SASL_BROKER_PASSWORD + "\";";
            // KRaft controllers do not take SCRAM (its credentials are in the log they serve), so PLAIN with one user
            sasl.addAll(List.of("sasl.mechanism.controller.protocol=PLAIN",
                    "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.controller.plain.sasl.jaas.config=" + brokerOnly));
        }
        if (authorizer) {
            sasl.addAll(List.of("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "super.users=User:" + SASL_BROKER_USER, "allow.everyone.if.no.acl.found=false"));
        }
        List<String> lines = new ArrayList<>(List.of(
                "# written by org.migrex.localstack.LocalStack at each start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "listeners=" + listener + "://localhost:" + port + relayListen + ",CONTROLLER://localhost:"
                        + controllerPort,
                "advertised.listeners=" + listener + "://localhost:" + port + relayAdvertised + ",CONTROLLER://localhost:"
                        + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=" + listener + ":" + listener + relayProtocol + ",CONTROLLER:"
                        + controllerProtocol));
        lines.addAll(sasl);
        return String.join("\n", lines) + "\n" + String.join("\n",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    /**
     * A Kafka cluster id: 16 random bytes, URL-safe Base64 without padding (22 characters), never starting with '-'
     * (drawn again, as Kafka's own {@code Uuid.randomUuid()} does, so the id is also safe on any command line).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** Whether a child's log says that it could not bind a server socket (Kafka's and Quarkus' wording). */
    static boolean isBindFailure(String log) {
        return log.contains("Address already in use") || log.contains("BindException")
                || log.contains("seems to be in use by another process");
    }

    private synchronized boolean mayMovePorts() {
        return requestedPort == 0 && !portsSettled;
    }

    /** New free ports; a storage formatted by the failed launch is dropped, as it recorded the old controller port. */
    private synchronized void moveToOtherPorts() {
        if (formattedByLastLaunch) {
            LocalStack.deleteRecursively(dataDir);
            controllerPort = newControllerPort(dir, -1);
        }
        port = otherFreePort(controllerPort);
    }

    private static int otherFreePort(int... taken) {
        while (true) {
            int port = FreePorts.any();
            if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
    }

    static List<String> extraJvmOptions(String property) {
        String options = System.getProperty(property, "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static int controllerPort(Path dir, int brokerPort) {
        Path file = dir.resolve("controller.port");
        try {
            if (Files.exists(file)) {
                return Integer.parseInt(Files.readString(file).trim());
            }
        } catch (IOException | NumberFormatException e) {
            throw new LocalStackException("Cannot read the Kafka controller port in " + file + ": " + e.getMessage(), e);
        }
        return newControllerPort(dir, brokerPort);
    }

    private static int newControllerPort(Path dir, int brokerPort) {
        Path file = dir.resolve("controller.port");
        try {
            int port = otherFreePort(brokerPort);
            Files.createDirectories(dir);
            Files.writeString(file, Integer.toString(port));
            return port;
        } catch (IOException e) {
            throw new LocalStackException("Cannot write the Kafka controller port in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static final String LOG4J2_PROPERTIES = ChildProcess.log4j2Properties("the broker's log goes to kafka.log",
            "logger.statechange.name = state.change.logger", "logger.statechange.level = WARN");
}
