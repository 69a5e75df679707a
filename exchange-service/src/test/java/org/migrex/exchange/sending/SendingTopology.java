package org.migrex.exchange.sending;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Topics;

/**
 * The sending side's functions applied to one StreamsBuilder, as the binder applies each to its bound stream: the
 * aggregation writes {@code <cc>.aggregates}, which the delivery reads (the test driver feeds a topology's own sink
 * back to its source). Test support: the binder runs them as separate Kafka Streams applications.
 */
final class SendingTopology {
    /**
     * The aggregation's delta flush interval in topology tests: a test advances the driver's wall clock by it after
     * each input, so that the summed deltas reach the counts before the test reads them, and long before the
     * delivery's own schedule (seconds) fires.
     */
    static final Duration FLUSH = Duration.ofMillis(1);

    private SendingTopology() {
    }

    static Topology build(Topics topics, List<ExchangeAgreement> agreements, SendingSerdes serdes,
            DatasetSigner signer, Predicate<String> remotePartner) {
        return build(topics, agreements, serdes, signer, remotePartner, UTC_STOCK);
    }

    /** MIGR_STOCK's horizon in UTC, checked every minute: what the topology tests run with unless they say. */
    static final ExchangeProperties.Stock UTC_STOCK =
            new ExchangeProperties.Stock(java.time.ZoneId.of("UTC"), java.time.Duration.ofMinutes(1), FLUSH);

    /** With MIGR_STOCK's horizon in {@code stock}'s zone. */
    static Topology build(Topics topics, List<ExchangeAgreement> agreements, SendingSerdes serdes,
            DatasetSigner signer, Predicate<String> remotePartner, ExchangeProperties.Stock stock) {
        return buildRouted(topics, agreements, serdes, signer, partner -> remotePartner.test(partner)
                ? DeliveryRoute.FORWARD : DeliveryRoute.INBOX, stock);
    }

    static Topology buildRouted(Topics topics, List<ExchangeAgreement> agreements, SendingSerdes serdes,
            DatasetSigner signer, java.util.function.Function<String, DeliveryRoute> route) {
        return buildRouted(topics, agreements, serdes, signer, route, UTC_STOCK);
    }

    static Topology buildRouted(Topics topics, List<ExchangeAgreement> agreements, SendingSerdes serdes,
            DatasetSigner signer, java.util.function.Function<String, DeliveryRoute> route,
            ExchangeProperties.Stock stock) {
        StreamsBuilder builder = new StreamsBuilder();
        new Aggregation(topics, serdes.aggregates(), FLUSH, stock, agreements).accept(builder.stream(topics.harmonizedEvents().name(),
                Consumed.with(Serdes.String(), serdes.events())), builder.stream(topics.intakeQuality().name(),
                Consumed.with(Serdes.String(), serdes.intake())));
        new Delivery(topics, agreements, new Delivery.Serdes2(serdes.datasets(), serdes.audit()), signer,
                route, DeliveryListener.NONE, Duration.ofSeconds(1))
                .accept(builder.stream(topics.aggregates().name(), Consumed.with(Serdes.String(), serdes.aggregates())),
                        builder.stream(topics.revisionRequests().name(),
                                Consumed.with(Serdes.String(), serdes.revisionRequests())));
        return builder.build();
    }
}
