package org.migrex.ingestion.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through until more than {@code limit} were read, then refuses the upload with 413. */
final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String limitText;
    private long count;

    SizeLimitedInputStream(InputStream in, long limit, String limitText) {
        super(in);
        this.limit = limit;
        this.limitText = limitText;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw UploadService.tooLarge(limitText);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
