package io.sluice.connectors.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as bytes, without a charset, so that one undecodable line does not end the file, and
 * knows the file offset of the next line.
 *
 * <p>{@link #nextLine()} leaves the line where it is in the read buffer ({@link #buffer()},
 * {@link #lineStart()}, {@link #lineLength()}): a line is not copied, only a line that the end of
 * the buffer cuts is moved to the buffer's start before the next read.
 */
final class LineReader implements Closeable {
    private static final int INITIAL_BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private byte[] buffer;
    /** The file offset of {@code buffer[0]}. */
    private long bufferOffset;
    private int position;
    private int limit;
    private boolean endOfInput;
    private int lineStart;
    private int lineLength;
    private boolean lineIsAscii;

    /** Reads {@code in}, which is positioned at byte {@code offset} of its file. */
    LineReader(InputStream in, long offset) {
        this(in, offset, INITIAL_BUFFER_SIZE);
    }

    /** With a first buffer of {@code bufferSize} bytes; it grows for longer lines. */
    LineReader(InputStream in, long offset, int bufferSize) {
        this.in = in;
        this.bufferOffset = offset;
        this.buffer = new byte[bufferSize];
    }

    /** The file offset of the first byte not yet returned: where the next line starts. */
    long offset() {
        return bufferOffset + position;
    }

    /**
     * Moves to the next line; false at the end of the input. The line is {@link #lineLength()} bytes
     * of {@link #buffer()} from {@link #lineStart()}, without its line end ({@code \n} or
     * {@code \r\n}), valid until the next call.
     */
    boolean nextLine() throws IOException {
        int scanned = position;
        int ascii = 0;
        while (true) {
            byte[] bytes = buffer;
            int end = limit;
            int i = scanned;
            // one pass finds the line end and whether every byte is ASCII (none has the high bit set)
            while (i < end) {
                byte b = bytes[i];
                if (b == '\n') {
                    break;
                }
                ascii |= b;
                i++;
            }
            if (i < end) {
                setLine(position, i - position, ascii >= 0);
                position = i + 1;
                return true;
            }
            int scannedOfLine = i - position;
            if (endOfInput || !fill()) {
                if (position == limit) {
                    return false;
                }
                setLine(position, limit - position, ascii >= 0);
                position = limit;
                return true;
            }
            // fill() may have moved the line's start: go on after the bytes already scanned
            scanned = position + scannedOfLine;
        }
    }

    private void setLine(int start, int length, boolean ascii) {
        int end = length > 0 && buffer[start + length - 1] == '\r' ? length - 1 : length;
        lineStart = start;
        lineLength = end;
        lineIsAscii = ascii;
    }

    /**
     * Reads more input after the unread bytes, first moving them to the start of the buffer (or
     * into a larger one when they fill it). Returns false at the end of the input.
     */
    private boolean fill() throws IOException {
        int unread = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
            bufferOffset += position;
            position = 0;
            limit = unread;
        } else if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        return true;
    }

    byte[] buffer() {
        return buffer;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLength;
    }

    /** Whether the line is all ASCII, so valid UTF-8 without further checks. */
    boolean lineIsAscii() {
        return lineIsAscii;
    }

    /** The next line as a copy of its bytes, or null at the end. */
    byte[] readLine() throws IOException {
        return nextLine() ? Arrays.copyOfRange(buffer, lineStart, lineStart + lineLength) : null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
