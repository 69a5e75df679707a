package org.migrex.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startable;

/**
 * The {@link TwoNodeScenario} on the docker-compose deployment (two clusters, two registries, exchange across them).
 * Needs a Docker engine (or Podman's Docker API, {@code DOCKER_HOST}) and the services' exec jars
 * ({@code ./mvnw package}); skipped without one. The same scenario runs without Docker in {@link SandboxIT}.
 *
 * <p>The compose files are docker-compose.yml, plus the override that the environment variable
 * {@code MIGREX_COMPOSE_OVERRIDE} names (a path relative to the repository root): {@code .ci/run} gives
 * docker-compose.local.yml, whose images are all built locally (docs/deployment.md). With {@code docker-compose}
 * (v1) on the PATH it runs that; else {@code docker compose} (v2).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {
    /** The services the scenario needs ready (their port 8080 is published by docker-compose.yml). */
    private static final List<String> SERVICES = List.of("ingestion-kaz", "harmonization-kaz", "exchange-kaz",
            "ingestion-kgz", "harmonization-kgz", "exchange-kgz");

    /** The containers that run once before the services (docker-compose.yml: service_completed_successfully). */
    private static final List<String> ONE_SHOT = List.of("keys-init", "topics-kaz", "topics-kgz");

    private static final Logger LOG = LoggerFactory.getLogger(ComposeIT.class);

    @Container
    private static final Startable COMPOSE = compose();

    @Test
    void twoClustersExchangeWhatTheirAgenciesUploaded() {
        TwoNodeScenario.run(url("ingestion-kaz"), url("exchange-kaz"), url("ingestion-kgz"), url("exchange-kgz"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Startable compose() {
        File root = SandboxIT.repositoryRoot().toFile();
        List<File> files = new ArrayList<>(List.of(new File(root, "docker-compose.yml")));
        String override = System.getenv("MIGREX_COMPOSE_OVERRIDE");
        if (override != null && !override.isBlank()) {
            File file = new File(root, override);
            if (!file.isFile()) {
                throw new IllegalStateException("MIGREX_COMPOSE_OVERRIDE names " + file + ", which is not a file; "
                        + "expected a compose file relative to the repository root, e.g. docker-compose.local.yml");
            }
            files.add(file);
        }
        // a local override builds every image here: nothing to pull. No withExposedService: that starts Testcontainers'
        // ambassador container, which Podman refuses ("link is not supported"); the services' ports that
        // docker-compose.yml publishes are used instead (url below), and readiness is polled over HTTP (awaitReady).
        boolean pull = files.size() == 1;
        if (onPath("docker-compose")) {
            DockerComposeContainer compose = new DockerComposeContainer(files).withBuild(true).withPull(pull);
            // the one-shot containers' output, so that a failed topic creation or key generation says why here
            for (String oneShot : ONE_SHOT) {
                compose.withLogConsumer(oneShot, new Slf4jLogConsumer(LOG).withPrefix(oneShot));
            }
            return compose;
        }
        ComposeContainer compose = new ComposeContainer(files).withBuild(true).withPull(pull);
        for (String oneShot : ONE_SHOT) {
            compose.withLogConsumer(oneShot, new Slf4jLogConsumer(LOG).withPrefix(oneShot));
        }
        return compose;
    }

    @BeforeAll
    static void awaitReady() throws InterruptedException {
        // six Spring Boot services, two brokers and two registries start at once: minutes on a 2-core CI machine
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String service : SERVICES) {
            URI readiness = url(service).resolve("/actuator/health/readiness");
            String last = "no answer";
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                    last = "HTTP " + response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service + " was not ready in 8 minutes at " + readiness + ": " + last);
                }
                Thread.sleep(1000);
            }
        }
    }

    private static URI url(String service) {
        Optional<ContainerState> container = COMPOSE instanceof DockerComposeContainer<?> v1
                ? v1.getContainerByServiceName(service)
                : ((ComposeContainer) COMPOSE).getContainerByServiceName(service);
        ContainerState state = container.orElseThrow(() -> new IllegalStateException("no container of " + service));
        // the port docker-compose.yml publishes for the container's 8080 (the compose target's getMappedPort knows only
        // ports given to withExposedService)
        Ports.Binding[] bindings = state.getContainerInfo().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(8080));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(service + " publishes no host port for 8080 (docker-compose.yml: ports)");
        }
        return URI.create("http://" + engineHost() + ":" + bindings[0].getHostPortSpec());
    }

    /**
     * Where the published ports are: the engine's host for a {@code tcp://} DOCKER_HOST, else this machine. Not
     * Testcontainers' host, which inside a CI container is the gateway of Podman's default network (10.88.0.1), where
     * the ports published on 0.0.0.0 of this machine are not reached.
     */
    private static String engineHost() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith("tcp://")) {
            return URI.create(dockerHost).getHost();
        }
        return "localhost";
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
