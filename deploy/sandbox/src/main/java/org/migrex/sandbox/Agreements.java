package org.migrex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The standard bilateral agreements of the sandbox, two per ordered pair of nodes, with primary suppression of counts
 * under 5:
 * <ul>
 *   <li>{@code MIGR_FLOW}: a node sends a partner its flows whose counterpart is that partner, by flow, sex, age,
 *       duration class and month (what the mirror table compares);</li>
 *   <li>{@code MIGR_STOCK}: a node sends a partner the stock of the partner's citizens resident on the first day of
 *       each month, by sex and age.</li>
 * </ul>
 * and a third, {@code REMITTANCES} (docs/remittances.md): a node sends each partner its whole remittance table, the
 * price survey and the flows it recorded, by corridor and quarter. These are prices and money amounts, published by
 * central banks and RPW, not counts of persons: no disclosure control applies, and a partner sees the node's other
 * corridors too, which lets it compare its costs with its neighbours'. One agreement per pair and dataflow, since a
 * receiver keeps one dataset per sender, dataflow and period.
 */
public final class Agreements {
    /** Dataflow of the standard flow agreement. */
    public static final String FLOW = "MIGR_FLOW";
    /** Dataflow of the standard stock agreement. */
    public static final String STOCK = "MIGR_STOCK";
    /** Dataflow of the standard remittance agreement. */
    public static final String REMITTANCES = "REMITTANCES";
    /** The dataflows every pair of nodes exchanges, in the order the agreements are written. */
    public static final List<String> DATAFLOWS = List.of(FLOW, STOCK, REMITTANCES);
    /** Disclosure threshold k of the standard agreements. */
    public static final int K = 5;

    private Agreements() {
    }

    /**
     * Id of the agreement under which {@code sender} delivers {@code dataflow} to {@code partner}:
     * {@code KAZ-KGZ-MIGR_FLOW}.
     */
    public static String id(String sender, String partner, String dataflow) {
        return sender + "-" + partner + "-" + dataflow;
    }

    /** The flow agreement's YAML text, in the format of docs/exchange.md. */
    public static String flow(String sender, String partner) {
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
                """.formatted(id(sender, partner, FLOW), partner, FLOW, partner, K);
    }

    /** The stock agreement's YAML text: the partner's citizens in the sender's stock. */
    public static String stock(String sender, String partner) {
        return """
                id: %s
                version: 1
                partner: %s
                dataflow: %s
                filter:
                  CITIZENSHIP: [%s]
                keep: [SEX, AGE, TIME_PERIOD]
                disclosure:
                  k: %d
                resend:
                  min-interval: PT5S
                final-after: P2M
                """.formatted(id(sender, partner, STOCK), partner, STOCK, partner, K);
    }

    /** The remittance agreement's YAML text: every corridor the sender surveyed or recorded, by quarter. */
    public static String remittances(String sender, String partner) {
        return """
                id: %s
                version: 1
                partner: %s
                dataflow: %s
                keep: [INDICATOR, SENDING_AREA, RECEIVING_AREA, AMOUNT, CURRENCY, TIME_PERIOD]
                resend:
                  min-interval: PT5S
                final-after: P2M
                """.formatted(id(sender, partner, REMITTANCES), partner, REMITTANCES);
    }

    /** The pseudo-partner of a release for publication (the exchange service's portal shows it, no login). */
    public static final String PUBLIC = "PUBLIC";

    /**
     * The sandbox's release for publication: every flow of the sender by flow, counterpart country, sex, age,
     * duration class and month, under the same disclosure control as a partner's table; the public portal pages
     * ({@code /portal/public} of the exchange service) show it.
     */
    public static String publicRelease(String sender) {
        return publicRelease(sender, FLOW, "FLOW, COUNTERPART_AREA, SEX, AGE, DURATION, TIME_PERIOD");
    }

    /** A release of {@code dataflow} to PUBLIC keeping {@code keep}, with the standard threshold and timing. */
    private static String publicRelease(String sender, String dataflow, String keep) {
        return """
                id: %s
                version: 1
                partner: %s
                dataflow: %s
                keep: [%s]
                disclosure:
                  k: %d
                resend:
                  min-interval: PT5S
                final-after: P2M
                """.formatted(id(sender, PUBLIC, dataflow), PUBLIC, dataflow, keep, K);
    }

    /**
     * The sandbox's release of its migrant stock for publication: the stock on the first day of each month by
     * citizenship, sex and age, under the same delivery and disclosure control as a partner's stock table (primary
     * suppression under k, secondary suppression against an attacker who holds the table); the portal's stock page
     * draws it. Not linked with the partners' stock tables, which keep other dimensions (docs/portal.md, "Not yet").
     */
    public static String publicStockRelease(String sender) {
        return publicRelease(sender, STOCK, "CITIZENSHIP, SEX, AGE, TIME_PERIOD");
    }

    /** Writes the releases for publication (flows, stock) into the sender's agreements folder; returns the files. */
    public static List<Path> writePublic(Path agreementsDir, String sender) {
        try {
            Files.createDirectories(agreementsDir);
            Path flow = agreementsDir.resolve(id(sender, PUBLIC, FLOW) + ".yaml");
            Files.writeString(flow, publicRelease(sender), StandardCharsets.UTF_8);
            Path stock = agreementsDir.resolve(id(sender, PUBLIC, STOCK) + ".yaml");
            Files.writeString(stock, publicStockRelease(sender), StandardCharsets.UTF_8);
            return List.of(flow, stock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public release into " + agreementsDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes the standard agreements with {@code partner} into the sender's agreements folder; returns the files. */
    public static List<Path> write(Path agreementsDir, String sender, String partner) {
        try {
            Files.createDirectories(agreementsDir);
            Path flow = agreementsDir.resolve(id(sender, partner, FLOW) + ".yaml");
            Files.writeString(flow, flow(sender, partner), StandardCharsets.UTF_8);
            Path stock = agreementsDir.resolve(id(sender, partner, STOCK) + ".yaml");
            Files.writeString(stock, stock(sender, partner), StandardCharsets.UTF_8);
            Path remittances = agreementsDir.resolve(id(sender, partner, REMITTANCES) + ".yaml");
            Files.writeString(remittances, remittances(sender, partner), StandardCharsets.UTF_8);
            return List.of(flow, stock, remittances);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agreements with " + partner + " into " + agreementsDir
                    + ": " + e.getMessage(), e);
        }
    }
}
