package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {

    @Test
    void featureVersionFromReleaseFile() {
        assertThat(JavaRuntime.featureOfRelease("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n")).hasValue(25);
        assertThat(JavaRuntime.featureOfRelease("JAVA_VERSION=\"21\"")).hasValue(21);
        assertThat(JavaRuntime.featureOfRelease("JAVA_VERSION=\"17.0.15\"")).hasValue(17);
        assertThat(JavaRuntime.featureOfRelease("JAVA_VERSION=\"1.8.0_292\"")).hasValue(8);
        assertThat(JavaRuntime.featureOfRelease("JAVA_RUNTIME_VERSION=\"21\"")).isEqualTo(OptionalInt.empty());
        assertThat(JavaRuntime.featureOfRelease("")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void picksTheNewestJdkOfAtLeast21AndIgnoresOlderOrBrokenOnes(@TempDir Path jvms) throws IOException {
        jdk(jvms.resolve("java-17-openjdk-amd64"), "17.0.15", true);
        jdk(jvms.resolve("temurin-21-jdk"), "21.0.4", true);
        jdk(jvms.resolve("temurin-25-jdk-amd64"), "25.0.1", true);
        jdk(jvms.resolve("jdk-26-no-binary"), "26", false);
        Files.createDirectories(jvms.resolve("not-a-jdk"));

        List<Path> homes = JavaRuntime.jdkHomesUnder(jvms);

        assertThat(JavaRuntime.newest(homes)).hasValue(jvms.resolve("temurin-25-jdk-amd64/bin/java"));
    }

    @Test
    void nothingWhenOnlyOldJdksExist(@TempDir Path jvms) throws IOException {
        jdk(jvms.resolve("java-17-openjdk-amd64"), "17.0.15", true);
        jdk(jvms.resolve("java-11"), "11.0.2", true);

        assertThat(JavaRuntime.newest(JavaRuntime.jdkHomesUnder(jvms))).isEmpty();
        assertThat(JavaRuntime.jdkHomesUnder(jvms.resolve("missing"))).isEmpty();
    }

    @Test
    void currentJvmIsUsedWhenItIsRecentEnough() {
        // the tests run on the toolchain's JDK 21+, so the child JVMs use the same java
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
        assertThat(JavaRuntime.find()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static void jdk(Path home, String version, boolean withBinary) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        if (withBinary) {
            Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
