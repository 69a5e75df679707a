package org.migrex.exchange.receiving;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.migrex.exchange.dataflow.AuditEvent;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.DeliveryReceipt;
import org.migrex.schema.ReceiptSignatures;
import org.migrex.schema.Topics;

/**
 * Signed delivery receipts between partners that pull (see docs/exchange.md, "Delivery by pull"), both ways:
 * <ul>
 *   <li>as receiver: for each inbox audit record of a dataset from a pulling partner, the same facts as a
 *       {@link DeliveryReceipt} signed with this node's key, for {@code <cc>.exchange.receipts.<partner>};</li>
 *   <li>as sender: each receipt in the copy of a partner's receipts for this node ({@code <partner>.exchange
 *       .receipts.<cc>}), checked (decodes, signed by that partner's configured key under its key id, names this node
 *       as sender and that partner as receiver) and turned into an audit record of this node's delivery.</li>
 * </ul>
 * Plain code over what the receipt function hands it; no Kafka Streams here.
 */
final class Acknowledgements {
    /** This node's receipt signing key. */
    record Signer(String keyId, PrivateKey privateKey) {
    }

    private final Topics topics;
    private final Set<String> pullPartners;
    private final Signer signer;
    private final PartnerKeys partnerKeys;
    /** Topic of the copy of a partner's receipts to the partner and the decoder for it (the partner's registry). */
    private final Map<String, String> partnerOfCopy;
    private final Map<String, Deserializer<DeliveryReceipt>> decoders;

    Acknowledgements(Topics topics, Set<String> pullPartners, Signer signer, PartnerKeys partnerKeys,
            Map<String, Deserializer<DeliveryReceipt>> decodersByPartner) {
        if (!pullPartners.isEmpty() && signer == null) {
            throw new IllegalStateException("partners " + pullPartners + " pull (transport: pull), and a node signs"
                    + " the receipts it sends them: set migrex.exchange.signing.key-id and .private-key");
        }
        this.topics = topics;
        this.pullPartners = Set.copyOf(pullPartners);
        this.signer = signer;
        this.partnerKeys = partnerKeys;
        this.partnerOfCopy = pullPartners.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                partner -> Topics.forNode(partner).receiptsFor(topics.nodeCode()).name(), partner -> partner));
        this.decoders = partnerOfCopy.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> decodersByPartner.get(e.getValue())));
    }

    static Acknowledgements none(Topics topics) {
        return new Acknowledgements(topics, Set.of(), null, new PartnerKeys(Map.of()), Map.of());
    }

    /** Whether records of {@code topic} are a partner's receipts for this node (not datasets). */
    boolean isReceiptCopy(String topic) {
        return partnerOfCopy.containsKey(topic);
    }

    /** The signed receipt to send for this inbox audit record, when its sender pulls. */
    Optional<DeliveryReceipt> receiptFor(DeliveryAuditRecord audit) {
        if (!pullPartners.contains(audit.getSender())) {
            return Optional.empty();
        }
        DeliveryReceipt receipt = DeliveryReceipt.newBuilder()
                .setReceiver(topics.nodeCode()).setSender(audit.getSender()).setDatasetId(audit.getDatasetId())
                .setDataflow(audit.getDataflow()).setPeriod(audit.getPeriod()).setRevision(audit.getRevision())
                .setChecksum(audit.getChecksum()).setOutcome(audit.getEvent()).setReason(audit.getReason())
                .setAt(audit.getAt()).setKeyId(signer.keyId()).setSignature(java.nio.ByteBuffer.allocate(0))
                .build();
        return Optional.of(ReceiptSignatures.sign(receipt, signer.privateKey()));
    }

    /** Topic and key of a receipt: {@code <cc>.exchange.receipts.<sender>}, {@code SENDER|dataflow|period|revision}. */
    String topicOf(DeliveryReceipt receipt) {
        return topics.receiptsFor(receipt.getSender()).name();
    }

    static String keyOf(DeliveryReceipt receipt) {
        return Topics.datasetKey(receipt.getSender(), receipt.getDataflow(), receipt.getPeriod()) + "|"
                + receipt.getRevision();
    }

    /**
     * This node's audit record of a receipt read from the copy of a partner's receipts: CONFIRMED, PARTNER_REJECTED,
     * or RECEIPT_REFUSED with the reason when it fails a check (then none of its claims is taken over but its key).
     */
    DeliveryAuditRecord acknowledge(String topic, Headers headers, byte[] bytes, String key, Instant now) {
        String partner = partnerOfCopy.get(topic);
        DeliveryReceipt receipt;
        try {
            receipt = bytes == null ? null : decoders.get(topic).deserialize(topic, headers, bytes);
        } catch (RuntimeException e) {
            if (org.migrex.serde.SchemaRegistryException.isTransientCause(e)) {
                throw new IllegalStateException(topic + ": schema registry unavailable; the receipt is read again", e);
            }
            return refused(partner, key, "UNDECODABLE: " + e.getMessage(), now);
        }
        if (receipt == null) {
            return refused(partner, key, "TOMBSTONE: a deletion record on " + topic, now);
        }
        if (!partner.equals(receipt.getReceiver()) || !topics.nodeCode().equals(receipt.getSender())) {
            return refused(partner, key, "WRONG_PARTIES: a receipt on " + topic + " is " + partner + "'s for "
                    + topics.nodeCode() + "; this one names receiver " + receipt.getReceiver() + " and sender "
                    + receipt.getSender(), now);
        }
        Optional<PartnerKeys.PartnerKey> known = partnerKeys.find(partner);
        if (known.isEmpty()) {
            return refused(partner, key, "UNKNOWN_SENDER: no public key configured for " + partner
                    + " (migrex.exchange.partners." + partner + ".public-key and .key-id)", now);
        }
        if (!known.get().keyId().equals(receipt.getKeyId())) {
            return refused(partner, key, "UNKNOWN_KEY: signed under key id '" + receipt.getKeyId() + "', configured: '"
                    + known.get().keyId() + "'", now);
        }
        if (!ReceiptSignatures.verify(receipt, known.get().publicKey())) {
            return refused(partner, key, "BAD_SIGNATURE: the receipt's signature does not verify under "
                    + partner + "'s key " + known.get().keyId(), now);
        }
        boolean received = AuditEvent.RECEIVED.name().equals(receipt.getOutcome());
        return base(partner, now)
                .setEvent(received ? AuditEvent.CONFIRMED.name() : AuditEvent.PARTNER_REJECTED.name())
                .setDatasetId(receipt.getDatasetId()).setDataflow(receipt.getDataflow())
                .setPeriod(receipt.getPeriod()).setRevision(receipt.getRevision()).setChecksum(receipt.getChecksum())
                .setReason(receipt.getReason())
                .build();
    }

    private DeliveryAuditRecord refused(String partner, String key, String reason, Instant now) {
        return base(partner, now).setEvent(AuditEvent.RECEIPT_REFUSED.name())
                .setReason(reason + (key == null ? "" : " (key " + key + ")")).build();
    }

    private DeliveryAuditRecord.Builder base(String partner, Instant now) {
        return DeliveryAuditRecord.newBuilder().setEvent("?").setDatasetId("unknown").setSender(topics.nodeCode())
                .setReceiver(partner).setAgreementId("unknown").setDataflow("unknown").setPeriod("unknown")
                .setRevision(-1).setStatus("UNKNOWN").setObservationCount(0).setSuppressedCount(0)
                .setChecksum("").setReason(null).setAt(now);
    }
}
