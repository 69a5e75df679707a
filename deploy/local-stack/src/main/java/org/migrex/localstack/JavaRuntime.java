package org.migrex.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} executable of feature version 21 or newer for the child processes: Apicurio
 * Registry 3 refuses older versions, and the parent JVM (for example Maven on the machine's default
 * Java 17) may be older. Order: the system property {@code migrex.localstack.java}, the current JVM,
 * {@code JAVA_HOME}, then the newest JDK under {@code /usr/lib/jvm}.
 */
final class JavaRuntime {

    static final int MINIMUM_FEATURE = 21;
    static final String OVERRIDE_PROPERTY = "migrex.localstack.java";

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");

    private JavaRuntime() {
    }

    static Path find() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path java = Path.of(override);
            if (!Files.isExecutable(java)) {
                throw new LocalStackException(OVERRIDE_PROPERTY + "=" + override + " is not an executable file");
            }
            return java;
        }
        if (Runtime.version().feature() >= MINIMUM_FEATURE) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        List<Path> homes = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        homes.addAll(jdkHomesUnder(Path.of("/usr/lib/jvm")));
        return newest(homes).orElseThrow(() -> new LocalStackException(
                "No Java " + MINIMUM_FEATURE + " or newer found for the Kafka broker and the Apicurio registry: the current JVM is "
                        + Runtime.version() + ", JAVA_HOME=" + javaHome + ", and no JDK " + MINIMUM_FEATURE
                        + "+ with a 'release' file is under /usr/lib/jvm. Install one there or pass -D"
                        + OVERRIDE_PROPERTY + "=/path/to/bin/java"));
    }

    /** The JDK home of feature version {@value #MINIMUM_FEATURE} or newer with the highest version, as its {@code bin/java}. */
    static Optional<Path> newest(List<Path> homes) {
        return homes.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> featureOf(home).orElse(0) >= MINIMUM_FEATURE)
                .max(Comparator.comparingInt((Path home) -> featureOf(home).orElse(0)))
                .map(home -> home.resolve("bin/java"));
    }

    static List<Path> jdkHomesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The feature version declared by {@code <home>/release}, if it can be read. */
    static OptionalInt featureOf(Path home) {
        try {
            return featureOfRelease(Files.readString(home.resolve("release")));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The feature version of a JDK {@code release} file's {@code JAVA_VERSION}: {@code "1.8.0_292"} is 8,
     * {@code "21.0.2"} is 21, {@code "25"} is 25.
     */
    static OptionalInt featureOfRelease(String releaseFile) {
        Matcher matcher = RELEASE_VERSION.matcher(releaseFile);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        String[] parts = matcher.group(1).split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            if (first == 1 && parts.length > 1) {
                return OptionalInt.of(Integer.parseInt(parts[1]));
            }
            return OptionalInt.of(first);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
