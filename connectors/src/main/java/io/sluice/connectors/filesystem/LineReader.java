package io.sluice.connectors.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;

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
        long highBits = 0;
        while (true) {
            byte[] bytes = buffer;
            int end = limit;
            int i = scanned;
            // eight bytes at a time: find the line end, and collect the high bits of the bytes
            // before it (none set: the line is ASCII)
            int newline = -1;
            while (i + Long.BYTES <= end) {
                long word = (long) LONGS.get(bytes, i);
                long x = word ^ NEWLINES;
                long found = (x - ONES) & ~x & HIGH_BITS;
                if (found != 0) {
                    int index = Long.numberOfTrailingZeros(found) >>> 3;
                    highBits |= word & ((1L << (index << 3)) - 1);
                    newline = i + index;
                    break;
                }
                highBits |= word;
                i += Long.BYTES;
            }
            if (newline < 0) {
                for (; i < end; i++) {
                    byte b = bytes[i];
                    if (b == '\n') {
                        newline = i;
                        break;
                    }
                    highBits |= b & 0xFF;
                }
            }
            if (newline >= 0) {
                setLine(position, newline - position, (highBits & HIGH_BITS) == 0);
                position = newline + 1;
                return true;
            }
            int scannedOfLine = i - position;
            if (endOfInput || !fill()) {
                if (position == limit) {
                    return false;
                }
                setLine(position, limit - position, (highBits & HIGH_BITS) == 0);
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
