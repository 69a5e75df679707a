package org.migrex.harmonization.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class HarmonizationBindingsEnvironmentPostProcessorTest {

    @Test
    void derivesDestinationsDlqAndApplicationIdFromTheCountry() {
        MockEnvironment environment = new MockEnvironment().withProperty("migrex.node.country", "kgz");
        new HarmonizationBindingsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.stream.bindings.harmonize-in-0.destination"))
                .isEqualTo("kgz.raw.records");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.harmonize-out-0.destination"))
                .isEqualTo("kgz.harmonized.events");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.harmonize-out-1.destination"))
                .isEqualTo("kgz.quarantine");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.streams.bindings.harmonize-in-0.consumer.dlqName"))
                .isEqualTo("kgz.raw.records.dlq");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.streams.binder.functions.harmonize.applicationId"))
                .isEqualTo("migrex-kgz-harmonization");
    }

    @Test
    void aDeploymentStillOverridesADerivedValue() {
        MockEnvironment environment = new MockEnvironment().withProperty("migrex.node.country", "KAZ")
                .withProperty("spring.cloud.stream.bindings.harmonize-in-0.destination", "custom.raw");
        new HarmonizationBindingsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.cloud.stream.bindings.harmonize-in-0.destination"))
                .isEqualTo("custom.raw");
    }

    @Test
    void withoutACountryItAddsNothing() {
        MockEnvironment environment = new MockEnvironment();
        new HarmonizationBindingsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources()
                .contains(HarmonizationBindingsEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
    }
}
