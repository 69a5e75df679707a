package org.migrex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard bilateral agreement of the sandbox: a node sends a partner its MIGR_FLOW cells whose counterpart is that
 * partner, by flow, sex, age, duration class and month, with primary suppression of counts under 5.
 */
public final class Agreements {
    /** Dataflow of the standard agreement. */
    public static final String DATAFLOW = "MIGR_FLOW";
    /** Disclosure threshold k of the standard agreement. */
    public static final int K = 5;

    private Agreements() {
    }

    /** Id of the agreement under which {@code sender} delivers to {@code partner}: {@code KAZ-KGZ-MIGR_FLOW}. */
    public static String id(String sender, String partner) {
        return sender + "-" + partner + "-" + DATAFLOW;
    }

    /** The agreement's YAML text, in the format of docs/exchange.md. */
    public static String standard(String sender, String partner) {
        return """
                id: %s
                version: 1
                partner: %s
                dataflow: %s
                filter:
                  COUNTERPART_AREA: [%s]
                keep: [FLOW, SEX, AGE, DURATION, TIME_PERIOD]
                disclosure:
                  k: %d
                resend:
                  min-interval: PT5S
                final-after: P2M
                """.formatted(id(sender, partner), partner, DATAFLOW, partner, K);
    }

    /** Writes the standard agreement with {@code partner} into the sender's agreements folder; returns the file. */
    public static Path write(Path agreementsDir, String sender, String partner) {
        Path file = agreementsDir.resolve(id(sender, partner) + ".yaml");
        try {
            Files.createDirectories(agreementsDir);
            Files.writeString(file, standard(sender, partner), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write agreement " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
