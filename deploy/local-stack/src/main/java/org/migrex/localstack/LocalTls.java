package org.migrex.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's TLS material: a self-signed certificate for {@code localhost} (and 127.0.0.1) in a PKCS12 key
 * store for the broker, and a trust store holding only that certificate for its clients. Made once per work
 * directory with the JDK's own {@code keytool} (no library, no download), and kept: a restarted broker presents the
 * same certificate. Local stack only: the passwords are fixed and written here, as the broker's own SASL password is.
 */
final class LocalTls {
    static final String PASSWORD = "local-stack-only";
    static final String TYPE = "PKCS12";

    private final Path keyStore;
    private final Path trustStore;

    private LocalTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    Path keyStore() {
        return keyStore;
    }

    Path trustStore() {
        return trustStore;
    }

    /** The material in {@code dir}, made with the {@code keytool} next to {@code java} when it is not there yet. */
    static LocalTls in(Path dir, Path java) {
        Path keyStore = dir.resolve("broker.p12");
        Path trustStore = dir.resolve("truststore.p12");
        if (Files.isRegularFile(keyStore) && Files.isRegularFile(trustStore)) {
            return new LocalTls(keyStore, trustStore);
        }
        Path keytool = java.resolveSibling(java.getFileName().toString().endsWith(".exe") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new LocalStackException("TLS for the local Kafka needs the JDK's keytool next to " + java
                    + "; it is not there (a JRE without tools?)");
        }
        Path certificate = dir.resolve("broker.crt");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(trustStore);
            run(keytool, dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3650", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", TYPE, "-storepass", PASSWORD, "-keypass", PASSWORD);
            run(keytool, dir, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                    "-storetype", TYPE, "-storepass", PASSWORD, "-file", certificate.toString());
            run(keytool, dir, "-importcert", "-noprompt", "-alias", "migrex-local-broker", "-file",
                    certificate.toString(), "-keystore", trustStore.toString(), "-storetype", TYPE,
                    "-storepass", PASSWORD);
        } catch (IOException e) {
            throw new LocalStackException("Cannot make the local TLS material in " + dir + ": " + e.getMessage(), e);
        }
        return new LocalTls(keyStore, trustStore);
    }

    /** Client settings that trust the broker's certificate (with {@code security.protocol} set by the caller). */
    Map<String, String> clientProperties() {
        return Map.of("ssl.truststore.location", trustStore.toAbsolutePath().toString(),
                "ssl.truststore.password", PASSWORD, "ssl.truststore.type", TYPE);
    }

    /** The broker's settings: its key store, and the trust store for its own connections to itself. */
    List<String> brokerProperties() {
        return List.of(
                "ssl.keystore.location=" + keyStore.toAbsolutePath(),
                "ssl.keystore.password=" + PASSWORD,
                "ssl.key.password=" + PASSWORD,
                "ssl.keystore.type=" + TYPE,
                "ssl.truststore.location=" + trustStore.toAbsolutePath(),
                "ssl.truststore.password=" + PASSWORD,
                "ssl.truststore.type=" + TYPE);
    }

    private static void run(Path keytool, Path dir, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool " + arguments[0] + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed (" + process.exitValue() + "): " + output.strip());
        }
    }
}
