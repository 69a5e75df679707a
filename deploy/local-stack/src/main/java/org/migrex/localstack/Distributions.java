package org.migrex.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Where the broker's classpath and the unpacked registry are. This module's build copies the Kafka
 * server jars into {@code <build dir>/kafka-runtime} and unpacks Apicurio into
 * {@code <build dir>/apicurio-registry-<version>}, and records both absolute paths in
 * {@code local-stack.properties}; the system properties {@code migrex.localstack.kafka-lib} and
 * {@code migrex.localstack.apicurio-home} override them.
 */
final class Distributions {

    static final String KAFKA_LIB_PROPERTY = "migrex.localstack.kafka-lib";
    static final String APICURIO_HOME_PROPERTY = "migrex.localstack.apicurio-home";
    static final String MIRROR_LIB_PROPERTY = "migrex.localstack.mirror-lib";

    private static final Properties BUILD = load();

    private Distributions() {
    }

    static String kafkaVersion() {
        return BUILD.getProperty("kafka.version", "?");
    }

    static String apicurioVersion() {
        return BUILD.getProperty("apicurio.version", "?");
    }

    /** The folder of the broker's jars; its {@code *} is the broker's classpath. */
    static Path kafkaLib() {
        Path lib = Path.of(System.getProperty(KAFKA_LIB_PROPERTY, BUILD.getProperty("kafka.lib", "")));
        if (!Files.isRegularFile(lib.resolve("kafka_2.13-" + kafkaVersion() + ".jar"))) {
            throw new LocalStackException("The Kafka broker's jars are not in " + lib.toAbsolutePath()
                    + " (expected kafka_2.13-" + kafkaVersion() + ".jar there). Build the module deploy/local-stack "
                    + "(./mvnw -pl deploy/local-stack package) or pass -D" + KAFKA_LIB_PROPERTY + "=<folder of the jars>");
        }
        return lib;
    }

    /** The folder of MirrorMaker 2's jars (Kafka's connect-mirror and its closure); its {@code *} is its classpath. */
    static Path mirrorLib() {
        Path lib = Path.of(System.getProperty(MIRROR_LIB_PROPERTY, BUILD.getProperty("mirror.lib", "")));
        if (!Files.isRegularFile(lib.resolve("connect-mirror-" + kafkaVersion() + ".jar"))) {
            throw new LocalStackException("MirrorMaker 2's jars are not in " + lib.toAbsolutePath()
                    + " (expected connect-mirror-" + kafkaVersion() + ".jar there). Build the module deploy/local-stack "
                    + "(./mvnw -pl deploy/local-stack package) or pass -D" + MIRROR_LIB_PROPERTY + "=<folder of the jars>");
        }
        return lib;
    }

    /** The unpacked Apicurio Registry, the folder that holds {@code quarkus-run.jar}. */
    static Path apicurioHome() {
        Path home = Path.of(System.getProperty(APICURIO_HOME_PROPERTY, BUILD.getProperty("apicurio.home", "")));
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new LocalStackException("Apicurio Registry " + apicurioVersion() + " is not unpacked in " + home.toAbsolutePath()
                    + " (expected quarkus-run.jar there). Build the module deploy/local-stack "
                    + "(./mvnw -pl deploy/local-stack package) or pass -D" + APICURIO_HOME_PROPERTY + "=<unpacked folder>");
        }
        return home;
    }

    /**
     * Writes the jar of the {@link ParentWatch} agent into {@code dir} and returns its path. The class is
     * copied from this module's classpath, so this works from a jar and from a classes folder alike.
     */
    static Path writeParentWatchAgent(Path dir) {
        Path jar = dir.resolve("parent-watch.jar");
        String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatch.class.getName());
        try (InputStream classBytes = ParentWatch.class.getClassLoader().getResourceAsStream(entry)) {
            if (classBytes == null) {
                throw new LocalStackException("Cannot read " + entry + " from the classpath");
            }
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                jarOut.putNextEntry(new JarEntry(entry));
                classBytes.transferTo(jarOut);
                jarOut.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new LocalStackException("Cannot write the parent-watch agent to " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Distributions.class.getResourceAsStream("local-stack.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the accessors report the missing paths with a clear message
        }
        return properties;
    }
}
