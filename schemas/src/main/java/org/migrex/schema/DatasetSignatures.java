package org.migrex.schema;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Canonical encoding, Ed25519 signature and checksum of an {@link ExchangeDataset}: the part of the exchange contract
 * that a partner must be able to reimplement from docs/exchange.md alone.
 *
 * <h2>Canonical encoding, version 1</h2>
 * The encoding covers every field of the dataset except {@code signature}. It uses three primitives:
 * <ul>
 *   <li>{@code str(s)}: the UTF-8 bytes of {@code s}, preceded by their length as a 4-byte big-endian unsigned
 *       integer;</li>
 *   <li>{@code i64(n)}: {@code n} as 8 bytes, big-endian two's complement;</li>
 *   <li>{@code u32(n)}: {@code n} as 4 bytes, big-endian.</li>
 * </ul>
 * The encoding is the concatenation of
 * <pre>
 *   str("migrex.ExchangeDataset.v1")
 *   str(datasetId) str(sender) str(receiver) str(agreementId) str(dataflow) str(period)
 *   i64(revision) str(status) i64(generatedAt as epoch milliseconds) str(keyId)
 *   u32(number of observations) obs(o1) obs(o2) ...
 * </pre>
 * where each observation is encoded as
 * <pre>
 *   obs(o) = u32(number of dimensions) str(k1) str(v1) str(k2) str(v2) ...   (entries sorted by key, see below)
 *            value: the single byte 0x00 when value is null, else 0x01 followed by i64(value)
 *            str(confStatus)
 * </pre>
 * followed, only for an operator's revision of a FINAL dataset (its {@code revisionReason} is set), by
 * <pre>
 *   str("revisionReason") str(revisionReason)
 * </pre>
 * so that the reason is signed, while every dataset without one keeps the encoding (and signature) it always had;
 * then, only when the dataset says which dimensions and filter its agreement has ({@code keep} or {@code filter} is
 * set), by
 * <pre>
 *   str("definition")
 *   u32(number of kept dimensions) str(d1) str(d2) ...                (sorted)
 *   u32(number of filtered dimensions) str(f1) u32(number of codes) str(c1) str(c2) ... str(f2) ...
 *                                                                      (dimensions sorted, and each one's codes)
 * </pre>
 * where an absent {@code keep} or {@code filter} counts as empty.
 * Dimension entries are ordered by the unsigned lexicographic order of the UTF-8 bytes of their keys. The encoded
 * observations are ordered by the unsigned lexicographic order of their own encoded bytes (a shorter array that is a
 * prefix of a longer one comes first). The order of the Avro array and of the Avro maps therefore does not matter.
 */
public final class DatasetSignatures {
    /** Domain-separation tag at the start of every encoding; changes whenever the encoding changes. */
    public static final String ENCODING_TAG = "migrex.ExchangeDataset.v1";

    private DatasetSignatures() {
    }

    /** The canonical encoding of the dataset without its signature (see the class documentation). */
    public static byte[] canonicalEncoding(ExchangeDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        var out = new ByteArrayOutputStream(256);
        putString(out, ENCODING_TAG, "encoding tag");
        putString(out, required(dataset.getDatasetId(), "datasetId"), "datasetId");
        putString(out, required(dataset.getSender(), "sender"), "sender");
        putString(out, required(dataset.getReceiver(), "receiver"), "receiver");
        putString(out, required(dataset.getAgreementId(), "agreementId"), "agreementId");
        putString(out, required(dataset.getDataflow(), "dataflow"), "dataflow");
        putString(out, required(dataset.getPeriod(), "period"), "period");
        putLong(out, dataset.getRevision());
        putString(out, required(dataset.getStatus(), "status"), "status");
        putLong(out, required(dataset.getGeneratedAt(), "generatedAt").toEpochMilli());
        putString(out, required(dataset.getKeyId(), "keyId"), "keyId");
        List<Observation> observations = required(dataset.getObservations(), "observations");
        List<byte[]> encoded = new ArrayList<>(observations.size());
        for (Observation observation : observations) {
            encoded.add(observation(observation));
        }
        encoded.sort(Arrays::compareUnsigned);
        putInt(out, encoded.size());
        for (byte[] bytes : encoded) {
            out.writeBytes(bytes);
        }
        if (dataset.getRevisionReason() != null) {
            putString(out, "revisionReason", "revisionReason tag");
            putString(out, dataset.getRevisionReason(), "revisionReason");
        }
        if (dataset.getKeep() != null || dataset.getFilter() != null) {
            putString(out, "definition", "definition tag");
            List<String> keep = sortedUtf8(dataset.getKeep() == null ? List.of() : dataset.getKeep(), "keep");
            putInt(out, keep.size());
            keep.forEach(d -> putString(out, d, "keep"));
            Map<String, List<String>> filter = dataset.getFilter() == null ? Map.of() : dataset.getFilter();
            List<String> dimensions = sortedUtf8(filter.keySet(), "filter dimension");
            putInt(out, dimensions.size());
            for (String dimension : dimensions) {
                putString(out, dimension, "filter dimension");
                List<String> codes = sortedUtf8(required(filter.get(dimension), "filter codes"), "filter code");
                putInt(out, codes.size());
                codes.forEach(c -> putString(out, c, "filter code"));
            }
        }
        return out.toByteArray();
    }

    /** The Ed25519 signature of {@link #canonicalEncoding(ExchangeDataset)} under the given private key. */
    public static byte[] sign(ExchangeDataset dataset, PrivateKey privateKey) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(canonicalEncoding(dataset));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign dataset " + dataset.getDatasetId() + " with Ed25519: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether the dataset's {@code signature} is a valid Ed25519 signature of its canonical encoding under the given
     * public key. A missing or malformed signature is not valid.
     */
    public static boolean verify(ExchangeDataset dataset, PublicKey publicKey) {
        ByteBuffer buffer = dataset.getSignature();
        if (buffer == null) {
            return false;
        }
        byte[] signatureBytes = new byte[buffer.remaining()];
        buffer.duplicate().get(signatureBytes);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(canonicalEncoding(dataset));
            return signature.verify(signatureBytes);
        } catch (SignatureException | NullPointerException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify Ed25519 signatures with the given key: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of {@link #canonicalEncoding(ExchangeDataset)}. */
    public static String checksum(ExchangeDataset dataset) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalEncoding(dataset)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] observation(Observation observation) {
        var out = new ByteArrayOutputStream(96);
        Map<String, String> dimensions = required(observation.getDimensions(), "observation.dimensions");
        List<byte[][]> entries = new ArrayList<>(dimensions.size());
        for (Map.Entry<? extends CharSequence, ? extends CharSequence> entry : dimensions.entrySet()) {
            entries.add(new byte[][] {
                    utf8(required(entry.getKey(), "observation.dimensions key"), "observation.dimensions key"),
                    utf8(required(entry.getValue(), "observation.dimensions[" + entry.getKey() + "]"),
                            "observation.dimensions[" + entry.getKey() + "]")});
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        putInt(out, entries.size());
        for (byte[][] entry : entries) {
            putBytes(out, entry[0]);
            putBytes(out, entry[1]);
        }
        Long value = observation.getValue();
        if (value == null) {
            out.write(0);
        } else {
            out.write(1);
            putLong(out, value);
        }
        putString(out, required(observation.getConfStatus(), "observation.confStatus"), "observation.confStatus");
        return out.toByteArray();
    }

    /**
     * Strict UTF-8: text that has no UTF-8 form (an unpaired surrogate) is refused. {@link String#getBytes} would
     * replace it with '?', so two different datasets would share one encoding and one signature.
     */
    private static byte[] utf8(CharSequence s, String field) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("dataset field '" + field
                    + "' is not valid Unicode text (an unpaired surrogate has no UTF-8 form); the canonical encoding "
                    + "accepts only text that encodes to UTF-8", e);
        }
    }

    /** The strings in the unsigned lexicographic order of their UTF-8 bytes (each checked as {@link #utf8} does). */
    private static List<String> sortedUtf8(java.util.Collection<String> values, String field) {
        List<String> sorted = new ArrayList<>(values.size());
        for (String value : values) {
            sorted.add(required(value, field));
        }
        sorted.sort((a, b) -> Arrays.compareUnsigned(utf8(a, field), utf8(b, field)));
        return sorted;
    }

    private static void putString(ByteArrayOutputStream out, CharSequence s, String field) {
        putBytes(out, utf8(s, field));
    }

    private static void putBytes(ByteArrayOutputStream out, byte[] bytes) {
        putInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void putInt(ByteArrayOutputStream out, int n) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
    }

    private static void putLong(ByteArrayOutputStream out, long n) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("dataset field '" + field + "' is null; the canonical encoding needs it");
        }
        return value;
    }
}
