package org.migrex.ingestion.it;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A template CSV of {@code rows} rows made while it is read, so a test can send a million rows without holding
 * them. Every row whose number is a multiple of {@code badEvery} has an impossible date (31.02.2025).
 */
final class GeneratedRegistryExport extends InputStream {
    static final String HEADER = "record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,"
            + "counterpart_country,purpose,intended_duration_days,region\r\n";
    private static final String[] TYPES = {"ENTRY", "EXIT", "STAY_REGISTRATION", "WORK_PERMIT"};
    private static final String[] COUNTRIES = {"KGZ", "UZB", "TJK", "RUS", "Киргизия", "398"};

    private final long rows;
    private String prefix = "";
    private final long badEvery;
    private long next;
    private byte[] chunk = HEADER.getBytes(StandardCharsets.UTF_8);
    private int position;

    private final long hookAfter;
    private final Runnable hook;

    GeneratedRegistryExport(long rows, long badEvery) {
        this(rows, badEvery, -1, null);
    }

    /** Runs {@code hook} (in the reading thread) once {@code hookAfter} rows have been handed out. */
    GeneratedRegistryExport(long rows, long badEvery, long hookAfter, Runnable hook) {
        this.rows = rows;
        this.badEvery = badEvery;
        this.hookAfter = hookAfter;
        this.hook = hook;
    }

    /** Prefix of every record id. */
    GeneratedRegistryExport withRecordIdPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** Rows with an impossible date. */
    long badRows() {
        return rows / badEvery;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= chunk.length && !refill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean refill() {
        if (next >= rows) {
            return false;
        }
        if (hook != null && next == hookAfter) {
            hook.run();
        }
        StringBuilder text = new StringBuilder(64 * 1024);
        for (int i = 0; i < 500 && next < rows; i++) {
            long n = ++next;
            String date = n % badEvery == 0 ? "31.02.2025" : String.format("%02d.%02d.2025", 1 + n % 28, 1 + n % 12);
            text.append(prefix).append("R-").append(n).append(',').append(TYPES[(int) (n % TYPES.length)]).append(',')
                    .append(date).append(",ID").append(n * 7919).append(',').append(n % 2 == 0 ? 'M' : 'F')
                    .append(',').append(1960 + n % 50).append("-0").append(1 + n % 9).append("-1").append(n % 9)
                    .append(',').append(COUNTRIES[(int) (n % COUNTRIES.length)]).append(",,")
                    .append(COUNTRIES[(int) ((n + 1) % COUNTRIES.length)]).append(",WORK,").append(n % 400)
                    .append(",KZ-").append(n % 17).append("\r\n");
        }
        chunk = text.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
