package org.migrex.exchange.receiving;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured partners of this node and their signing keys, as the inbox needs them to verify datasets.
 *
 * @param partners partner country (ISO alpha-3, upper case) to its key
 */
public record PartnerKeys(Map<String, PartnerKey> partners) {
    /** A partner's current signing key. */
    public record PartnerKey(String keyId, PublicKey publicKey) {
    }

    public PartnerKeys {
        partners = Map.copyOf(partners);
    }

    public Optional<PartnerKey> find(String country) {
        return Optional.ofNullable(country == null ? null : partners.get(country));
    }

    public Set<String> countries() {
        return partners.keySet();
    }
}
