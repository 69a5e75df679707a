package org.migrex.sandbox;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The {@link TwoNodeScenario} on the docker-compose deployment (two clusters, two registries, exchange across them).
 * Needs a Docker engine and the services' exec jars ({@code ./mvnw package}); skipped without Docker. The same scenario
 * runs without Docker in {@link SandboxIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {
    @Container
    private static final ComposeContainer COMPOSE = new ComposeContainer(
            new File(SandboxIT.repositoryRoot().toFile(), "docker-compose.yml"))
            .withBuild(true)
            .withExposedService("ingestion-kaz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("ingestion-kgz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("exchange-kgz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("harmonization-kaz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("exchange-kaz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("harmonization-kgz", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(5)));

    @Test
    void twoClustersExchangeWhatTheirAgenciesUploaded() {
        TwoNodeScenario.run(url("ingestion-kaz"), url("exchange-kaz"), url("ingestion-kgz"), url("exchange-kgz"));
    }

    private static URI url(String service) {
        return URI.create("http://" + COMPOSE.getServiceHost(service, 8080) + ":" + COMPOSE.getServicePort(service, 8080));
    }
}
