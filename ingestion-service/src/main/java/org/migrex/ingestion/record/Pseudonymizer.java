package org.migrex.ingestion.record;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a person id by its pseudonym: {@code hex(HMAC-SHA-256(key = UTF-8(secret), message = UTF-8(normalized id)))},
 * lower-case hex, where the normalized id is the id with all white space removed and letters upper-cased
 * ({@code "n 1234 5678"} and {@code "N12345678"} are the same person). The same secret gives the same pseudonym on every
 * upload, so records of one person stay linkable inside the node; without the secret the id cannot be recovered.
 * Every pseudonym travels with the version of its key ({@link #keyVersion()}), so the key can be rotated.
 */
public final class Pseudonymizer {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** The version of a key when none is configured. */
    public static final String FIRST_KEY_VERSION = "1";

    private final SecretKeySpec key;
    private final String keyVersion;
    private final ThreadLocal<Mac> macs;

    public Pseudonymizer(String secret) {
        this(secret, FIRST_KEY_VERSION);
    }

    public Pseudonymizer(String secret, String keyVersion) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the pseudonym secret must be at least 32 characters long");
        }
        if (keyVersion == null || !keyVersion.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("the pseudonym key version must be 1 to 32 of A-Z a-z 0-9 . _ -, was '"
                    + keyVersion + "'");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.keyVersion = keyVersion;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Version of the key, written beside every pseudonym ({@code RawMigrationRecord.pseudonymKeyVersion}). */
    public String keyVersion() {
        return keyVersion;
    }

    /** The pseudonym of a person id (64 lower-case hex digits). */
    public String pseudonym(String personId) {
        byte[] digest = macs.get().doFinal(normalize(personId).getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest);
    }

    /** The id as it is hashed: white space removed, upper case. */
    static String normalize(String personId) {
        StringBuilder normalized = new StringBuilder(personId.length());
        for (int i = 0; i < personId.length(); i++) {
            char c = personId.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                normalized.append(c);
            }
        }
        return normalized.toString().toUpperCase(Locale.ROOT);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }
}
