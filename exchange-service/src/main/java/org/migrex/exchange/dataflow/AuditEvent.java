package org.migrex.exchange.dataflow;

/**
 * What a {@code DeliveryAuditRecord} records, written into its {@code event} field by name: on the sender's
 * {@code <cc>.exchange.audit} a DELIVERED dataset, or one DISCLOSURE_REFUSED (it failed the pre-delivery disclosure
 * check and was not sent), LATE_CHANGES_HELD (cells of a FINAL dataset changed: held, not sent, until an operator
 * revises it) or REVISION_DECLINED (an operator's revision request that was not delivered: the dataset is not FINAL,
 * nothing changed, or the revised table failed the disclosure check); on the receiver's {@code <cc>.exchange.inbox.audit} a dataset
 * RECEIVED (stored, or a repeat of the stored one) or REJECTED (with the reason). With delivery by pull, the sender's
 * audit also records the partner's signed receipt of each revision: CONFIRMED (the partner verified it),
 * PARTNER_REJECTED (the partner refused it, with its reason) or RECEIPT_REFUSED (the receipt itself failed this node's
 * checks: signature, key id, names; it says nothing then).
 */
public enum AuditEvent {
    DELIVERED, DISCLOSURE_REFUSED, LATE_CHANGES_HELD, REVISION_DECLINED, RECEIVED, REJECTED, CONFIRMED, PARTNER_REJECTED,
    RECEIPT_REFUSED
}
