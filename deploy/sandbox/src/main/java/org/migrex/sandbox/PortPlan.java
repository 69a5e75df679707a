package org.migrex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each part of a sandbox listens.
 *
 * <p>The documented plan ({@link #standard()}): node n (KAZ 1, KGZ 2, TJK 3, RUS 4, UZB 5, TKM 6) serves ingestion on
 * {@code 8n10}, harmonization on {@code 8n20} and exchange on {@code 8n30}; Kafka on 9092, the registry on 8081, the admin
 * console (Spring Boot Admin) on 8080. With a cluster per node ({@code --separate-clusters}) node n's Kafka listens on
 * {@code 9n92} and its registry on {@code 8n81}. Tests use
 * {@link #free(List)}, which takes ports the operating system reports free, so they can run beside a sandbox.
 */
public final class PortPlan {
    /** Node numbers of the port plan, in the order of the region's projects. */
    public static final List<String> NODE_ORDER = List.of("KAZ", "KGZ", "TJK", "RUS", "UZB", "TKM");

    private final int kafkaPort;
    private final int registryPort;
    private final int adminPort;
    private final Map<String, Integer> servicePorts;
    /** Per node, its own cluster's Kafka and registry ports ({@code KAZ/kafka}, {@code KAZ/registry}). */
    private final Map<String, Integer> clusterPorts;

    private PortPlan(int kafkaPort, int registryPort, int adminPort, Map<String, Integer> servicePorts,
            Map<String, Integer> clusterPorts) {
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
        this.adminPort = adminPort;
        this.servicePorts = servicePorts;
        this.clusterPorts = clusterPorts;
    }

    /** The fixed plan of the README. */
    public static PortPlan standard() {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> clusters = new HashMap<>();
        for (String country : NODE_ORDER) {
            for (ServiceKind kind : ServiceKind.values()) {
                ports.put(key(country, kind), standardPort(country, kind));
            }
            int n = NODE_ORDER.indexOf(country) + 1;
            clusters.put(country + "/kafka", 9092 + 100 * n);
            clusters.put(country + "/registry", 8081 + 100 * n);
        }
        return new PortPlan(9092, 8081, 8080, ports, clusters);
    }

    /** Ports the operating system reports free now, for every service of the given countries. */
    public static PortPlan free(List<String> countries) {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> clusters = new HashMap<>();
        for (String country : countries) {
            for (ServiceKind kind : ServiceKind.values()) {
                ports.put(key(country, kind), freePort());
            }
            clusters.put(country.toUpperCase(Locale.ROOT) + "/kafka", freePort());
            clusters.put(country.toUpperCase(Locale.ROOT) + "/registry", freePort());
        }
        return new PortPlan(freePort(), freePort(), freePort(), ports, clusters);
    }

    /** Port of a service in the standard plan: 8000 + 100 n + the service's suffix. */
    public static int standardPort(String country, ServiceKind kind) {
        int n = NODE_ORDER.indexOf(country.toUpperCase(Locale.ROOT)) + 1;
        if (n == 0) {
            throw new IllegalArgumentException("country '" + country + "' has no place in the sandbox port plan; use one of "
                    + NODE_ORDER);
        }
        return 8000 + 100 * n + kind.portSuffix();
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int registryPort() {
        return registryPort;
    }

    /** Kafka port of a node's own cluster ({@code --separate-clusters}). */
    public int kafkaPort(String country) {
        return clusterPort(country, "kafka");
    }

    /** Registry port of a node's own cluster ({@code --separate-clusters}). */
    public int registryPort(String country) {
        return clusterPort(country, "registry");
    }

    private int clusterPort(String country, String part) {
        Integer port = clusterPorts.get(country.toUpperCase(Locale.ROOT) + "/" + part);
        if (port == null) {
            throw new IllegalArgumentException("no " + part + " port planned for " + country + "'s own cluster");
        }
        return port;
    }

    /** Port of the admin console (Spring Boot Admin), when the sandbox runs one. */
    public int adminPort() {
        return adminPort;
    }

    /** Port of one service of one node. */
    public int port(String country, ServiceKind kind) {
        Integer port = servicePorts.get(key(country, kind));
        if (port == null) {
            throw new IllegalArgumentException("no port planned for " + country + " " + kind.shortName());
        }
        return port;
    }

    private static String key(String country, ServiceKind kind) {
        return country.toUpperCase(Locale.ROOT) + "/" + kind;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }
}
