package org.migrex.schema;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Canonical encoding and Ed25519 signature of a {@link DeliveryReceipt}:
 * <pre>
 *   str(TAG) str(receiver) str(sender) str(datasetId) str(dataflow) str(period) i64(revision) str(checksum)
 *   str(outcome) opt(reason) i64(at, epoch millis) str(keyId)
 * </pre>
 * with {@code str(s)} = u32 length of the UTF-8 bytes, then the bytes; {@code opt(s)} = 0x00 for null, else 0x01 and
 * {@code str(s)}; integers big-endian. Every field but the signature is covered, so a receipt cannot be altered, and the
 * tag keeps a receipt's signature from ever passing as a dataset's.
 */
public final class ReceiptSignatures {
    /** Domain-separation tag; changes whenever the encoding changes. */
    public static final String ENCODING_TAG = "migrex.DeliveryReceipt.v1";

    private ReceiptSignatures() {
    }

    public static byte[] canonicalEncoding(DeliveryReceipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        string(out, ENCODING_TAG);
        string(out, receipt.getReceiver());
        string(out, receipt.getSender());
        string(out, receipt.getDatasetId());
        string(out, receipt.getDataflow());
        string(out, receipt.getPeriod());
        i64(out, receipt.getRevision());
        string(out, receipt.getChecksum());
        string(out, receipt.getOutcome());
        if (receipt.getReason() == null) {
            out.write(0);
        } else {
            out.write(1);
            string(out, receipt.getReason());
        }
        i64(out, receipt.getAt().toEpochMilli());
        string(out, receipt.getKeyId());
        return out.toByteArray();
    }

    /** Sets the receipt's signature under {@code privateKey} and returns it. */
    public static DeliveryReceipt sign(DeliveryReceipt receipt, PrivateKey privateKey) {
        receipt.setSignature(ByteBuffer.allocate(0));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(canonicalEncoding(receipt));
            receipt.setSignature(ByteBuffer.wrap(signature.sign()));
            return receipt;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the receipt of " + receipt.getDatasetId() + " with Ed25519: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the receipt's signature is a valid Ed25519 signature of its encoding under {@code publicKey}. */
    public static boolean verify(DeliveryReceipt receipt, PublicKey publicKey) {
        ByteBuffer buffer = receipt.getSignature();
        if (buffer == null) {
            return false;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(canonicalEncoding(receipt));
            return signature.verify(bytes);
        } catch (SignatureException | NullPointerException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify Ed25519 signatures with the given key: " + e.getMessage(), e);
        }
    }

    private static void string(ByteArrayOutputStream out, CharSequence text) {
        if (text == null) {
            throw new IllegalArgumentException("a receipt field is missing");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static void i64(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }
}
