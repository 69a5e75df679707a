package org.migrex.exchange.receiving;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Map;
import org.migrex.exchange.sending.ExchangeProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the receiving side reads of the configuration (prefix {@code migrex.exchange}): the partners' verification
 * keys. The same {@code migrex.exchange.partners.<CC>} entries also carry the sending side's delivery settings; each
 * side binds only its own keys, so the receiving side starts without the sending side's required settings.
 *
 * @param partners partner nodes by ISO alpha-3 code (any case)
 * @param inbox limits on what partners deliver
 * @param signing this node's key, for the receipts of the pull protocol
 */
@ConfigurationProperties("migrex.exchange")
@Validated
public record ReceivingProperties(@DefaultValue Map<String, Partner> partners, @DefaultValue @Valid Inbox inbox,
        Signing signing) {

    /**
     * This node's signing key as the receiving side uses it: to sign the receipts it sends partners that pull
     * ({@code migrex.exchange.signing.*}, the same key the sending side signs datasets with); absent on a node that
     * only receives from partners that do not pull.
     */
    public record Signing(String keyId, Path privateKey) {
    }

    /**
     * Limits on a delivered dataset ({@link DatasetValidator}).
     *
     * @param maxObservations most observations one dataset may carry; a larger one is refused as
     *        {@code TOO_MANY_OBSERVATIONS} (1 to 10,000,000; default 100,000)
     */
    public record Inbox(@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxObservations) {
    }

    /**
     * A partner as a sender of datasets to this node.
     *
     * @param publicKey path of the partner's Ed25519 public key (X.509 PEM), used to verify what it delivers
     * @param keyId the partner's key id; datasets signed under another key id are refused
     * @param registryUrl with transport {@code pull}: the partner's registry (Confluent API), from which the schemas
     *     of the datasets in the copy of its outbox are read; empty: this node's registry (one shared registry)
     * @param transport {@code pull}: this node's MirrorMaker 2 copies the partner's
     *     {@code <partner>.exchange.outbox.<cc>} into this cluster and the receipt reads it besides the inbox
     */
    public record Partner(Path publicKey, String keyId, String registryUrl,
            @DefaultValue("inbox") ExchangeProperties.Transport transport) {
    }

    /** The partners (upper case) whose outbox copies this node reads. */
    public java.util.List<String> pullPartners() {
        return partners.entrySet().stream().filter(e -> e.getValue().transport() == ExchangeProperties.Transport.PULL)
                .map(e -> e.getKey().toUpperCase(java.util.Locale.ROOT)).sorted().toList();
    }
}
