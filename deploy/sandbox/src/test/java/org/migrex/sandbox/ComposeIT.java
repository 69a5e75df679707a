package org.migrex.sandbox;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
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
    private static final List<String> SERVICES = List.of("ingestion-kaz", "harmonization-kaz", "exchange-kaz",
            "ingestion-kgz", "harmonization-kgz", "exchange-kgz");

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
        // a local override builds every image here: nothing to pull
        boolean pull = files.size() == 1;
        if (onPath("docker-compose")) {
            DockerComposeContainer compose = new DockerComposeContainer(files).withBuild(true).withPull(pull)
                    .withTailChildContainers(false);
            for (String service : SERVICES) {
                compose.withExposedService(service, 8080, ready());
            }
            return compose;
        }
        ComposeContainer compose = new ComposeContainer(files).withBuild(true).withPull(pull);
        for (String service : SERVICES) {
            compose.withExposedService(service, 8080, ready());
        }
        return compose;
    }

    private static WaitStrategy ready() {
        // six Spring Boot services, two brokers and two registries start at once: slow on a 2-core CI machine
        return Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(8));
    }

    private static URI url(String service) {
        String host;
        int port;
        if (COMPOSE instanceof DockerComposeContainer<?> v1) {
            host = v1.getServiceHost(service, 8080);
            port = v1.getServicePort(service, 8080);
        } else {
            ComposeContainer v2 = (ComposeContainer) COMPOSE;
            host = v2.getServiceHost(service, 8080);
            port = v2.getServicePort(service, 8080);
        }
        return URI.create("http://" + host + ":" + port);
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
