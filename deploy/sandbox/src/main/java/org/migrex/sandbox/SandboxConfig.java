package org.migrex.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a sandbox region consists of and where it runs.
 *
 * @param countries      ISO alpha-3 codes of the nodes, upper case
 * @param workDir        folder for broker data, keys, agreements and logs; emptied at start
 * @param repositoryRoot checkout whose services' exec jars are run
 * @param ports          where every part listens
 * @param javaExecutable JDK 21+ that runs the services
 * @param serviceJvmOptions options of each service JVM (heap, GC, JIT)
 * @param readyTimeout   how long the services may take to report UP
 * @param admin          whether to run the admin console (Spring Boot Admin, module {@code deploy/admin}) and register
 *                       every service with it; on for {@code ./migrex sandbox} and {@code demo}, off for tests and the
 *                       benchmark
 * @param secured        whether the broker authenticates every client (SASL) and authorizes by the nodes' ACLs
 *                       ({@code org.migrex.schema.NodeAcls}), each service with its own principal; on for
 *                       {@code ./migrex sandbox}, {@code demo} and the tests, off for the benchmark (which measures
 *                       the pipeline as before) and with {@code --plaintext}
 * @param partitions     partitions of every node topic, and stream threads of each Kafka Streams function (a task per
 *                       partition, a thread per task); 1 for the sandbox, {@code ./migrex bench --partitions N} to
 *                       measure more
 * @param separateClusters whether each node has its own broker and registry, its partners' datasets and receipts pulled
 *                       by its MirrorMaker 2 ({@code --separate-clusters}: the shape of a real region, docs/sandbox.md);
 *                       otherwise one broker and registry are shared, every other node a partner on it. Needs
 *                       {@code secured}: the pull's point is that each cluster grants a partner only its outbox.
 */
public record SandboxConfig(List<String> countries, Path workDir, Path repositoryRoot, PortPlan ports,
                            Path javaExecutable, List<String> serviceJvmOptions, Duration readyTimeout, boolean admin,
                            boolean secured, int partitions, boolean separateClusters) {

    /**
     * Service JVM options measured for the sandbox: a small heap, the serial collector (one core per JVM is all a
     * 2-core machine can give 12 of them) and C1 only, which starts faster and uses less memory than C2.
     */
    public static final List<String> SMALL_JVM = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m");

    /** Options for throughput runs (the benchmark): the full JIT and a larger heap. */
    public static final List<String> THROUGHPUT_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss512k");

    public SandboxConfig {
        countries = countries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        if (countries.isEmpty()) {
            throw new IllegalArgumentException("a sandbox needs at least one country");
        }
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (separateClusters && !secured) {
            throw new IllegalArgumentException("separate clusters need the secured brokers (a partner may read only its"
                    + " outbox there): leave out --plaintext, or run one shared broker");
        }
    }

    /**
     * The given countries on the standard ports, services run by this JVM's java, without the admin console
     * ({@code ./migrex sandbox} adds it with {@link #withAdmin}).
     */
    public static SandboxConfig standard(List<String> countries, Path workDir, Path repositoryRoot) {
        return new SandboxConfig(countries, workDir, repositoryRoot, PortPlan.standard(), currentJava(), SMALL_JVM,
                Duration.ofSeconds(240), false, true, 1, false);
    }

    public SandboxConfig withPorts(PortPlan plan) {
        return new SandboxConfig(countries, workDir, repositoryRoot, plan, javaExecutable, serviceJvmOptions, readyTimeout,
                admin, secured, partitions, separateClusters);
    }

    public SandboxConfig withJvmOptions(List<String> options) {
        return new SandboxConfig(countries, workDir, repositoryRoot, ports, javaExecutable, options, readyTimeout, admin,
                secured, partitions, separateClusters);
    }

    /** The same region with or without the admin console on {@link PortPlan#adminPort()}. */
    public SandboxConfig withAdmin(boolean withAdmin) {
        return new SandboxConfig(countries, workDir, repositoryRoot, ports, javaExecutable, serviceJvmOptions, readyTimeout,
                withAdmin, secured, partitions, separateClusters);
    }

    /** The same region with or without SASL and ACLs on its broker. */
    public SandboxConfig withSecured(boolean withSecurity) {
        return new SandboxConfig(countries, workDir, repositoryRoot, ports, javaExecutable, serviceJvmOptions, readyTimeout,
                admin, withSecurity, partitions, separateClusters);
    }

    /** The same region with one cluster per node ({@code true}) or one shared broker and registry. */
    public SandboxConfig withSeparateClusters(boolean separate) {
        return new SandboxConfig(countries, workDir, repositoryRoot, ports, javaExecutable, serviceJvmOptions, readyTimeout,
                admin, secured, partitions, separate);
    }

    /** The same region with its topics in this many partitions, each streams function with as many threads. */
    public SandboxConfig withPartitions(int count) {
        return new SandboxConfig(countries, workDir, repositoryRoot, ports, javaExecutable, serviceJvmOptions, readyTimeout,
                admin, secured, count, separateClusters);
    }

    /**
     * These options plus those in the environment variable {@code MIGREX_SERVICE_JVM_OPTS} (split on spaces), so an
     * operator can profile the services without a rebuild, e.g.
     * {@code MIGREX_SERVICE_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/jfr/%p.jfr,settings=profile'}.
     */
    public SandboxConfig withEnvironmentJvmOptions() {
        String extra = System.getenv("MIGREX_SERVICE_JVM_OPTS");
        if (extra == null || extra.isBlank()) {
            return this;
        }
        List<String> options = new java.util.ArrayList<>(serviceJvmOptions);
        options.addAll(List.of(extra.trim().split("\\s+")));
        return withJvmOptions(options);
    }

    /** The java launcher of the running JVM (the launcher script already chose a JDK 21+). */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
