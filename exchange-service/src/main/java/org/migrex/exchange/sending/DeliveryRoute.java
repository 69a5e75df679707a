package org.migrex.exchange.sending;

/** Where the delivery writes a partner's dataset; every route but {@link #PUBLISH} is a topic of this node's own cluster. */
public enum DeliveryRoute {
    /** The partner's inbox {@code exchange.<CC>.inbox}, on this node's cluster (a shared cluster). */
    INBOX,
    /** {@code <cc>.exchange.outbox}, from which {@link Forwarding} copies it to the inbox on the partner's cluster. */
    FORWARD,
    /** {@code <cc>.exchange.outbox.<partner>}, which the partner's MirrorMaker 2 pulls into its cluster. */
    PULL,
    /**
     * The pseudo-partner {@code PUBLIC} (a release for publication): no topic; the delivered revision is kept in
     * {@code published-tables} like every partner's, and the public portal pages read it there.
     */
    PUBLISH;

    /** The route to a receiver: {@link #PUBLISH} for {@code PUBLIC}, else as the partner is configured. */
    public static DeliveryRoute of(String receiver, ExchangeProperties properties, String ownBootstrapServers) {
        if (org.migrex.exchange.sending.agreement.ExchangeAgreement.PUBLIC.equals(receiver)) {
            return PUBLISH;
        }
        return of(properties.partner(receiver), ownBootstrapServers);
    }

    /** The route to a partner as configured, for a node whose cluster is {@code ownBootstrapServers}. */
    public static DeliveryRoute of(ExchangeProperties.Partner partner, String ownBootstrapServers) {
        if (partner.pulls()) {
            return PULL;
        }
        return partner.remote(ownBootstrapServers) ? FORWARD : INBOX;
    }
}
