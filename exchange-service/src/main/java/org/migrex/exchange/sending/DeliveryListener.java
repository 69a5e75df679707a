package org.migrex.exchange.sending;

/** Told about every delivery, for metrics. Called from the stream thread; must not block. */
public interface DeliveryListener {
    DeliveryListener NONE = new DeliveryListener() {
    };

    /** A dataset with {@code cells} observations, {@code suppressed} of them suppressed, was delivered to the partner. */
    default void delivered(String partner, int cells, int suppressed) {
    }

    /** A delivery to the partner failed; it is retried after the agreement's re-send interval. */
    default void failed(String partner) {
    }
}
