package org.migrex.admin;

import de.codecentric.boot.admin.server.config.EnableAdminServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sandbox's admin console: a Spring Boot Admin server (UI and REST API on port 8080) that shows the health,
 * metrics, loggers, environment and Kafka bindings of every Migrex service registered with it. The sandbox launcher
 * registers each service through {@code POST /instances}, with the operator's credentials in the instance metadata,
 * so the services need no admin client of their own.
 */
@SpringBootApplication
@EnableAdminServer
public class MigrexAdmin {

    public static void main(String[] args) {
        SpringApplication.run(MigrexAdmin.class, args);
    }
}
