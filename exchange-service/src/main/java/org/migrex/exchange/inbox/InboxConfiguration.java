package org.migrex.exchange.inbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.exchange.config.ExchangeProperties;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wiring of the receiving side: the partners' keys (read from {@code migrex.exchange.partners.<CC>.public-key} and
 * {@code .key-id}, the same properties the sending side uses for delivery; a partner without them is only a delivery
 * target and its datasets are refused), the verifier, the store and the follower. An unreadable key file stops the
 * start with the property's name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxConfiguration.class);

    @Bean
    PartnerKeys inboxPartnerKeys(Environment environment) {
        // only the partners are bound here (not all of ExchangeProperties), so the receiving side starts without the
        // sending side's required settings, as in its integration test
        Map<String, ExchangeProperties.Partner> entries = Binder.get(environment)
                .bind("migrex.exchange.partners", Bindable.mapOf(String.class, ExchangeProperties.Partner.class))
                .orElse(Map.of());
        Map<String, PartnerKeys.PartnerKey> keys = new HashMap<>();
        entries.forEach((country, entry) -> {
            String cc = country.toUpperCase(Locale.ROOT);
            if (entry.publicKey() == null || entry.publicKey().toString().isBlank()
                    || entry.keyId() == null || entry.keyId().isBlank()) {
                log.warn("partner {} has no public-key or key-id (migrex.exchange.partners.{}.public-key / .key-id):"
                        + " datasets from it will be refused as UNKNOWN_SENDER", cc, country);
                return;
            }
            try {
                keys.put(cc, new PartnerKeys.PartnerKey(entry.keyId(), Ed25519Keys.readPublic(entry.publicKey())));
            } catch (RuntimeException e) {
                throw new IllegalStateException("migrex.exchange.partners." + country + ".public-key: " + e.getMessage(), e);
            }
        });
        return new PartnerKeys(keys);
    }

    /** Named so the readiness group can list it (application.yml). */
    @Bean("exchangeReceiving")
    ReceivingSideHealth exchangeReceivingHealth(ObjectProvider<InboxFollower> inbox,
                                                ObjectProvider<org.migrex.exchange.mirror.AggregatesFollower> aggregates) {
        return new ReceivingSideHealth(inbox, aggregates);
    }

    @Bean
    InboxStore inboxStore() {
        return new InboxStore();
    }

    @Bean
    InboxVerifier inboxVerifier(Topics topics, PartnerKeys partnerKeys) {
        return new InboxVerifier(topics.nodeCode(), partnerKeys);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "migrex.inbox.enabled", matchIfMissing = true)
    InboxFollower inboxFollower(MigrexNodeProperties node, InboxProperties properties, Topics topics,
                                AvroSerdeFactory serdes, InboxVerifier verifier, InboxStore store,
                                ObjectProvider<MeterRegistry> meters) {
        String groupId = properties.groupId() == null || properties.groupId().isBlank()
                ? "migrex-" + topics.nodeCode().toLowerCase(Locale.ROOT) + "-inbox" : properties.groupId();
        return new InboxFollower(node.kafka().bootstrapServers(), groupId, topics, serdes, verifier, store,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
                properties.pollTimeout(), Clock.systemUTC());
    }
}
