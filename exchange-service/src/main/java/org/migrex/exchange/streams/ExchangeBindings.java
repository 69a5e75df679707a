package org.migrex.exchange.streams;

import java.util.List;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.streams.DeserializationExceptionHandler;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsBindingProperties;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;

/**
 * The bindings of the exchange service's functions, filled into Spring Cloud Stream's own properties with every
 * destination taken from {@link Topics} for {@code migrex.node.country}: no topic name is written in configuration.
 * A value set explicitly in configuration is kept; the application ids and the processing guarantee are not
 * overridable.
 *
 * <table>
 *   <caption>functions ({@code spring.cloud.function.definition} in application.yml)</caption>
 *   <tr><th>function</th><th>reads</th><th>application id</th></tr>
 *   <tr><td>{@code aggregation}</td><td>{@code <cc>.harmonized.events} and {@code <cc>.intake.quality}
 *       (undecodable bytes of either: {@code sendToDlq} to {@code <cc>.harmonized.events.dlq})</td><td>{@code migrex-<cc>-exchange-aggregation}</td></tr>
 *   <tr><td>{@code remittances}</td><td>{@code <cc>.remittances} (undecodable: {@code sendToDlq} to
 *       {@code <cc>.harmonized.events.dlq})</td><td>{@code migrex-<cc>-exchange-remittances}</td></tr>
 *   <tr><td>{@code delivery}</td><td>{@code <cc>.aggregates} and {@code <cc>.exchange.revision-requests}
 *       (undecodable records of either: {@code sendToDlq} to {@code <cc>.exchange.delivery.dlq})</td><td>{@code migrex-<cc>-exchange} (the id of the
 *       earlier single topology, so the revisions in {@code dataset-state} survive the upgrade)</td></tr>
 *   <tr><td>{@code forwarding}</td><td>{@code <cc>.exchange.outbox}</td><td>{@code migrex-<cc>-exchange-forwarding},
 *       at-least-once</td></tr>
 *   <tr><td>{@code receipt}</td><td>{@code exchange.<CC>.inbox} (and the copies of pulling partners' outboxes,
 *       {@code <partner>.exchange.outbox.<cc>}) and {@code <cc>.aggregates}</td>
 *       <td>{@code migrex-<cc>-exchange-receipt}</td></tr>
 * </table>
 * Done on the property beans rather than in an EnvironmentPostProcessor because the country may be known only once
 * the context is being built (tests' dynamic properties).
 */
public final class ExchangeBindings implements BeanPostProcessor {
    private final Environment environment;

    public ExchangeBindings(Environment environment) {
        this.environment = environment;
    }

    private Topics topics() {
        String country = Binder.get(environment).bind("migrex.node.country", String.class)
                .orElseThrow(() -> new IllegalStateException(
                        "migrex.node.country is not set: the ISO 3166-1 alpha-3 code of this node, e.g. KAZ"));
        return Topics.forNode(country);
    }

    /** Application id of a function: {@code migrex-<cc>-exchange} plus the suffix. */
    public static String applicationId(Topics topics, String suffix) {
        return topics.exchangeApplicationId(suffix);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof BindingServiceProperties bindings) {
            Topics t = topics();
            destination(bindings, "aggregation-in-0", t.harmonizedEvents().name());
            destination(bindings, "aggregation-in-1", t.intakeQuality().name());
            destination(bindings, "remittances-in-0", t.remittances().name());
            destination(bindings, "delivery-in-0", t.aggregates().name());
            destination(bindings, "delivery-in-1", t.revisionRequests().name());
            destination(bindings, "forwarding-in-0", t.outbox().name());
            destination(bindings, "receipt-in-0", String.join(",", receiptInputs(t)));
            destination(bindings, "receipt-in-1", t.aggregates().name());
        } else if (bean instanceof KafkaStreamsExtendedBindingProperties extended) {
            // both inputs of the aggregation send undecodable records to its one dead-letter topic (the headers
            // name the source topic)
            // (the other bindings' settings are kept as configured)
            java.util.Map<String, KafkaStreamsBindingProperties> configured =
                    new java.util.HashMap<>(extended.getBindings());
            Topics t = topics();
            java.util.Map<String, String> deadLetters = java.util.Map.of(
                    "aggregation-in-0", t.harmonizedEventsDeadLetter().name(),
                    "aggregation-in-1", t.harmonizedEventsDeadLetter().name(),
                    // the aggregation's dead-letter topic too: the other path to <cc>.aggregates (headers name
                    // the source topic)
                    "remittances-in-0", t.harmonizedEventsDeadLetter().name(),
                    // an operator's request that cannot be read must not stop the delivery of every dataset; the binder
                    // takes the application's deserialization handler from its first input, so both get it
                    "delivery-in-0", t.deliveryDeadLetter().name(),
                    "delivery-in-1", t.deliveryDeadLetter().name());
            deadLetters.forEach((name, deadLetter) -> {
                KafkaStreamsBindingProperties binding = extended.getBindings().get(name);
                if (binding == null) {
                    binding = new KafkaStreamsBindingProperties();
                }
                KafkaStreamsConsumerProperties consumer = binding.getConsumer();
                if (consumer.getDeserializationExceptionHandler() == null) {
                    consumer.setDeserializationExceptionHandler(DeserializationExceptionHandler.sendToDlq);
                }
                if (consumer.getDlqName() == null) {
                    consumer.setDlqName(deadLetter);
                }
                configured.put(name, binding);
            });
            extended.setBindings(configured); // the getter's map is read-only
        } else if (bean instanceof KafkaStreamsBinderConfigurationProperties binder) {
            Topics t = topics();
            binder.getConfiguration().put("processing.guarantee", "exactly_once_v2");
            function(binder, "aggregation", applicationId(t, "-aggregation"));
            function(binder, "remittances", applicationId(t, "-remittances"));
            // the delivery's transaction spans a dataset's disclosure control, which on a large linked table takes
            // tens of seconds (the sandbox demo's public MIGR_FLOW release of 2025-01: 35 s on a loaded 2-core
            // machine); past Kafka Streams' exactly-once default of 10 s the broker aborts the transaction and
            // fences the producer, and the task re-runs the same dataset for ever, delivering nothing
            function(binder, "delivery", applicationId(t, "")).getConfiguration()
                    .putIfAbsent("producer.transaction.timeout.ms", "300000");
            function(binder, "receipt", applicationId(t, "-receipt"));
            // a copy to another cluster cannot share that cluster's transaction anyway (see Forwarding)
            function(binder, "forwarding", applicationId(t, "-forwarding"))
                    .getConfiguration().put("processing.guarantee", "at_least_once");
        }
        return bean;
    }

    /**
     * The receipt's first input: the node's inbox, and for each partner configured with {@code transport: pull} the
     * copies of its outbox and of its receipts for this node ({@code <partner>.exchange.outbox.<cc>},
     * {@code <partner>.exchange.receipts.<cc>}), written here by this node's MirrorMaker 2.
     */
    private List<String> receiptInputs(Topics t) {
        java.util.List<String> inputs = new java.util.ArrayList<>(List.of(t.ownInbox().name()));
        Binder.get(environment).bind("migrex.exchange.partners",
                org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class,
                        org.migrex.exchange.receiving.ReceivingProperties.Partner.class))
                .orElse(java.util.Map.of()).entrySet().stream()
                .filter(e -> e.getValue().transport() == org.migrex.exchange.sending.ExchangeProperties.Transport.PULL)
                .map(e -> Topics.forNode(e.getKey())).sorted(java.util.Comparator.comparing(Topics::nodeCode))
                .forEach(partner -> {
                    inputs.add(partner.outboxFor(t.nodeCode()).name());
                    inputs.add(partner.receiptsFor(t.nodeCode()).name());
                });
        return inputs;
    }

    private static void destination(BindingServiceProperties bindings, String binding, String topic) {
        BindingProperties properties = bindings.getBindings().computeIfAbsent(binding, k -> new BindingProperties());
        if (properties.getDestination() == null) {
            properties.setDestination(topic);
        }
    }

    private static KafkaStreamsBinderConfigurationProperties.Functions function(
            KafkaStreamsBinderConfigurationProperties binder, String name, String applicationId) {
        KafkaStreamsBinderConfigurationProperties.Functions function = binder.getFunctions()
                .computeIfAbsent(name, k -> new KafkaStreamsBinderConfigurationProperties.Functions());
        function.setApplicationId(applicationId);
        if (function.getConfiguration() == null) {
            function.setConfiguration(new java.util.HashMap<>());
        }
        return function;
    }
}
