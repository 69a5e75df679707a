package org.migrex.exchange.receiving;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.Map;
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
 */
@ConfigurationProperties("migrex.exchange")
@Validated
public record ReceivingProperties(@DefaultValue Map<String, Partner> partners, @DefaultValue @Valid Inbox inbox) {

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
     */
    public record Partner(Path publicKey, String keyId) {
    }
}
