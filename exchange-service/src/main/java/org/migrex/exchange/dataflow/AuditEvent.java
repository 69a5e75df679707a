package org.migrex.exchange.dataflow;

/**
 * What a {@code DeliveryAuditRecord} records, written into its {@code event} field by name: on the sender's
 * {@code <cc>.exchange.audit} a DELIVERED dataset, or one DISCLOSURE_REFUSED (it failed the pre-delivery disclosure
 * check and was not sent); on the receiver's {@code <cc>.exchange.inbox.audit} a dataset
 * RECEIVED (stored, or a repeat of the stored one) or REJECTED (with the reason).
 */
public enum AuditEvent {
    DELIVERED, DISCLOSURE_REFUSED, RECEIVED, REJECTED
}
