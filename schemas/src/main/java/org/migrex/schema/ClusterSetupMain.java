package org.migrex.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@link ClusterSetup#apply} from the command line: creates a node's topics and applies its {@link NodeAcls} on its
 * cluster, as an admin principal. docker-compose.yml runs it once per node before the services start (container
 * {@code setup-<cc>}, from the exchange-service image). Idempotent, like {@code ClusterSetup}.
 *
 * <pre>
 * --bootstrap-servers=kafka-kaz:9092 --node=KAZ [--pull-partners=KGZ,...] [--partitions=1] [--replication-factor=1]
 * [--client.security.protocol=SASL_PLAINTEXT --client.sasl.mechanism=SCRAM-SHA-512 --client.sasl.jaas.config=...]
 * [--wait-seconds=120]
 * </pre>
 *
 * {@code --client.*} are the admin client's settings; only {@code security.protocol}, {@code sasl.*} and {@code ssl.*}
 * are accepted. It retries for {@code --wait-seconds} while the cluster does not answer, and prints each grant.
 */
public final class ClusterSetupMain {
    private ClusterSetupMain() {
    }

    /** The parsed command line. */
    record Options(String bootstrapServers, String node, Set<String> pullPartners, int partitions,
                   short replicationFactor, Map<String, String> client, Duration waitFor) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cluster setup: " + e.getMessage());
            System.exit(2);
            return;
        }
        NodeAcls acls = new NodeAcls(Topics.forNode(options.node()), Set.of(), options.pullPartners());
        Map<String, Object> config = new LinkedHashMap<>(options.client());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Instant deadline = Instant.now().plus(options.waitFor());
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    ClusterSetup.apply(admin, acls, options.partitions(), options.replicationFactor());
                    break;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof org.apache.kafka.common.errors.AuthenticationException
                            || cause instanceof org.apache.kafka.common.errors.AuthorizationException
                            || Instant.now().isAfter(deadline)) {
                        System.err.println("cluster setup of " + options.node() + " on " + options.bootstrapServers()
                                + " failed: " + cause);
                        System.exit(1);
                        return;
                    }
                    System.err.println("cluster setup: " + options.bootstrapServers() + " not ready (" + cause
                            + "), retrying");
                    TimeUnit.SECONDS.sleep(3);
                }
            }
        }
        for (NodeAcls.Grant grant : acls.grants()) {
            System.out.println("grant " + grant.principal() + " " + grant.type() + " " + grant.name() + " ("
                    + grant.pattern() + ") " + grant.operations());
        }
        System.out.println("cluster setup of " + options.node() + " on " + options.bootstrapServers() + ": "
                + acls.topics().all().size() + " node topics, " + 4 * options.pullPartners().size()
                + " pull topics, " + acls.bindings().size() + " ACL bindings (pull partners "
                + options.pullPartners() + ")");
    }

    static Options parse(String[] args) {
        String bootstrap = null;
        String node = null;
        Set<String> pull = new LinkedHashSet<>();
        int partitions = 1;
        short replicationFactor = 1;
        Duration wait = Duration.ofSeconds(120);
        Map<String, String> client = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not accepted: expected --name=value"
                        + " (--bootstrap-servers, --node, --pull-partners, --partitions, --replication-factor,"
                        + " --wait-seconds, --client.<key>)");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "bootstrap-servers" -> bootstrap = value;
                case "node" -> node = CountryCode.of(value).code();
                case "pull-partners" -> {
                    for (String partner : value.split(",")) {
                        if (!partner.isBlank()) {
                            pull.add(CountryCode.of(partner.trim()).code());
                        }
                    }
                }
                case "partitions" -> partitions = number(name, value, 1, 1000);
                case "replication-factor" -> replicationFactor = (short) number(name, value, 1, Short.MAX_VALUE);
                case "wait-seconds" -> wait = Duration.ofSeconds(number(name, value, 0, 3600));
                default -> {
                    if (!name.startsWith("client.")) {
                        throw new IllegalArgumentException("option --" + name + " is not accepted: expected one of"
                                + " --bootstrap-servers, --node, --pull-partners, --partitions,"
                                + " --replication-factor, --wait-seconds, --client.<key>");
                    }
                    String key = name.substring("client.".length());
                    if (!key.equals("security.protocol") && !key.startsWith("sasl.") && !key.startsWith("ssl.")) {
                        throw new IllegalArgumentException("client setting '" + key + "' is not accepted: only"
                                + " security.protocol, sasl.* and ssl.*");
                    }
                    client.put(key, value);
                }
            }
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is missing (host:port of the node's cluster)");
        }
        if (node == null) {
            throw new IllegalArgumentException("--node is missing (the node's ISO alpha-3 code, e.g. KAZ)");
        }
        if (pull.contains(node)) {
            throw new IllegalArgumentException("--pull-partners names the node itself (" + node + ")");
        }
        return new Options(bootstrap, node, Set.copyOf(pull), partitions, replicationFactor, Map.copyOf(client), wait);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--" + name + " '" + value + "' is not accepted: a whole number from "
                + min + " to " + max);
    }
}
