package org.migrex.exchange.receiving;

import java.util.Objects;

import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Topics;

/**
 * The checks a decoded dataset must pass before this node stores it, in this order: the record key names the same
 * sender, dataflow and period as the dataset; the receiver is this node; the sender is a configured partner; the
 * dataset's {@code keyId} is that partner's configured key id; the Ed25519 signature over the canonical encoding is
 * valid under that partner's public key. The first failing check is the reason.
 */
public final class InboxVerifier {
    /** Why a dataset was refused; the lower-case name is the metric tag. */
    public enum Reason {
        KEY_MISMATCH, WRONG_RECEIVER, UNKNOWN_SENDER, UNKNOWN_KEY_ID, BAD_SIGNATURE,
        /** Refused by {@link DatasetValidator} after the signature verified. */
        UNKNOWN_DATAFLOW, INVALID_PERIOD, TOO_MANY_OBSERVATIONS, INVALID_OBSERVATION,
        /** The dataset's {@code keep} or {@code filter} names a dimension its dataflow does not have. */
        INVALID_DEFINITION;

        /** The detail quotes the dataset's codes and values: it goes to the audit record, not to the log. */
        public boolean quotesContent() {
            return ordinal() >= UNKNOWN_DATAFLOW.ordinal();
        }
    }

    /** Outcome of verification: {@code reason} is null when the dataset passed. */
    public record Verdict(Reason reason, String detail) {
        public boolean accepted() {
            return reason == null;
        }

        static Verdict ok() {
            return new Verdict(null, null);
        }
    }

    private final String ownNode;
    private final PartnerKeys partners;

    public InboxVerifier(String ownNode, PartnerKeys partners) {
        this.ownNode = Objects.requireNonNull(ownNode, "ownNode");
        this.partners = Objects.requireNonNull(partners, "partners");
    }

    public Verdict verify(String recordKey, ExchangeDataset d) {
        String expectedKey = Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod());
        if (!expectedKey.equals(recordKey)) {
            return new Verdict(Reason.KEY_MISMATCH, "record key '" + recordKey + "' does not match the dataset's '"
                    + expectedKey + "' (SENDER|dataflow|period)");
        }
        if (!ownNode.equals(d.getReceiver())) {
            return new Verdict(Reason.WRONG_RECEIVER, "dataset is addressed to " + d.getReceiver()
                    + ", this node is " + ownNode);
        }
        var partner = partners.find(d.getSender());
        if (partner.isEmpty()) {
            return new Verdict(Reason.UNKNOWN_SENDER, "sender " + d.getSender()
                    + " is not a configured partner (migrex.exchange.partners.<CC>); partners: " + partners.countries());
        }
        if (!partner.get().keyId().equals(d.getKeyId())) {
            return new Verdict(Reason.UNKNOWN_KEY_ID, "dataset is signed with key id '" + d.getKeyId()
                    + "', the configured key of " + d.getSender() + " is '" + partner.get().keyId() + "'");
        }
        boolean valid;
        try {
            valid = DatasetSignatures.verify(d, partner.get().publicKey());
        } catch (IllegalArgumentException incomplete) {
            valid = false;
        }
        if (!valid) {
            return new Verdict(Reason.BAD_SIGNATURE, "signature does not verify under the public key of "
                    + d.getSender() + " (key id " + d.getKeyId() + "): the dataset was altered or signed with another key");
        }
        return Verdict.ok();
    }
}
