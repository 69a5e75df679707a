package org.migrex.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 key pairs of exchange nodes, as PEM files that OpenSSL also reads and writes
 * ({@code openssl genpkey -algorithm ed25519}): the private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the
 * public key as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}).
 */
public final class Ed25519Keys {
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private Ed25519Keys() {
    }

    /** Generates a key pair and writes it to the two files (the private one readable by its owner only, where the file system allows). */
    public static KeyPair generate(Path privatePem, Path publicPem) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writePem(privatePem, PRIVATE_LABEL, pair.getPrivate().getEncoded(), true);
            writePem(publicPem, PUBLIC_LABEL, pair.getPublic().getEncoded(), false);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** Reads an Ed25519 private key from a PKCS#8 PEM file. */
    public static PrivateKey readPrivate(Path pem) {
        byte[] der = readPem(pem, PRIVATE_LABEL);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("file " + pem + " does not hold an Ed25519 private key in PKCS#8: "
                    + e.getMessage(), e);
        }
    }

    /** Reads an Ed25519 public key from an X.509 (SubjectPublicKeyInfo) PEM file. */
    public static PublicKey readPublic(Path pem) {
        byte[] der = readPem(pem, PUBLIC_LABEL);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("file " + pem + " does not hold an Ed25519 public key in X.509: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] readPem(Path pem, String label) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + pem + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("file " + pem + " is not a PEM file with a '" + begin + "' block");
        }
        String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("file " + pem + ": the " + label + " block is not valid base64", e);
        }
    }

    private static void writePem(Path file, String label, byte[] der, boolean secret) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }
}
