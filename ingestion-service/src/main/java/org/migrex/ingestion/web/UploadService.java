package org.migrex.ingestion.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.migrex.ingestion.IngestionProperties;
import org.migrex.ingestion.Sources;
import org.migrex.ingestion.kafka.BatchRefusedException;
import org.migrex.ingestion.profile.Template;
import org.migrex.ingestion.kafka.RawRecordPublisher;
import org.migrex.ingestion.record.CsvRows;
import org.migrex.ingestion.record.ErrorLog;
import org.migrex.ingestion.record.JsonRows;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.record.RowSource;
import org.migrex.ingestion.record.RemittanceRowValidator;
import org.migrex.ingestion.record.RowValidator;
import org.migrex.ingestion.record.UnreadableUploadException;
import org.migrex.ingestion.record.UploadReport;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.RemittanceRecord;
import org.migrex.statistics.QualityCounter;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.util.unit.DataSize;

/**
 * One upload from request to committed transaction: resolve the source, check the uploader may write to it, check
 * type and size, then stream the rows through the profile and the validator into one Kafka transaction.
 */
public class UploadService {
    private static final Logger log = LoggerFactory.getLogger(UploadService.class);
    static final String ACCEPTED_TYPES = "text/csv, application/json, or multipart/form-data with the file in part"
            + " 'file'; UTF-8";

    /** What an upload body is. */
    public enum Format { CSV, JSON }

    private final Sources sources;
    private final Pseudonymizer pseudonymizer;
    private final RawRecordPublisher publisher;
    private final String node;
    private final IngestionProperties properties;
    private final MeterRegistry meters;

    public UploadService(Sources sources, Pseudonymizer pseudonymizer, RawRecordPublisher publisher, Topics topics,
                         IngestionProperties properties, MeterRegistry meters) {
        this.sources = sources;
        this.pseudonymizer = pseudonymizer;
        this.publisher = publisher;
        this.node = topics.nodeCode();
        this.properties = properties;
        this.meters = meters;
    }

    /** The source, if {@code user} may upload to it; 404 or 403 otherwise. */
    public Sources.Source writableSource(String sourceId, Authentication user) {
        Sources.Source source = sources.find(sourceId).orElseThrow(() -> new UploadRefusedException(
                HttpStatus.NOT_FOUND, "no source '" + sourceId + "' on node " + node + "; known sources: "
                + sources.all().keySet()));
        boolean agency = user.getAuthorities().stream().anyMatch(a -> "ROLE_AGENCY".equals(a.getAuthority()));
        if (!agency) {
            throw new UploadRefusedException(HttpStatus.FORBIDDEN, "user '" + user.getName()
                    + "' may not upload to source '" + sourceId + "': uploads need the role AGENCY");
        }
        if (!source.owner().equals(user.getName())) {
            throw new UploadRefusedException(HttpStatus.FORBIDDEN, "user '" + user.getName()
                    + "' may not upload to source '" + sourceId + "': it is owned by '" + source.owner() + "'");
        }
        return source;
    }

    /** The format of a body of this content type; 415 for other types or a charset other than UTF-8. */
    public static Format format(MediaType type) {
        if (type == null) {
            throw new UploadRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "the request has no Content-Type; accepted: " + ACCEPTED_TYPES);
        }
        if (type.getCharset() != null && !"UTF-8".equalsIgnoreCase(type.getCharset().name())) {
            throw new UploadRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "charset " + type.getCharset().name()
                    + " is not accepted; send UTF-8 (accepted: " + ACCEPTED_TYPES + ")");
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return Format.JSON;
        }
        if (type.isCompatibleWith(MediaType.valueOf("text/csv")) || type.isCompatibleWith(MediaType.valueOf("application/csv"))) {
            return Format.CSV;
        }
        throw new UploadRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + type.getType() + "/"
                + type.getSubtype() + " is not accepted; accepted: " + ACCEPTED_TYPES);
    }

    /** 413 when a declared length is over the limit (before any byte is read). */
    public void checkDeclaredSize(long contentLength) {
        if (contentLength > properties.maxUploadSize().toBytes()) {
            throw tooLarge(describe(properties.maxUploadSize()));
        }
    }

    /**
     * Reads the body and writes its accepted rows in one transaction; the report is returned after the commit.
     *
     * @throws UploadRefusedException    413 when the body grows over the limit
     * @throws UnreadableUploadException 400 when the body cannot be read
     * @throws BatchRefusedException     503 when Kafka or the registry cannot take the batch (aborted)
     */
    public UploadReport upload(Sources.Source source, Format format, InputStream body, String user) {
        String batchId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        ErrorLog errors = new ErrorLog(properties.maxListedErrors());
        long[] counts = new long[2]; // received, accepted
        String outcome = "failed";
        try {
            InputStream limited = new SizeLimitedInputStream(body, properties.maxUploadSize().toBytes(),
                    describe(properties.maxUploadSize()));
            publisher.inTransaction(batch -> {
                try (Reader text = new StrictUtf8Reader(limited)) {
                    RowSource rows = format == Format.JSON ? new JsonRows(text) : new CsvRows(text, source.profile());
                    Instant now = Instant.now();
                    if (source.profile().template() != Template.MIGRATION) {
                        publishRemittances(source, rows, batch, errors, counts, batchId, now);
                        return null;
                    }
                    RowValidator validator = new RowValidator(source.profile(), pseudonymizer, node, source.id(),
                            batchId);
                    String receivedMonth = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
                    // MIGR_QUALITY's rows counters of this upload by month: received, accepted
                    Map<String, long[]> byMonth = new TreeMap<>();
                    while (rows.next()) {
                        counts[0]++;
                        RawMigrationRecord record = validator.validate(rows, errors, now).orElse(null);
                        String month = validator.lastEventMonth() == null ? receivedMonth : validator.lastEventMonth();
                        long[] monthCounts = byMonth.computeIfAbsent(month, m -> new long[2]);
                        monthCounts[0]++;
                        if (record != null) {
                            batch.send(Topics.recordKey(source.id(), record.getRecordId()), record);
                            counts[1]++;
                            monthCounts[1]++;
                        }
                    }
                    byMonth.forEach((month, c) -> countRows(batch, source.id(), month, c[0], c[1]));
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            outcome = "committed";
            long rejected = counts[0] - counts[1];
            count(source.id(), "accepted", counts[1]);
            UploadReport report = new UploadReport(batchId, source.id(), source.profile().id(), counts[0], counts[1],
                    rejected, errors.listed(), errors.notListed());
            log.info("upload {} to source {} by {}: {} rows received, {} accepted, {} rejected, committed in {} ms",
                    batchId, source.id(), user, counts[0], counts[1], rejected,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return report;
        } catch (BatchRefusedException e) {
            outcome = "refused";
            meters.counter("migrex.ingestion.batches.refused", "source", source.id()).increment();
            log.warn("upload {} to source {} refused, transaction aborted after {} rows: {}", batchId, source.id(),
                    counts[0], e.getMessage());
            throw e;
        } catch (UnreadableUploadException e) {
            outcome = "unreadable";
            throw e;
        } catch (UploadRefusedException e) {
            outcome = "too_large";
            throw e;
        } finally {
            count(source.id(), "received", counts[0]);
            count(source.id(), "rejected", counts[0] - counts[1]);
            Timer.builder("migrex.ingestion.upload.duration").description("Time from first byte to commit or refusal")
                    .tag("source", source.id()).tag("outcome", outcome).register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The rows of a remittance template: checked and sent to {@code <cc>.remittances} in the upload's transaction.
     * They count in the upload's report and metrics, not in MIGR_QUALITY, whose indicators are about migration
     * records by month (docs/remittances.md).
     */
    private void publishRemittances(Sources.Source source, RowSource rows, RawRecordPublisher.Batch batch,
            ErrorLog errors, long[] counts, String batchId, Instant now) throws IOException {
        RemittanceRowValidator validator = new RemittanceRowValidator(source.profile(), node, source.id(), batchId);
        while (rows.next()) {
            counts[0]++;
            RemittanceRecord record = validator.validate(rows, errors, now).orElse(null);
            if (record != null) {
                batch.sendRemittance(Topics.recordKey(source.id(), record.getRecordId()), record);
                counts[1]++;
            }
        }
    }

    /** The intake counters of one month of an upload, written with its records (the counts commit with them). */
    private static void countRows(RawRecordPublisher.Batch batch, String source, String month, long received,
            long accepted) {
        batch.count(new IntakeQualityDelta(source, month, QualityCounter.ROWS_RECEIVED.name(), received));
        if (accepted > 0) {
            batch.count(new IntakeQualityDelta(source, month, QualityCounter.ROWS_ACCEPTED.name(), accepted));
        }
        if (received > accepted) {
            batch.count(new IntakeQualityDelta(source, month, QualityCounter.ROWS_REJECTED.name(),
                    received - accepted));
        }
    }

    private void count(String source, String outcome, long rows) {
        Counter.builder("migrex.ingestion.rows").description("Rows of uploads, by outcome")
                .tag("source", source).tag("outcome", outcome).register(meters).increment(rows);
    }

    static UploadRefusedException tooLarge(String limit) {
        return new UploadRefusedException(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit of "
                + limit + " (migrex.ingestion.max-upload-size); split the file");
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return bytes / DataSize.ofGigabytes(1).toBytes() + " GB";
        }
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return bytes / DataSize.ofMegabytes(1).toBytes() + " MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return bytes / DataSize.ofKilobytes(1).toBytes() + " KB";
        }
        return String.format(Locale.ROOT, "%d bytes", bytes);
    }
}
