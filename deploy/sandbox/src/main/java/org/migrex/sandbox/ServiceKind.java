package org.migrex.sandbox;

import java.nio.file.Path;

/** The three services of a node, with the module folder that builds each and its place in the port plan. */
public enum ServiceKind {
    INGESTION("ingestion-service", 10),
    HARMONIZATION("harmonization-service", 20),
    EXCHANGE("exchange-service", 30);

    private final String module;
    private final int portSuffix;

    ServiceKind(String module, int portSuffix) {
        this.module = module;
        this.portSuffix = portSuffix;
    }

    /** Module folder, relative to the repository root, and the name of the exec jar's stem. */
    public String module() {
        return module;
    }

    /** Last two digits of the service's port in the sandbox plan: node n serves on 8n10, 8n20, 8n30. */
    public int portSuffix() {
        return portSuffix;
    }

    /** Short name for tables and log files: ingestion, harmonization, exchange. */
    public String shortName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The runnable jar that {@code ./mvnw package} builds: {@code <module>/target/<module>-exec.jar}, or under the build
     * folder named by the system property {@code migrex.target} (the parent pom's build-folder switch).
     */
    public Path execJar(Path repositoryRoot) {
        String target = System.getProperty("migrex.target", "target");
        return repositoryRoot.resolve(module).resolve(target).resolve(module + "-exec.jar");
    }
}
