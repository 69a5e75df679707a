package org.migrex.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSignaturesTest {
    @TempDir
    Path dir;

    /** Two observations, given in the reverse of canonical order, with maps in non-sorted insertion order. */
    private static ExchangeDataset sample() {
        Map<String, String> male = new LinkedHashMap<>();
        male.put("SEX", "M");
        male.put("FLOW", "IMM");
        Map<String, String> total = new LinkedHashMap<>();
        total.put("SEX", "_T");
        total.put("FLOW", "IMM");
        List<Observation> observations = new ArrayList<>();
        observations.add(new Observation(total, 12L, "F"));
        observations.add(new Observation(male, null, "C"));
        return new ExchangeDataset("ds-1", "KAZ", "KGZ", "KAZ-KGZ-MIGR_FLOW", "MIGR_FLOW", "2026-03", 3L,
                "PROVISIONAL", Instant.ofEpochMilli(1_700_000_000_123L), observations, "KAZ-2026-1",
                ByteBuffer.allocate(0), null, null, null);
    }

    /** The documented encoding, written independently with DataOutputStream, observations in hand-sorted order. */
    private static byte[] handEncodedSample() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        for (String s : List.of("migrex.ExchangeDataset.v1", "ds-1", "KAZ", "KGZ", "KAZ-KGZ-MIGR_FLOW", "MIGR_FLOW",
                "2026-03")) {
            str(out, s);
        }
        out.writeLong(3L);
        str(out, "PROVISIONAL");
        out.writeLong(1_700_000_000_123L);
        str(out, "KAZ-2026-1");
        out.writeInt(2);
        // both observations start with u32(2) str(FLOW) str(IMM) str(SEX) u32(len of code);
        // "M" has length 1 and "_T" length 2, so the male observation sorts first.
        out.writeInt(2);
        str(out, "FLOW");
        str(out, "IMM");
        str(out, "SEX");
        str(out, "M");
        out.writeByte(0);
        str(out, "C");
        out.writeInt(2);
        str(out, "FLOW");
        str(out, "IMM");
        str(out, "SEX");
        str(out, "_T");
        out.writeByte(1);
        out.writeLong(12L);
        str(out, "F");
        out.flush();
        return bytes.toByteArray();
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @Test
    void canonicalEncodingFollowsTheDocumentedLayout() throws Exception {
        assertThat(DatasetSignatures.canonicalEncoding(sample())).isEqualTo(handEncodedSample());
    }

    /**
     * The agreement's definition, appended after the observations: kept dimensions and filter sorted by their bytes
     * ("AGE" before "SEX" before "_T..."; "KGZ" before "UZB"), whatever order the sender gave them in.
     */
    @Test
    void theAgreementsKeepAndFilterAreAppendedSortedAndSigned() throws Exception {
        ExchangeDataset defined = ExchangeDataset.newBuilder(sample())
                .setKeep(List.of("SEX", "FLOW", "AGE"))
                .setFilter(new java.util.LinkedHashMap<>(java.util.Map.of("PURPOSE", List.of("WORK", "FAMILY"))))
                .build();
        defined.getFilter().put("COUNTERPART_AREA", List.of("UZB", "KGZ"));
        var bytes = new ByteArrayOutputStream();
        bytes.write(handEncodedSample());
        var out = new DataOutputStream(bytes);
        str(out, "definition");
        out.writeInt(3);
        str(out, "AGE");
        str(out, "FLOW");
        str(out, "SEX");
        out.writeInt(2);
        str(out, "COUNTERPART_AREA");
        out.writeInt(2);
        str(out, "KGZ");
        str(out, "UZB");
        str(out, "PURPOSE");
        out.writeInt(2);
        str(out, "FAMILY");
        str(out, "WORK");
        out.flush();
        assertThat(DatasetSignatures.canonicalEncoding(defined)).isEqualTo(bytes.toByteArray());

        // a keep without a filter: the filter counts as empty
        ExchangeDataset keepOnly = ExchangeDataset.newBuilder(sample()).setKeep(List.of("SEX")).build();
        var keepBytes = new ByteArrayOutputStream();
        keepBytes.write(handEncodedSample());
        var keepOut = new DataOutputStream(keepBytes);
        str(keepOut, "definition");
        keepOut.writeInt(1);
        str(keepOut, "SEX");
        keepOut.writeInt(0);
        keepOut.flush();
        assertThat(DatasetSignatures.canonicalEncoding(keepOnly)).isEqualTo(keepBytes.toByteArray());

        Ed25519Keys.generate(dir.resolve("d.key"), dir.resolve("d.pub"));
        defined.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(defined, Ed25519Keys.readPrivate(
                dir.resolve("d.key")))));
        var publicKey = Ed25519Keys.readPublic(dir.resolve("d.pub"));
        assertThat(DatasetSignatures.verify(defined, publicKey)).isTrue();
        ExchangeDataset widened = ExchangeDataset.newBuilder(defined).build();
        widened.setFilter(java.util.Map.of("COUNTERPART_AREA", List.of("KGZ", "UZB")));
        assertThat(DatasetSignatures.verify(widened, publicKey)).as("a filter changed after signing").isFalse();
    }

    @Test
    void anOperatorsRevisionReasonIsAppendedAndSignedWhileOtherDatasetsKeepTheirEncoding() throws Exception {
        ExchangeDataset revised = ExchangeDataset.newBuilder(sample()).setRevisionReason("late records (Almaty)")
                .build();
        var bytes = new ByteArrayOutputStream();
        bytes.write(handEncodedSample());
        var out = new DataOutputStream(bytes);
        str(out, "revisionReason");
        str(out, "late records (Almaty)");
        out.flush();
        assertThat(DatasetSignatures.canonicalEncoding(revised)).isEqualTo(bytes.toByteArray());

        Ed25519Keys.generate(dir.resolve("r.key"), dir.resolve("r.pub"));
        revised.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(revised, Ed25519Keys.readPrivate(
                dir.resolve("r.key")))));
        var publicKey = Ed25519Keys.readPublic(dir.resolve("r.pub"));
        assertThat(DatasetSignatures.verify(revised, publicKey)).isTrue();
        ExchangeDataset otherReason = ExchangeDataset.newBuilder(revised).setRevisionReason("no reason").build();
        assertThat(DatasetSignatures.verify(otherReason, publicKey)).isFalse();
        ExchangeDataset reasonDropped = ExchangeDataset.newBuilder(revised).setRevisionReason(null).build();
        assertThat(DatasetSignatures.verify(reasonDropped, publicKey)).isFalse();
    }

    @Test
    void checksumIsLowerHexSha256OfTheEncoding() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(handEncodedSample()));
        assertThat(DatasetSignatures.checksum(sample())).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void encodingIgnoresArrayAndMapOrderAndTheSignature() {
        ExchangeDataset a = sample();
        ExchangeDataset b = sample();
        List<Observation> reversed = new ArrayList<>(b.getObservations().reversed());
        for (Observation o : reversed) {
            Map<String, String> sorted = new LinkedHashMap<>();
            sorted.put("FLOW", o.getDimensions().get("FLOW"));
            sorted.put("SEX", o.getDimensions().get("SEX"));
            o.setDimensions(sorted);
        }
        b.setObservations(reversed);
        b.setSignature(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(DatasetSignatures.canonicalEncoding(b)).isEqualTo(DatasetSignatures.canonicalEncoding(a));
        assertThat(DatasetSignatures.checksum(b)).isEqualTo(DatasetSignatures.checksum(a));
    }

    @Test
    void signedDatasetVerifiesAndTamperingIsDetected() {
        KeyPair pair = Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        ExchangeDataset dataset = sample();
        dataset.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(dataset, Ed25519Keys.readPrivate(dir.resolve("kaz.key")))));
        var publicKey = Ed25519Keys.readPublic(dir.resolve("kaz.pub"));
        assertThat(publicKey.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(DatasetSignatures.verify(dataset, publicKey)).isTrue();

        ExchangeDataset tamperedValue = ExchangeDataset.newBuilder(dataset).build();
        tamperedValue.getObservations().stream().filter(o -> o.getValue() != null).forEach(o -> o.setValue(13L));
        assertThat(DatasetSignatures.verify(tamperedValue, publicKey)).isFalse();

        ExchangeDataset unsuppressed = ExchangeDataset.newBuilder(dataset).build();
        unsuppressed.getObservations().stream().filter(o -> o.getValue() == null).forEach(o -> {
            o.setValue(4L);
            o.setConfStatus("F");
        });
        assertThat(DatasetSignatures.verify(unsuppressed, publicKey)).isFalse();

        ExchangeDataset otherRevision = ExchangeDataset.newBuilder(dataset).setRevision(4L).build();
        assertThat(DatasetSignatures.verify(otherRevision, publicKey)).isFalse();

        ExchangeDataset otherReceiver = ExchangeDataset.newBuilder(dataset).setReceiver("TJK").build();
        assertThat(DatasetSignatures.verify(otherReceiver, publicKey)).isFalse();
    }

    @Test
    void signatureOfAnotherKeyOrGarbageIsRefused() {
        Ed25519Keys.generate(dir.resolve("a.key"), dir.resolve("a.pub"));
        Ed25519Keys.generate(dir.resolve("b.key"), dir.resolve("b.pub"));
        ExchangeDataset dataset = sample();
        dataset.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(dataset, Ed25519Keys.readPrivate(dir.resolve("a.key")))));
        assertThat(DatasetSignatures.verify(dataset, Ed25519Keys.readPublic(dir.resolve("b.pub")))).isFalse();
        dataset.setSignature(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(DatasetSignatures.verify(dataset, Ed25519Keys.readPublic(dir.resolve("a.pub")))).isFalse();
    }

    @Test
    void keyFilesInteroperateWithOpenssl() throws Exception {
        File openssl = new File("/usr/bin/openssl");
        assumeTrue(openssl.canExecute(), "openssl not installed");
        Path key = dir.resolve("ossl.key");
        Path pub = dir.resolve("ossl.pub");
        run(openssl.getPath(), "genpkey", "-algorithm", "ed25519", "-out", key.toString());
        run(openssl.getPath(), "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
        ExchangeDataset dataset = sample();
        dataset.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(dataset, Ed25519Keys.readPrivate(key))));
        assertThat(DatasetSignatures.verify(dataset, Ed25519Keys.readPublic(pub))).isTrue();

        // and openssl reads what we write
        Ed25519Keys.generate(dir.resolve("ours.key"), dir.resolve("ours.pub"));
        run(openssl.getPath(), "pkey", "-in", dir.resolve("ours.key").toString(), "-noout");
        run(openssl.getPath(), "pkey", "-pubin", "-in", dir.resolve("ours.pub").toString(), "-noout");
    }

    @Test
    void wrongFileIsNamedInTheError() throws IOException {
        Path notPem = Files.writeString(dir.resolve("x.pem"), "hello");
        assertThatThrownBy(() -> Ed25519Keys.readPublic(notPem)).hasMessageContaining("x.pem")
                .hasMessageContaining("BEGIN PUBLIC KEY");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * A lenient encoder replaces an unpaired surrogate with '?', so a dataset signed with '?' in a field would also
     * verify with a lone surrogate there (two different datasets, one encoding). The encoding refuses such text.
     */
    @Test
    void unpairedSurrogatesAreRefusedNotReplaced() {
        ExchangeDataset withQuestionMark = sample();
        withQuestionMark.setAgreementId("KAZ-KGZ-?");
        ExchangeDataset withLoneSurrogate = sample();
        withLoneSurrogate.setAgreementId("KAZ-KGZ-\uD800");
        assertThat(DatasetSignatures.canonicalEncoding(withQuestionMark)).isNotEmpty();
        assertThatThrownBy(() -> DatasetSignatures.canonicalEncoding(withLoneSurrogate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agreementId")
                .hasMessageContaining("UTF-8");

        ExchangeDataset badCode = sample();
        badCode.getObservations().get(0).getDimensions().put("SEX", "\uDC00");
        assertThatThrownBy(() -> DatasetSignatures.canonicalEncoding(badCode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-8");
    }
}
