package org.migrex.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.migrex.sandbox.bench.Bench;
import org.migrex.sandbox.demo.Demo;

/** Entry point of {@code ./migrex}: {@code sandbox}, {@code demo}, {@code bench}, {@code help}. */
public final class Migrex {
    static final List<String> REGION = List.of("KAZ", "KGZ", "TJK", "RUS");

    private Migrex() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String command = args.length == 0 ? "help" : args[0];
        try {
            int status = switch (command) {
                case "sandbox" -> sandbox(rest, out);
                case "demo" -> Demo.run(rest, out);
                case "bench" -> Bench.run(rest, out);
                case "help", "--help", "-h" -> help(out);
                default -> {
                    System.err.println("unknown command '" + command + "'");
                    help(System.err);
                    yield 2;
                }
            };
            System.exit(status);
        } catch (IllegalArgumentException e) {
            System.err.println("migrex " + command + ": " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("migrex " + command + " failed: " + e.getMessage());
            if (Boolean.getBoolean("migrex.debug")) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }

    /** The checkout this launcher runs from (the launcher script passes it; else the current folder). */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("migrex.repository.root", ".")).toAbsolutePath().normalize();
    }

    /** Default work folder of the sandbox: {@code .migrex/sandbox} in the checkout (ignored by git). */
    public static Path defaultWorkDir() {
        return repositoryRoot().resolve(".migrex").resolve("sandbox");
    }

    public static List<String> countries(CommandLine line) {
        return line.value("countries").map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(REGION);
    }

    private static int sandbox(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse(args, Set.of("countries", "work-dir"),
                Set.of("no-admin", "plaintext", "separate-clusters"));
        SandboxConfig config = SandboxConfig.standard(countries(line),
                line.value("work-dir").map(Path::of).orElse(defaultWorkDir()).toAbsolutePath(), repositoryRoot())
                .withAdmin(!line.flag("no-admin"))
                .withSecured(!line.flag("plaintext"))
                .withSeparateClusters(line.flag("separate-clusters"))
                .withEnvironmentJvmOptions();
        Sandbox sandbox = startWithShutdownHook(config, out);
        printWelcome(sandbox, out);
        out.printf("Migrex sandbox ready: %d nodes, %d services UP in %.1f s. Press Ctrl-C to stop.%n",
                sandbox.countries().size(), sandbox.services().size(), sandbox.readyAfter().toMillis() / 1000.0);
        out.flush();
        watch(sandbox, out);
        return 0;
    }

    /** Starts a sandbox that a SIGTERM or Ctrl-C stops with all its processes. */
    public static Sandbox startWithShutdownHook(SandboxConfig config, PrintStream out) {
        Sandbox[] holder = new Sandbox[1];
        Thread hook = new Thread(() -> {
            Sandbox s = holder[0];
            if (s != null && !s.isClosing()) {
                System.out.println("Stopping the sandbox...");
                s.close();
                System.out.println("Sandbox stopped.");
            }
        }, "migrex-sandbox-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        holder[0] = Sandbox.start(config, out);
        return holder[0];
    }

    /** Blocks until the JVM is asked to stop, telling when a service ends on its own. */
    private static void watch(Sandbox sandbox, PrintStream out) {
        java.util.Set<ServiceProcess> reported = new java.util.HashSet<>();
        boolean[] adminReported = {false};
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            for (ServiceProcess service : sandbox.services()) {
                if (!service.isAlive() && !sandbox.isClosing() && reported.add(service)) {
                    out.printf("WARNING: %s ended on its own; see %s%n", service.displayName(), service.log());
                }
            }
            sandbox.admin().filter(admin -> !admin.isAlive() && !sandbox.isClosing() && !adminReported[0]).ifPresent(admin -> {
                adminReported[0] = true;
                out.printf("WARNING: the admin console ended on its own; see %s%n", admin.log());
            });
            try {
                never.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void printWelcome(Sandbox sandbox, PrintStream out) {
        out.println();
        out.println("Migrex sandbox region");
        if (sandbox.config().separateClusters()) {
            for (String country : sandbox.countries()) {
                out.printf("  %s Kafka         %s  (SASL + ACLs; an operator's client settings: %s)%n", country,
                        sandbox.bootstrapServers(country), sandbox.operatorKafkaProperties(country).orElseThrow());
                out.printf("  %s registry      %s%n", country, sandbox.registryUrl(country));
            }
            out.printf("  MirrorMaker 2     %d processes, one per ordered pair of nodes%n", sandbox.mirrors().size());
        } else {
            out.printf("  Kafka             %s%s%n", sandbox.bootstrapServers(), sandbox.operatorKafkaProperties()
                    .map(file -> "  (SASL + ACLs; an operator's client settings: " + file + ")").orElse(""));
            out.printf("  Schema registry   %s%n", sandbox.registryUrl());
        }
        sandbox.admin().ifPresent(admin -> out.printf("  Spring Boot Admin %s  (user %s, password '%s'; every service, grouped by node)%n",
                admin.url(), SandboxUsers.OPERATOR, SandboxUsers.PASSWORD));
        out.println();
        out.printf("  %-5s %-26s %-26s %-26s%n", "node", "ingestion", "harmonization", "exchange");
        for (String country : sandbox.countries()) {
            NodeEndpoints e = sandbox.endpoints(country);
            out.printf("  %-5s %-26s %-26s %-26s%n", country, e.ingestion(), e.harmonization(), e.exchange());
        }
        out.println();
        out.printf("  Users (HTTP Basic, password '%s'): %s, %s%n", SandboxUsers.PASSWORD,
                String.join(", ", sandbox.countries().stream().map(SandboxUsers::agency).toList()), SandboxUsers.OPERATOR);
        String first = sandbox.countries().getFirst();
        out.printf("  Try:   curl -u %s:%s -H 'Content-Type: text/csv' --data-binary @file.csv %s/api/v1/sources/template/records%n",
                SandboxUsers.agency(first), SandboxUsers.PASSWORD, sandbox.endpoints(first).ingestion());
        out.printf("  Logs:  %s%n", sandbox.logDir());
        out.println();
    }

    private static int help(PrintStream out) {
        out.println("""
                Usage: ./migrex <command> [options]

                  sandbox [--countries KAZ,KGZ,TJK,RUS] [--work-dir DIR] [--no-admin] [--plaintext]
                          [--separate-clusters]
                        Run a sandbox region in the foreground: one Kafka broker (localhost:9092), one schema
                        registry (localhost:8081), and per node n (KAZ 1, KGZ 2, TJK 3, RUS 4) ingestion on 8n10,
                        harmonization on 8n20, exchange on 8n30. Users <cc>-agency and operator, password 'sandbox'.
                        Spring Boot Admin on http://localhost:8080 (user operator) shows every service; --no-admin
                        leaves it out. The broker authenticates every service (SASL, one user per service) and
                        allows each only its ACLs (docs/security.md); --plaintext runs it open.
                        --separate-clusters gives each node its own broker (9n92) and registry (8n81), a partner's
                        datasets pulled by the receiver's MirrorMaker 2. Ctrl-C stops everything.
                  demo [--keep-running] [--seed N] [--no-admin] [--separate-clusters]
                        Start the sandbox (or use the one running), load a synthetic region of moves through the
                        public API, wait for the exchange, and tell the story: accepted, rejected, quarantined,
                        datasets delivered, mirror statistics.
                  bench [--records N] [--rate R] [--seconds S] [--partitions P] [--quick]
                        Measure the pipeline of one node against the broker's own ceiling: records/s, latency
                        p50/p99 at a fixed rate for S seconds, peak memory, each stage's rate and the broker
                        writes per record; P partitions per topic and P stream threads per function (default 1).
                        The last line printed is one JSON object.
                  help  This text.
                """);
        return 0;
    }
}
