package org.migrex.exchange.sending;

/** Where the delivery writes a partner's dataset; every route is a topic of this node's own cluster. */
public enum DeliveryRoute {
    /** The partner's inbox {@code exchange.<CC>.inbox}, on this node's cluster (a shared cluster). */
    INBOX,
    /** {@code <cc>.exchange.outbox}, from which {@link Forwarding} copies it to the inbox on the partner's cluster. */
    FORWARD,
    /** {@code <cc>.exchange.outbox.<partner>}, which the partner's MirrorMaker 2 pulls into its cluster. */
    PULL;

    /** The route to a partner as configured, for a node whose cluster is {@code ownBootstrapServers}. */
    public static DeliveryRoute of(ExchangeProperties.Partner partner, String ownBootstrapServers) {
        if (partner.pulls()) {
            return PULL;
        }
        return partner.remote(ownBootstrapServers) ? FORWARD : INBOX;
    }
}
