package org.migrex.exchange.sending;

/** Told about every delivery, for metrics. Called from the stream thread; must not block. */
public interface DeliveryListener {
    DeliveryListener NONE = new DeliveryListener() {
    };

    /** A dataset with {@code cells} observations, {@code suppressed} of them suppressed, was delivered to the partner. */
    default void delivered(String partner, int cells, int suppressed) {
    }

    /** A dataset for the partner failed the pre-delivery disclosure check and was not sent. */
    default void refused(String partner) {
    }

    /** A cell of a FINAL dataset for the partner changed; the change is held for an operator's revision. */
    default void lateChangeHeld(String partner) {
    }

    /** What disclosure control cost a dataset delivered to the partner (over-suppression report). */
    default void suppression(String partner, org.migrex.exchange.sending.cube.SuppressionReport report) {
    }

    /** A delivery to the partner failed; it is retried after the agreement's re-send interval. */
    default void failed(String partner) {
    }

    /** How a delivery attempt of one dataset ended. */
    enum Outcome {
        /** Signed and handed to Kafka. */
        DELIVERED,
        /** The table equals the revision delivered last: nothing sent. */
        UNCHANGED,
        /** Failed the pre-delivery disclosure check: not sent (fail closed). */
        REFUSED,
        /** An operator's revision request declined (not FINAL, unchanged or failing the check). */
        DECLINED
    }

    /**
     * One delivery attempt of a dataset of {@code dataflow} for the partner took {@code nanos} on the stream thread:
     * the table from the period's cells, disclosure control, the pre-delivery check and the signature.
     */
    default void attempted(String partner, String dataflow, Outcome outcome, long nanos) {
    }
}
