package org.migrex.localstack;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka KRaft broker (kafka_2.13 4.3.1) and a real Apicurio Registry 3.3.3 (Confluent API under
 * {@code /apis/ccompat/v7}), each in its own child JVM on Java 21+, listening on localhost only, with all
 * their data and logs in one work folder:
 * <pre>
 * workDir/
 *   parent-watch.jar              agent that ends a child whose parent JVM was killed
 *   kafka/server.properties       kafka/log4j2.properties  kafka/controller.port
 *   kafka/kafka.log               kafka/format.log         kafka/data/
 *   registry/registry.log         registry/data/registry.mv.db
 * </pre>
 * {@link Builder#start()} blocks until both answer; {@link #close()} stops both (SIGTERM, then SIGKILL
 * after a grace period, process trees included). A JVM shutdown hook closes the stack on Ctrl-C or
 * SIGTERM of this JVM; if this JVM is killed with SIGKILL, each child notices within about a second
 * that its parent is gone and exits by itself ({@link ParentWatch}).
 */
public final class LocalStack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path workDir;
    private final boolean deleteWorkDirOnClose;
    private final Duration startTimeout;
    private final KafkaBroker kafka;
    private final Map<String, String> kafkaSaslUsers;
    private final LocalTls tls;
    private final ApicurioRegistry registry;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalStack(Builder builder, Path workDir, boolean deleteWorkDirOnClose) {
        this.workDir = workDir;
        this.deleteWorkDirOnClose = deleteWorkDirOnClose;
        this.startTimeout = builder.startTimeout;
        // everything is checked before anything is launched
        Path java = JavaRuntime.find();
        Path kafkaLib = builder.withKafka ? Distributions.kafkaLib() : null;
        Path apicurioHome = builder.withRegistry ? Distributions.apicurioHome() : null;
        Path agent = Distributions.writeParentWatchAgent(workDir);
        this.registry = builder.withRegistry
                ? new ApicurioRegistry(java, apicurioHome, agent, workDir.resolve("registry"), builder.registryPort) : null;
        this.tls = builder.withKafka && builder.kafkaTls ? LocalTls.in(workDir.resolve("tls"), java) : null;
        this.kafka = builder.withKafka ? new KafkaBroker(java, kafkaLib, agent, workDir.resolve("kafka"), builder.kafkaPort,
                builder.kafkaSaslUsers, builder.kafkaAuthorizer, tls, builder.kafkaRelayPort) : null;
        this.kafkaSaslUsers = Map.copyOf(builder.kafkaSaslUsers);
        this.shutdownHook = new Thread(() -> {
            if (!isClosed()) {
                LOG.log(Level.INFO, "JVM shutdown: stopping the local stack in {0}", workDir);
                close();
            }
        }, "migrex-local-stack-shutdown");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Kafka client settings (as {@code migrex.kafka.client.*} takes them) with which {@code user} authenticates to a
     * broker started with {@link Builder#kafkaSaslUsers}.
     */
    public Map<String, String> kafkaSaslClientProperties(String user) {
        String password = kafkaSaslUsers.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SASL user '" + user + "' on this broker; users: "
                    + kafkaSaslUsers.keySet());
        }
        return saslProperties(user, password);
    }

    /**
     * Client settings of the broker's super user, which the authorizer lets do anything: to create the node's topics
     * and apply its ACLs, as an operator would.
     */
    public Map<String, String> kafkaSuperUserProperties() {
        if (kafkaSaslUsers.isEmpty()) {
            throw new IllegalStateException("this broker has no SASL listener (Builder.kafkaSaslUsers)");
        }
        return saslProperties(KafkaBroker.SASL_BROKER_USER, KafkaBroker.SASL_BROKER_PASSWORD);
    }

    private Map<String, String> saslProperties(String user, String password) {
        Map<String, String> properties = new java.util.TreeMap<>(Map.of(
                "security.protocol", tls == null ? "SASL_PLAINTEXT" : "SASL_SSL",
                "sasl.mechanism", KafkaBroker.SCRAM_MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";"));
        if (tls != null) {
            properties.putAll(tls.clientProperties());
        }
        return Map.copyOf(properties);
    }

    /** {@code localhost:<port>} of the broker. */
    public String bootstrapServers() {
        return requireKafka().bootstrapServers();
    }

    /**
     * The port the broker's relay listener binds, which a relay at {@link Builder#kafkaRelayListener}'s port forwards
     * to.
     */
    public int kafkaRelayTargetPort() {
        int port = requireKafka().relayPort();
        if (port == 0) {
            throw new IllegalStateException("this broker has no relay listener (Builder.kafkaRelayListener)");
        }
        return port;
    }

    /** {@code http://localhost:<port>} of the registry. */
    public String registryBaseUrl() {
        return requireRegistry().baseUrl();
    }

    /** {@link #registryBaseUrl()} + {@code /apis/ccompat/v7}: the Confluent Schema Registry API, for {@code schema.registry.url}. */
    public String registryConfluentUrl() {
        return registryBaseUrl() + ApicurioRegistry.CONFLUENT_PATH;
    }

    /** The work folder that holds the children's configuration, logs and data. */
    public Path workDir() {
        return workDir;
    }

    /** Stops the broker (as {@link #close()} does), keeping its port and data; for broker-outage tests. */
    public synchronized void stopKafka() {
        requireOpen();
        requireKafka().stop(STOP_GRACE);
    }

    /** Starts the broker again on the same port and data and waits until it is ready; no-op if it runs. */
    public synchronized void startKafka() {
        requireOpen();
        KafkaBroker broker = requireKafka();
        if (broker.isRunning()) {
            return;
        }
        Instant started = Instant.now();
        try {
            broker.launch();
            broker.awaitReady(started.plus(startTimeout));
        } catch (RuntimeException e) {
            broker.stop(Duration.ofSeconds(5));
            throw e;
        }
        LOG.log(Level.INFO, "Kafka broker restarted on {0} in {1} ms", broker.bootstrapServers(),
                Duration.between(started, Instant.now()).toMillis());
    }

    /** The live child processes and their descendants (empty after {@link #close()}). */
    public synchronized List<ProcessHandle> processes() {
        List<ProcessHandle> live = new ArrayList<>();
        for (ChildProcess child : children()) {
            live.addAll(child.liveProcesses());
        }
        return live;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops both children (SIGTERM to each process tree, SIGKILL after {@link #STOP_GRACE}) and deletes
     * the work folder if the stack created it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // both get SIGTERM at once, so their graceful shutdowns overlap
        Thread registryStop = registry == null ? null : Thread.ofPlatform().name("migrex-registry-stop").start(() -> registry.stop(STOP_GRACE));
        if (kafka != null) {
            kafka.stop(STOP_GRACE);
        }
        if (registryStop != null) {
            try {
                registryStop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            // the JVM is already shutting down: this may be the hook itself
        }
        if (deleteWorkDirOnClose) {
            deleteRecursively(workDir);
        }
        LOG.log(Level.INFO, "Local stack in {0} stopped", workDir);
    }

    private void start() {
        Instant started = Instant.now();
        Instant deadline = started.plus(startTimeout);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            // the registry takes longest to start, so it goes first and the broker starts meanwhile
            if (registry != null) {
                registry.launch();
            }
            if (kafka != null) {
                kafka.launch();
                kafka.awaitReady(deadline);
                LOG.log(Level.INFO, "Kafka broker ready on {0} after {1} ms", kafka.bootstrapServers(),
                        Duration.between(started, Instant.now()).toMillis());
            }
            if (registry != null) {
                registry.awaitReady(deadline);
                LOG.log(Level.INFO, "Apicurio registry ready on {0} after {1} ms", registryConfluentUrl(),
                        Duration.between(started, Instant.now()).toMillis());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<ChildProcess> children() {
        List<ChildProcess> children = new ArrayList<>();
        if (kafka != null && kafka.process() != null) {
            children.add(kafka.process());
        }
        if (registry != null && registry.process() != null) {
            children.add(registry.process());
        }
        return children;
    }

    private KafkaBroker requireKafka() {
        if (kafka == null) {
            throw new IllegalStateException("This local stack was built withKafka(false)");
        }
        return kafka;
    }

    private ApicurioRegistry requireRegistry() {
        if (registry == null) {
            throw new IllegalStateException("This local stack was built withRegistry(false)");
        }
        return registry;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This local stack is closed");
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the local stack's work folder {0}: {1}", root, e.getMessage());
        }
    }

    /** Configuration of a {@link LocalStack}; {@link #start()} starts it. */
    public static final class Builder {

        private Path workDir;
        private int kafkaPort;
        private int registryPort;
        private boolean withKafka = true;
        private boolean withRegistry = true;
        private Map<String, String> kafkaSaslUsers = Map.of();
        private boolean kafkaAuthorizer;
        private boolean kafkaTls;
        private int kafkaRelayPort;
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {
        }

        /** Folder of the children's configuration, logs and data; kept on close. Default: a new temporary folder, deleted on close. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Broker port on localhost; 0 (default) picks a free port. */
        public Builder kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** Registry HTTP port on localhost; 0 (default) picks a free port. */
        public Builder registryPort(int registryPort) {
            this.registryPort = registryPort;
            return this;
        }

        /** Whether to start the Kafka broker (default true). */
        public Builder withKafka(boolean withKafka) {
            this.withKafka = withKafka;
            return this;
        }

        /**
         * Makes the broker's client listener SASL_PLAINTEXT (mechanism SCRAM-SHA-512) with these users, name to password;
         * default none (PLAINTEXT). Clients then need {@link LocalStack#kafkaSaslClientProperties}.
         */
        public Builder kafkaSaslUsers(Map<String, String> users) {
            this.kafkaSaslUsers = Map.copyOf(users);
            return this;
        }

        /**
         * With {@link #kafkaSaslUsers}: the broker runs KRaft's StandardAuthorizer and denies what no ACL allows;
         * apply ACLs with {@link LocalStack#kafkaSuperUserProperties}. Default false.
         */
        /**
         * With {@link #kafkaSaslUsers}: the client listener is SASL_SSL (SCRAM over TLS), with a self-signed
         * certificate for localhost made in the work directory ({@code tls/}); {@link LocalStack#kafkaSaslClientProperties}
         * then carry the trust store. Default false.
         */
        public Builder kafkaTls(boolean tls) {
            this.kafkaTls = tls;
            return this;
        }

        /**
         * A second client listener, with the same security as the first, advertised at {@code localhost:advertisedPort}
         * and bound to another free port ({@link LocalStack#kafkaRelayTargetPort}): for a relay (a test's TCP proxy)
         * that listens at {@code advertisedPort} and forwards there. Clients that bootstrap at the relay are told its
         * port for every broker connection, so cutting the relay cuts them off; other clients are not affected. Kafka
         * clients connect to the advertised address, so a proxy in front of the first listener alone would be
         * bypassed after the first metadata answer. Default none.
         */
        public Builder kafkaRelayListener(int advertisedPort) {
            if (advertisedPort < 1 || advertisedPort > 65535) {
                throw new IllegalArgumentException("relay port " + advertisedPort + " is not accepted: 1 to 65535");
            }
            this.kafkaRelayPort = advertisedPort;
            return this;
        }

        public Builder kafkaAuthorizer(boolean authorizer) {
            this.kafkaAuthorizer = authorizer;
            return this;
        }

        /** Whether to start the Apicurio registry (default true). */
        public Builder withRegistry(boolean withRegistry) {
            this.withRegistry = withRegistry;
            return this;
        }

        /** How long {@link #start()} waits for both children together (default 120 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Starts the children and blocks until both are ready. On failure, stops what it started and
         * throws a {@link LocalStackException} that ends with the tail of the failing child's log.
         */
        public LocalStack start() {
            Path dir;
            boolean temporary = workDir == null;
            try {
                dir = temporary ? Files.createTempDirectory("migrex-local-stack-") : Files.createDirectories(workDir.toAbsolutePath());
            } catch (IOException e) {
                throw new LocalStackException("Cannot create the local stack's work folder " + workDir + ": " + e.getMessage(), e);
            }
            LocalStack stack;
            try {
                stack = new LocalStack(this, dir, temporary);
            } catch (RuntimeException e) {
                if (temporary) {
                    deleteRecursively(dir);
                }
                throw e;
            }
            stack.start();
            return stack;
        }
    }
}
