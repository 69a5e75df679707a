package org.migrex.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The ingestion service of a Migrex node: uploads of registry exports to {@code <cc>.raw.records}. */
@SpringBootApplication
@EnableConfigurationProperties(IngestionProperties.class)
public class IngestionApplication {
    public static void main(String[] args) {
        SpringApplication.run(IngestionApplication.class, args);
    }
}
