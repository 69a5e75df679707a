package org.migrex.harmonization.config;

import org.migrex.schema.Topics;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derives the binder settings that name things from {@code migrex.node.country}, so no topic name or application id is
 * written by hand: the destinations of {@code harmonize-in-0} ({@code <cc>.raw.records}), {@code harmonize-out-0}
 * ({@code <cc>.harmonized.events}), {@code harmonize-out-1} ({@code <cc>.quarantine}) and {@code harmonize-out-2}
 * ({@code <cc>.intake.quality}) from {@link Topics}, the DLQ
 * ({@code <cc>.raw.records.dlq}) and the application id {@code migrex-<cc>-harmonization} (also the consumer group).
 * Added at the lowest precedence: a deployment may still override any of them. The country must therefore come from a
 * source present when the environment is prepared (application files, environment variables, the command line,
 * {@code @SpringBootTest(properties)}), not one added later. Without a country it adds nothing and node-common's
 * validation of {@code migrex.node.country} names the missing key.
 */
public class HarmonizationBindingsEnvironmentPostProcessor implements EnvironmentPostProcessor {
    static final String SOURCE_NAME = "migrexHarmonizationBindings";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String country = environment.getProperty("migrex.node.country");
        if (country == null || country.isBlank()) {
            return;
        }
        Topics topics;
        try {
            topics = Topics.forNode(country);
        } catch (IllegalArgumentException e) {
            return; // node-common's validation reports the bad code with the key
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, bindings(topics)));
    }

    /** The binder settings for the node of {@code topics}. */
    static Map<String, Object> bindings(Topics topics) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.cloud.stream.bindings.harmonize-in-0.destination", topics.rawRecords().name());
        p.put("spring.cloud.stream.bindings.harmonize-out-0.destination", topics.harmonizedEvents().name());
        p.put("spring.cloud.stream.bindings.harmonize-out-1.destination", topics.quarantine().name());
        p.put("spring.cloud.stream.bindings.harmonize-out-2.destination", topics.intakeQuality().name());
        p.put("spring.cloud.stream.kafka.streams.bindings.harmonize-in-0.consumer.dlqName",
                topics.rawRecordsDeadLetter().name());
        p.put("spring.cloud.stream.kafka.streams.binder.functions.harmonize.applicationId", applicationId(topics));
        return p;
    }

    static String applicationId(Topics topics) {
        return topics.harmonizationApplicationId();
    }
}
