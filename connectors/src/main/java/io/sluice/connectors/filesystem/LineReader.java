package io.sluice.connectors.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as bytes, without a charset, so that one undecodable line does not end the file, and
 * knows the file offset of the next line.
 */
final class LineReader implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    /** The file offset of {@code buffer[0]}. */
    private long bufferOffset;
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    /** Reads {@code in}, which is positioned at byte {@code offset} of its file. */
    LineReader(InputStream in, long offset) {
        this.in = in;
        this.bufferOffset = offset;
    }

    /** The file offset of the first byte not yet returned: where the next line starts. */
    long offset() {
        return bufferOffset + position;
    }

    /** The next line without its line end ({@code \n} or {@code \r\n}), or null at the end. */
    byte[] readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                bufferOffset += limit;
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? trim(length) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (position < limit) {
                position++;
                return trim(length);
            }
        }
    }

    private byte[] trim(int length) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return Arrays.copyOf(line, end);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
