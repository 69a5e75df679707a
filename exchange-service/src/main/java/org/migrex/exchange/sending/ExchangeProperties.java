package org.migrex.exchange.sending;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the exchange service (prefix {@code migrex.exchange}); see docs/configuration.md.
 *
 * @param agreementsDir folder of exchange agreement YAML files, one agreement per file
 * @param signing this node's Ed25519 signing key
 * @param partners partner nodes by ISO alpha-3 code (upper case): their public keys and clusters
 * @param scheduleInterval how often pending datasets are checked for (re-)sending and periods for closing
 * @param stock how far MIGR_STOCK is counted: up to the current month in a zone ({@code migrex.exchange.stock.*})
 * <p>The Kafka Streams settings under the same prefix ({@code commit-interval}, {@code state-dir}, {@code streams.*})
 * are shared with the receiving side: {@code org.migrex.exchange.streams.ExchangeStreamsProperties}.
 */
@ConfigurationProperties("migrex.exchange")
@Validated
public record ExchangeProperties(
        @NotNull Path agreementsDir,
        @NotNull @Valid Signing signing,
        @DefaultValue Map<String, @Valid Partner> partners,
        @DefaultValue("PT1S") @NotNull Duration scheduleInterval,
        @DefaultValue @NotNull @Valid Stock stock) {

    /**
     * MIGR_STOCK's horizon: the stock is counted for the months whose first day has come in {@code zone}, never for
     * a month ahead (its figure would only be a forecast of who has not left yet); when a month starts there, the
     * persons resident on its first day are added.
     *
     * @param zone the zone whose calendar says which month has started (the node's, e.g. {@code Asia/Almaty}); an
     *     unknown zone id fails the start naming {@code migrex.exchange.stock.zone}
     * @param checkInterval how often each task looks whether a month has started (wall clock); a new month's stock
     *     appears at most this long after midnight of its first day
     * @param flushInterval how long each task adds up the stock changes of its persons before it sends them on
     *     (wall clock). A stock is a figure for the first day of a month, so seconds of delay cost its users
     *     nothing, while a first load of years of registrations changes almost every stock cell of every month in
     *     each flush: the longer interval merges more persons into one write per cell (see docs/performance.md)
     */
    public record Stock(
            @DefaultValue("UTC") @NotNull ZoneId zone,
            @DefaultValue("PT1M") @NotNull Duration checkInterval,
            @DefaultValue("PT5S") @NotNull Duration flushInterval) {

        public Stock {
            positive("check-interval", checkInterval);
            positive("flush-interval", flushInterval);
        }

        private static void positive(String key, Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("migrex.exchange.stock." + key + " must be positive, got "
                        + interval);
            }
        }
    }

    /**
     * This node's signing key.
     *
     * @param keyId id of the key, carried in every dataset (e.g. {@code KAZ-2026-1})
     * @param privateKey path of the Ed25519 private key, PKCS#8 PEM
     * @param publicKey path of the Ed25519 public key, X.509 PEM
     */
    public record Signing(@NotBlank String keyId, @NotNull Path privateKey, @NotNull Path publicKey) {
    }

    /**
     * A partner node.
     *
     * @param publicKey path of the partner's Ed25519 public key (X.509 PEM), used to verify what it delivers
     * @param keyId the partner's key id; datasets signed under another key id are refused
     * @param bootstrapServers the partner's Kafka cluster, where {@code exchange.<CC>.inbox} lives; empty: this node's
     *     cluster
     * @param registryUrl Confluent-API base URL of the schema registry of the partner's cluster; empty: this node's
     *     registry
     * @param properties extra Kafka client properties for the partner's cluster (security.protocol, sasl.*, ssl.*)
     * @param transport how datasets cross between this node and the partner: {@code inbox} (default) writes them to
     *     the partner's inbox (here, or on its cluster by forwarding); {@code pull}: each side writes what it sends
     *     to its own {@code <cc>.exchange.outbox.<partner>} and the other side's MirrorMaker 2 copies that topic into
     *     its cluster, where the receipt reads it; with pull, {@code registry-url} is the partner's registry, from
     *     which the copied datasets' schemas are read
     */
    public record Partner(
            Path publicKey,
            String keyId,
            String bootstrapServers,
            String registryUrl,
            @DefaultValue Map<String, String> properties,
            @DefaultValue("inbox") Transport transport) {

        public Partner {
            if (transport == Transport.PULL && bootstrapServers != null && !bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("a partner with transport 'pull' has no bootstrap-servers (got '"
                        + bootstrapServers + "'): this node never connects to the partner's cluster; the partner's"
                        + " MirrorMaker 2 pulls this node's outbox for it. Accepted: transport 'inbox' with"
                        + " bootstrap-servers, or 'pull' without");
            }
        }

        /** Whether deliveries to this partner go to another cluster than the node's own, by forwarding. */
        public boolean remote(String ownBootstrapServers) {
            return transport != Transport.PULL && bootstrapServers != null && !bootstrapServers.isBlank()
                    && !bootstrapServers.equals(ownBootstrapServers);
        }

        public boolean pulls() {
            return transport == Transport.PULL;
        }
    }

    /** How datasets cross to and from a partner (see {@link Partner}); written {@code inbox} or {@code pull}. */
    public enum Transport {
        INBOX, PULL
    }

    /** The receivers that pull their datasets from this node's outboxes, and from whose outboxes this node pulls. */
    public java.util.List<String> pullPartners() {
        return partners == null ? java.util.List.of() : partners.entrySet().stream()
                .filter(e -> e.getValue().pulls()).map(Map.Entry::getKey).sorted().toList();
    }

    /** The partner with this code, or one with no settings (same cluster, no key) when it is not configured. */
    public Partner partner(String code) {
        Partner partner = partners == null ? null : partners.get(code);
        return partner != null ? partner : new Partner(null, null, null, null, Map.of(), Transport.INBOX);
    }
}
