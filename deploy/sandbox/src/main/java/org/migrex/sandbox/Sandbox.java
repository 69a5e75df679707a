package org.migrex.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.MirrorPull;
import org.migrex.sandbox.demo.RegionRemittances;
import org.migrex.schema.ClusterSetup;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.NodeAcls;
import org.migrex.schema.Topics;

/**
 * A sandbox region: one Kafka broker and one schema registry shared by several nodes (or, with
 * {@link SandboxConfig#separateClusters()}, one of each per node and a MirrorMaker 2 per ordered pair of nodes pulling
 * the sender's outbox and receipts for the receiver into the receiver's cluster), each node running its ingestion,
 * harmonization and exchange services as child JVMs, with every topic created explicitly, a signing key pair per node
 * and the standard bilateral agreement between every ordered pair of nodes. When {@link SandboxConfig#admin()} is set,
 * an admin console (Spring Boot Admin) runs beside them and every service is registered with it.
 *
 * <p>{@link #start} returns once every service reports UP on {@code /actuator/health/readiness}; {@link #close} stops
 * the services (SIGTERM, then SIGKILL after a grace period) and then the broker and registry, leaving no process behind.
 * This is the code behind {@code ./migrex sandbox}, {@code ./migrex demo}, {@code ./migrex bench} and {@code SandboxIT}.
 */
public final class Sandbox implements AutoCloseable {
    private static final String MARKER = ".migrex-sandbox";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final SandboxConfig config;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private AdminConsole admin;
    /** Each node's cluster: the same shared stack for every node, or the node's own. */
    private final Map<String, LocalStack> stacks = new LinkedHashMap<>();
    private final List<MirrorPull> mirrors = new ArrayList<>();
    private boolean closed;
    private volatile boolean closing;
    private Duration readyAfter;

    private Sandbox(SandboxConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts the region and waits until every service is ready; on failure stops what it started and throws. */
    public static Sandbox start(SandboxConfig config, PrintStream out) {
        Sandbox sandbox = new Sandbox(config, out);
        try {
            sandbox.run();
            return sandbox;
        } catch (RuntimeException | Error e) {
            sandbox.close();
            throw e;
        }
    }

    private void run() {
        long started = System.nanoTime();
        Map<ServiceKind, Path> jars = requireJars();
        Path adminJar = config.admin() ? requireAdminJar() : null;
        prepareWorkDir();
        if (config.separateClusters()) {
            startSeparateClusters();
        } else {
            out.printf("Starting Kafka (port %d) and the schema registry (port %d) in %s%n",
                    config.ports().kafkaPort(), config.ports().registryPort(), config.workDir());
            LocalStack.Builder stackBuilder = LocalStack.builder()
                    .workDir(config.workDir().resolve("stack"))
                    .kafkaPort(config.ports().kafkaPort())
                    .registryPort(config.ports().registryPort());
            if (config.secured()) {
                stackBuilder.kafkaSaslUsers(kafkaUsers()).kafkaAuthorizer(true);
            }
            LocalStack shared = stackBuilder.start();
            config.countries().forEach(country -> stacks.put(country, shared));
            createTopics();
        }
        Map<String, Path> publicKeys = new LinkedHashMap<>();
        for (String country : config.countries()) {
            Path keys = nodeDir(country).resolve("keys");
            createDirectories(keys);
            Ed25519Keys.generate(keys.resolve("signing-private.pem"), keys.resolve("signing-public.pem"));
            publicKeys.put(country, keys.resolve("signing-public.pem"));
        }
        for (String sender : config.countries()) {
            createDirectories(nodeDir(sender).resolve("agreements")); // a node alone has none, but the folder is required
            Agreements.writePublic(nodeDir(sender).resolve("agreements"), sender); // what its public portal shows
            for (String partner : config.countries()) {
                if (!sender.equals(partner)) {
                    Agreements.write(nodeDir(sender).resolve("agreements"), sender, partner);
                }
            }
        }
        String password = SandboxUsers.encodedPassword();
        if (adminJar != null && !portFree(config.ports().adminPort())) {
            out.printf("WARNING: port %d is taken, so the admin console (Spring Boot Admin) is left out; free it, or use --no-admin%n",
                    config.ports().adminPort());
        } else if (adminJar != null) {
            // first, so that its start overlaps with the services'
            out.printf("Starting the admin console (port %d)%n", config.ports().adminPort());
            admin = AdminConsole.launch(config.javaExecutable(), parentWatchOption(), adminJar, config.ports().adminPort(),
                    password, config.workDir().resolve("admin"), logDir().resolve("admin.log"));
        }
        out.printf("Starting %d services for %s%n", config.countries().size() * ServiceKind.values().length,
                String.join(", ", config.countries()));
        for (String country : config.countries()) {
            for (ServiceKind kind : ServiceKind.values()) {
                services.add(launch(country, kind, jars.get(kind), password, publicKeys));
            }
        }
        if (config.separateClusters()) {
            startMirrors(); // while the services start: MirrorMaker needs only the topics, which exist
        }
        awaitReady();
        if (admin != null) {
            try {
                admin.awaitReady(Duration.ofSeconds(60));
                for (ServiceProcess service : services) {
                    admin.register(service);
                }
            } catch (RuntimeException e) {
                // the console is a convenience: the region works without it, so it is dropped, not the region
                out.printf("WARNING: the admin console is left out: %s%n", e.getMessage());
                AdminConsole failed = admin;
                admin = null;
                failed.requestStop();
                failed.awaitStopOrKill(STOP_GRACE);
            }
        }
        if (admin != null) {
            out.printf("  %-22s UP  %s  (%.1f s after its launch; %d services registered)%n", "admin console", admin.url(),
                    admin.readyAfter().toMillis() / 1000.0, services.size());
        }
        readyAfter = Duration.ofNanos(System.nanoTime() - started);
    }

    /** How long {@link #start} took, from nothing to every service UP. */
    public Duration readyAfter() {
        return readyAfter;
    }

    public SandboxConfig config() {
        return config;
    }

    public List<String> countries() {
        return config.countries();
    }

    /** Bootstrap servers of the region's Kafka broker (with separate clusters: the first node's). */
    public String bootstrapServers() {
        return bootstrapServers(config.countries().getFirst());
    }

    /** Bootstrap servers of a node's cluster (the shared broker's, unless the clusters are separate). */
    public String bootstrapServers(String country) {
        return stackOf(country).bootstrapServers();
    }

    /**
     * On a secured broker, a Kafka client properties file with the broker's super user (for kafka-console-consumer's
     * {@code --command-config} and the like); the services each have their own user.
     */
    public Optional<Path> operatorKafkaProperties() {
        return operatorKafkaProperties(config.countries().getFirst());
    }

    /** As {@link #operatorKafkaProperties()}, for a node's cluster. */
    public Optional<Path> operatorKafkaProperties(String country) {
        if (!config.secured()) {
            return Optional.empty();
        }
        LocalStack stack = stackOf(country);
        Path file = stack.workDir().resolve("operator-kafka.properties");
        if (!Files.isRegularFile(file)) {
            StringBuilder text = new StringBuilder("# the sandbox broker's super user; written at start, valid for this run\n");
            stack.kafkaSuperUserProperties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            try {
                Files.writeString(file, text.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return Optional.of(file);
    }

    /** Confluent-API base URL of the registry ({@code http://localhost:8081/apis/ccompat/v7}; separate: the first node's). */
    public String registryUrl() {
        return registryUrl(config.countries().getFirst());
    }

    /** Confluent-API base URL of a node's registry. */
    public String registryUrl(String country) {
        return stackOf(country).registryConfluentUrl();
    }

    /** The MirrorMaker 2 processes pulling between the nodes' clusters (none on a shared broker). */
    public List<MirrorPull> mirrors() {
        return List.copyOf(mirrors);
    }

    private LocalStack stackOf(String country) {
        LocalStack stack = stacks.get(country.toUpperCase(Locale.ROOT));
        if (stack == null) {
            throw new IllegalArgumentException(country + " is not a node of this sandbox " + config.countries());
        }
        return stack;
    }

    /** URLs of a node's services. */
    public NodeEndpoints endpoints(String country) {
        return NodeEndpoints.local(country.toUpperCase(Locale.ROOT), config.ports());
    }

    /** The admin console, when this sandbox runs one ({@link SandboxConfig#admin()}). */
    public Optional<AdminConsole> admin() {
        return Optional.ofNullable(admin);
    }

    /** The service JVMs, in start order. */
    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Every process this sandbox started (services, admin console, broker, registry) and their descendants. */
    public Set<ProcessHandle> processes() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        if (admin != null) {
            all.add(admin.handle());
            admin.handle().descendants().forEach(all::add);
        }
        for (ServiceProcess service : services) {
            all.add(service.handle());
            service.handle().descendants().forEach(all::add);
        }
        for (MirrorPull mirror : mirrors) {
            mirror.processes().forEach(handle -> {
                all.add(handle);
                handle.descendants().forEach(all::add);
            });
        }
        for (LocalStack stack : new LinkedHashSet<>(stacks.values())) {
            for (ProcessHandle handle : stack.processes()) {
                all.add(handle);
                handle.descendants().forEach(all::add);
            }
        }
        return all;
    }

    /** Folder of a node's keys, agreements, reference data and state. */
    public Path nodeDir(String country) {
        return config.workDir().resolve(country.toLowerCase(Locale.ROOT));
    }

    /** Folder of the service logs ({@code <cc>-<service>.log}). */
    public Path logDir() {
        return config.workDir().resolve("logs");
    }

    /** Whether {@link #close} has begun: services ending now are being stopped, not failing. */
    public boolean isClosing() {
        return closing;
    }

    /** Stops the services, then the broker and registry. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        closing = true;
        if (closed) {
            return;
        }
        closed = true;
        // every service gets SIGTERM at once, so they stop in parallel, while the broker still serves their last commits
        services.forEach(ServiceProcess::requestStop);
        if (admin != null) {
            admin.requestStop();
        }
        services.forEach(s -> s.awaitStopOrKill(STOP_GRACE));
        if (admin != null) {
            admin.awaitStopOrKill(STOP_GRACE);
        }
        mirrors.forEach(MirrorPull::close);
        new LinkedHashSet<>(stacks.values()).forEach(LocalStack::close);
    }

    private Map<ServiceKind, Path> requireJars() {
        Map<ServiceKind, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            Path jar = kind.execJar(config.repositoryRoot());
            if (!Files.isRegularFile(jar)) {
                missing.add(jar.toString());
            }
            jars.put(kind, jar);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("service jars missing: " + missing
                    + "; build them with './mvnw -DskipTests install' (./migrex does it for you)");
        }
        return jars;
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path requireAdminJar() {
        Path jar = AdminConsole.execJar(config.repositoryRoot());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("admin console jar missing: " + jar
                    + "; build it with './mvnw -DskipTests install' (./migrex does it for you), or run without it (--no-admin)");
        }
        return jar;
    }

    /** The local stack's agent that ends a child whose parent is gone, as a JVM option, if the stack provides it. */
    private List<String> parentWatchOption() {
        Path parentWatch = stackOf(config.countries().getFirst()).workDir().resolve("parent-watch.jar");
        return Files.isRegularFile(parentWatch)
                ? List.of("-javaagent:" + parentWatch + "=" + ProcessHandle.current().pid())
                : List.of();
    }

    private void prepareWorkDir() {
        Path work = config.workDir();
        try {
            if (Files.isDirectory(work)) {
                try (Stream<Path> entries = Files.list(work)) {
                    boolean empty = entries.findAny().isEmpty();
                    if (!empty && !Files.exists(work.resolve(MARKER))) {
                        throw new IllegalStateException("work folder " + work
                                + " is not empty and not a sandbox folder; choose another with --work-dir");
                    }
                }
                deleteContents(work);
            }
            Files.createDirectories(work);
            Files.writeString(work.resolve(MARKER), "A Migrex sandbox works here; it is emptied at every start.\n");
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work folder " + work + ": " + e.getMessage(), e);
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(dir)) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * One SASL user per service of every node, named as {@link NodeAcls.Service#user} names its principal, with a
     * password drawn for this run.
     */
    private Map<String, String> kafkaUsers() {
        Map<String, String> users = new LinkedHashMap<>();
        for (String country : config.countries()) {
            for (NodeAcls.Service service : NodeAcls.Service.values()) {
                users.put(service.user(Topics.forNode(country)), randomPassword());
            }
        }
        return users;
    }

    /**
     * The nodes' topics and, on a secured broker, their ACLs, as the broker's super user would (an operator on a real
     * cluster): every other node of the region is a partner on this one cluster.
     */
    private void createTopics() {
        LocalStack stack = stackOf(config.countries().getFirst());
        Map<String, Object> admin = new LinkedHashMap<>(config.secured() ? stack.kafkaSuperUserProperties() : Map.of());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        int topics = 0;
        try (Admin client = Admin.create(admin)) {
            for (String country : config.countries()) {
                Set<String> partners = new java.util.TreeSet<>(config.countries());
                partners.remove(country);
                NodeAcls acls = new NodeAcls(Topics.forNode(country), partners);
                if (config.secured()) {
                    ClusterSetup.apply(client, acls, config.partitions(), (short) 1);
                } else {
                    ClusterSetup.createTopics(client, acls.topics(), config.partitions(), (short) 1);
                }
                topics += acls.topics().all().size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the topics" + (config.secured() ? " and ACLs" : "") + ": "
                    + e.getMessage(), e);
        }
        out.printf("Created %d topics%s%n", topics, config.secured() ? " and each service's ACLs (SASL, authorizer on)" : "");
    }

    private ServiceProcess launch(String country, ServiceKind kind, Path jar, String password, Map<String, Path> publicKeys) {
        LocalStack stack = stackOf(country);
        Path dir = nodeDir(country).resolve(kind.shortName());
        Path tmp = dir.resolve("tmp");
        createDirectories(tmp);
        int port = config.ports().port(country, kind);
        String agency = SandboxUsers.agency(country);

        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.addAll(config.serviceJvmOptions());
        // Kafka Streams keeps its state under java.io.tmpdir by default: one folder per service keeps sandboxes apart
        command.add("-Djava.io.tmpdir=" + tmp);
        // the local stack's agent ends a child whose parent is gone, so even a SIGKILLed launcher leaves nothing behind
        Path parentWatch = stack.workDir().resolve("parent-watch.jar");
        if (Files.isRegularFile(parentWatch)) {
            command.add("-javaagent:" + parentWatch + "=" + ProcessHandle.current().pid());
        }
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--migrex.node.country=" + country);
        command.add("--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers());
        command.add("--migrex.registry.url=" + stack.registryConfluentUrl());
        command.add("--migrex.kafka.partitions=" + config.partitions());
        if (kind != ServiceKind.INGESTION) {
            // a Kafka Streams task per input partition; one thread per task lets them use more than one core
            command.add("--spring.cloud.stream.kafka.streams.binder.configuration.num.stream.threads=" + config.partitions());
        }
        Map<String, String> kafkaClient = Map.of();
        if (config.secured()) {
            // the service's own principal; the topics exist and it may not create them
            kafkaClient = stack.kafkaSaslClientProperties(NodeAcls.Service.valueOf(kind.name()).user(Topics.forNode(country)));
            kafkaClient.forEach((key, value) -> command.add("--migrex.kafka.client." + key + "=" + value));
            command.add("--migrex.kafka.create-topics=false");
        }
        command.add("--migrex.security.users." + agency + ".password=" + password);
        command.add("--migrex.security.users." + agency + ".roles=AGENCY,STATISTICIAN");
        command.add("--migrex.security.users." + SandboxUsers.OPERATOR + ".password=" + password);
        command.add("--migrex.security.users." + SandboxUsers.OPERATOR + ".roles=OPERATOR");
        command.add("--management.endpoint.health.probes.enabled=true");
        Map<String, String> environment = new LinkedHashMap<>();
        switch (kind) {
            case INGESTION -> {
                environment.put("MIGREX_INGESTION_PSEUDONYM_SECRET", pseudonymSecret());
                sourceProfiles(country).forEach((source, profile) -> {
                    command.add("--migrex.ingestion.sources." + source + ".profile=" + profile);
                    command.add("--migrex.ingestion.sources." + source + ".owner=" + agency);
                });
            }
            case HARMONIZATION -> {
                Path referenceData = nodeDir(country).resolve("reference-data");
                createDirectories(referenceData);
                command.add("--migrex.harmonization.reference-data-dir=" + referenceData);
                // the same owners as ingestion's, so the agency's quarantine report covers its sources
                sourceProfiles(country).keySet().forEach(source ->
                        command.add("--migrex.harmonization.sources." + source + ".owner=" + agency));
            }
            case EXCHANGE -> {
                Path keys = nodeDir(country).resolve("keys");
                command.add("--migrex.exchange.agreements-dir=" + nodeDir(country).resolve("agreements"));
                // the portal's signed-in pages call the node's ingestion and harmonization (docs/portal.md)
                command.add("--migrex.portal.ingestion-url=http://localhost:"
                        + config.ports().port(country, ServiceKind.INGESTION));
                command.add("--migrex.portal.harmonization-url=http://localhost:"
                        + config.ports().port(country, ServiceKind.HARMONIZATION));
                command.add("--migrex.exchange.signing.key-id=" + keyId(country));
                command.add("--migrex.exchange.signing.private-key=" + keys.resolve("signing-private.pem"));
                command.add("--migrex.exchange.signing.public-key=" + keys.resolve("signing-public.pem"));
                for (var partner : publicKeys.entrySet()) {
                    if (!partner.getKey().equals(country)) {
                        String prefix = "--migrex.exchange.partners." + partner.getKey();
                        command.add(prefix + ".public-key=" + partner.getValue());
                        command.add(prefix + ".key-id=" + keyId(partner.getKey()));
                        if (config.separateClusters()) {
                            // written to the outbox on our own cluster, pulled by the partner's MirrorMaker; the copies
                            // of the partner's datasets carry its registry's schema ids
                            command.add(prefix + ".transport=pull");
                            command.add(prefix + ".registry-url=" + stackOf(partner.getKey()).registryConfluentUrl());
                        } else {
                            command.add(prefix + ".bootstrap-servers=" + stack.bootstrapServers());
                            kafkaClient.forEach((key, value) -> command.add(prefix + ".properties." + key + "=" + value));
                        }
                    }
                }
            }
        }
        Path log = logDir().resolve(country.toLowerCase(Locale.ROOT) + "-" + kind.shortName() + ".log");
        return ServiceProcess.launch(country, kind, port, command, environment, dir, log);
    }

    /**
     * A broker and registry per node, each knowing only its own services' users and the partners' MirrorMaker users,
     * with the node's topics and its ACLs for pulling partners ({@code NodeAcls} with every other node a pull partner):
     * on a node's cluster a partner may read only its outbox and its receipts there.
     */
    private void startSeparateClusters() {
        out.printf("Starting a Kafka broker and a schema registry per node in %s%n", config.workDir());
        for (String country : config.countries()) {
            Topics topics = Topics.forNode(country);
            Map<String, String> users = new LinkedHashMap<>();
            for (NodeAcls.Service service : NodeAcls.Service.values()) {
                users.put(service.user(topics), randomPassword());
            }
            config.countries().forEach(node -> users.put(mirrorUser(node), randomPassword()));
            LocalStack stack = LocalStack.builder()
                    .workDir(config.workDir().resolve("stack-" + country.toLowerCase(Locale.ROOT)))
                    .kafkaPort(config.ports().kafkaPort(country))
                    .registryPort(config.ports().registryPort(country))
                    .kafkaSaslUsers(users).kafkaAuthorizer(true)
                    .start();
            stacks.put(country, stack);
            Set<String> partners = new java.util.TreeSet<>(config.countries());
            partners.remove(country);
            Map<String, Object> admin = new LinkedHashMap<>(stack.kafkaSuperUserProperties());
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            NodeAcls acls = new NodeAcls(topics, Set.of(), partners);
            try (Admin client = Admin.create(admin)) {
                ClusterSetup.apply(client, acls, config.partitions(), (short) 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + country + "'s topics", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("cannot create " + country + "'s topics and ACLs: " + e.getMessage(), e);
            }
            out.printf("  %s  Kafka %s, registry %s: %d topics and the ACLs of its services and of %s's MirrorMaker%n",
                    country, stack.bootstrapServers(), stack.registryConfluentUrl(), acls.topics().all().size(),
                    String.join(", ", partners));
        }
    }

    /**
     * Per ordered pair (sender, receiver) the receiver's MirrorMaker 2, as the receiver's principal: the sender's
     * outbox for the receiver and its receipts for the receiver, copied into the receiver's cluster. Started side by
     * side, since each waits until it copies.
     */
    private void startMirrors() {
        List<java.util.concurrent.CompletableFuture<MirrorPull>> starting = new ArrayList<>();
        // a thread each: the common pool has a single thread on 2 cores, which would start them one by one
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newCachedThreadPool();
        for (String sender : config.countries()) {
            for (String receiver : config.countries()) {
                if (sender.equals(receiver)) {
                    continue;
                }
                Topics from = Topics.forNode(sender);
                String user = mirrorUser(receiver);
                Path dir = config.workDir().resolve("mirror").resolve(sender.toLowerCase(Locale.ROOT) + "-to-"
                        + receiver.toLowerCase(Locale.ROOT));
                starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> MirrorPull.start(dir,
                        new MirrorPull.Cluster(sender, bootstrapServers(sender),
                                stackOf(sender).kafkaSaslClientProperties(user)),
                        new MirrorPull.Cluster(receiver, bootstrapServers(receiver),
                                stackOf(receiver).kafkaSaslClientProperties(user)),
                        List.of(from.outboxFor(receiver).name(), from.receiptsFor(receiver).name()),
                        config.readyTimeout()), starter));
            }
        }
        RuntimeException failed = null;
        for (var future : starting) {
            try {
                mirrors.add(future.join());
            } catch (java.util.concurrent.CompletionException e) {
                failed = failed != null ? failed : new IllegalStateException("a MirrorMaker 2 did not start: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        starter.shutdown();
        if (failed != null) {
            throw failed;
        }
        out.printf("Started %d MirrorMaker 2 processes, one per ordered pair of nodes (logs in %s)%n", mirrors.size(),
                config.workDir().resolve("mirror"));
    }

    /** {@code kgz-mirror}: the user a node's MirrorMaker authenticates as, on its own and on every partner's cluster. */
    private static String mirrorUser(String country) {
        return NodeAcls.mirrorPrincipal(country).substring("User:".length());
    }

    private static String randomPassword() {
        byte[] password = new byte[16];
        new SecureRandom().nextBytes(password);
        return HexFormat.of().formatHex(password);
    }

    /** A node's sources with the profile that reads them; the node's agency owns them all. */
    static Map<String, String> sourceProfiles(String country) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("template", "template");
        if (country.equals("RUS")) {
            sources.put("registry-export", "ru-registry-export");
        }
        // the remittance templates (docs/remittances.md): a corridor price survey and the flows the node records
        sources.put(RegionRemittances.PRICES_SOURCE, "remittance-prices");
        sources.put(RegionRemittances.FLOWS_SOURCE, RegionRemittances.flowsProfile(country));
        return sources;
    }

    /** Id of a node's sandbox signing key. */
    public static String keyId(String country) {
        return country + "-SANDBOX-1";
    }

    /** A fresh random pseudonym secret: a sandbox starts empty, so no pseudonym has to stay comparable across runs. */
    private static String pseudonymSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        long started = System.nanoTime();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            if (admin != null) {
                admin.pollReady(); // meanwhile, so that its start-up time is measured, not the services'
            }
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.displayName() + " stopped during start-up; last lines of "
                            + service.log() + ":\n" + service.logTail(40));
                }
                if (isReady(http, service)) {
                    waiting.remove(service);
                    out.printf("  %-22s UP  http://localhost:%d  (%.1f s)%n", service.displayName(), service.port(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess first = waiting.getFirst();
                throw new IllegalStateException("not ready within " + config.readyTimeout().toSeconds() + " s: "
                        + names(waiting) + "; last lines of " + first.log() + ":\n" + first.logTail(40));
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static boolean isReady(HttpClient http, ServiceProcess service) {
        URI uri = URI.create("http://localhost:" + service.port() + "/actuator/health/readiness");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services", e);
        }
    }

    private static String names(Collection<ServiceProcess> services) {
        return String.join(", ", services.stream().map(ServiceProcess::displayName).toList());
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
