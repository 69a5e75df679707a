package org.migrex.ingestion.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.migrex.ingestion.record.UnreadableUploadException;

/** Decodes UTF-8 and refuses the upload (400) at the first byte sequence that is not UTF-8, instead of guessing. */
final class StrictUtf8Reader extends Reader {
    private final Reader decoder;

    StrictUtf8Reader(InputStream in) {
        this.decoder = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        try {
            return decoder.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            throw new UnreadableUploadException("the file is not UTF-8 text; save it as UTF-8"
                    + " (Excel: \"CSV UTF-8\"; a file in Windows-1251 can be converted with"
                    + " iconv -f cp1251 -t utf-8)");
        }
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }
}
