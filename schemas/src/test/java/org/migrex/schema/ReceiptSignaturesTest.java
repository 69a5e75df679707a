package org.migrex.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receipt verifies under its signer's key only, and any change to any field breaks its signature. */
class ReceiptSignaturesTest {
    @TempDir
    static Path dir;
    private static PrivateKey kgzPrivate;
    private static PublicKey kgzPublic;
    private static PublicKey otherPublic;

    @BeforeAll
    static void keys() {
        Ed25519Keys.generate(dir.resolve("kgz.key"), dir.resolve("kgz.pub"));
        Ed25519Keys.generate(dir.resolve("x.key"), dir.resolve("x.pub"));
        kgzPrivate = Ed25519Keys.readPrivate(dir.resolve("kgz.key"));
        kgzPublic = Ed25519Keys.readPublic(dir.resolve("kgz.pub"));
        otherPublic = Ed25519Keys.readPublic(dir.resolve("x.pub"));
    }

    private static DeliveryReceipt receipt() {
        return DeliveryReceipt.newBuilder().setReceiver("KGZ").setSender("KAZ")
                .setDatasetId("KAZ-KGZ-MIGR_FLOW-2026-03-r2").setDataflow("MIGR_FLOW").setPeriod("2026-03")
                .setRevision(2).setChecksum("ab12").setOutcome("RECEIVED").setReason(null)
                .setAt(Instant.parse("2026-04-01T10:00:00Z")).setKeyId("KGZ-1")
                .setSignature(ByteBuffer.allocate(0)).build();
    }

    @Test
    void verifiesUnderTheSignersKeyOnly() {
        DeliveryReceipt signed = ReceiptSignatures.sign(receipt(), kgzPrivate);
        assertThat(ReceiptSignatures.verify(signed, kgzPublic)).isTrue();
        assertThat(ReceiptSignatures.verify(signed, otherPublic)).isFalse();
    }

    @Test
    void everyFieldIsCovered() {
        List<Consumer<DeliveryReceipt>> changes = List.of(
                r -> r.setReceiver("UZB"), r -> r.setSender("TJK"), r -> r.setDatasetId("other"),
                r -> r.setDataflow("MIGR_STOCK"), r -> r.setPeriod("2026-04"), r -> r.setRevision(3),
                r -> r.setChecksum("ab13"), r -> r.setOutcome("REJECTED"), r -> r.setReason("DUPLICATE: x"),
                r -> r.setAt(Instant.parse("2026-04-01T10:00:00.001Z")), r -> r.setKeyId("KGZ-2"));
        for (Consumer<DeliveryReceipt> change : changes) {
            DeliveryReceipt signed = ReceiptSignatures.sign(receipt(), kgzPrivate);
            change.accept(signed);
            assertThat(ReceiptSignatures.verify(signed, kgzPublic)).as(signed.toString()).isFalse();
        }
    }

    @Test
    void aMissingOrTruncatedSignatureIsNotValid() {
        DeliveryReceipt signed = ReceiptSignatures.sign(receipt(), kgzPrivate);
        byte[] bytes = signed.getSignature().array();
        signed.setSignature(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThat(ReceiptSignatures.verify(signed, kgzPublic)).isFalse();
        signed.setSignature(ByteBuffer.allocate(0));
        assertThat(ReceiptSignatures.verify(signed, kgzPublic)).isFalse();
    }
}
