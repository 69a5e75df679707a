package org.migrex.harmonization;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The harmonization service of one node: raw records in, harmonized events and quarantine out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HarmonizationApplication {
    public static void main(String[] args) {
        SpringApplication.run(HarmonizationApplication.class, args);
    }
}
