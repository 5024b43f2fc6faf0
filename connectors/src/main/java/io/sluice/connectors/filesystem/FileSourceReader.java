package io.sluice.connectors.filesystem;

import io.sluice.connectors.filesystem.FileSourceState.Split;
import io.sluice.connectors.format.Format;
import io.sluice.connectors.format.RecordDecoder;
import io.sluice.connectors.format.RowDeserializer;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one subtask's files in order, line by line (UTF-8), one split per file. Blank lines are
 * skipped; a record that its format says continues (a CSV quoted field with a line break) takes the
 * following lines too.
 *
 * <p>Which files are this subtask's, and where to resume in each, is a {@link FileSourceState}. A
 * checkpoint falls between two {@code pollNext} calls, so always between records: a restored reader
 * seeks straight to the byte offset of the next record and counts lines on from the recorded number.
 */
final class FileSourceReader implements SourceReader {
    static final int MAX_LINES_PER_POLL = 512;

    private final String tableName;
    private final List<Path> listing;
    private final Format format;
    private final int subtaskIndex;
    private final int parallelism;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private RecordDecoder decoder;
    private RowDeserializer deserializer;
    private FileSourceState state;
    /** This subtask's splits, in reading order; the one being read is not updated until it ends. */
    private final List<Split> splits = new ArrayList<>();
    private int current;
    private Path currentPath;
    private final List<String> metadataKeys;
    /** The current file's metadata values, appended to each of its rows; empty without metadata columns. */
    private Object[] currentMetadata = new Object[0];
    private LineReader reader;
    private SourceOutput.SplitOutput split;
    private long lineNumber;
    /** Where the record being decoded is, as text only when it is malformed. */
    private final LineLocation location = new LineLocation();

    /** @param listing every file of the table, sorted, as listed when the job (re)started */
    FileSourceReader(String tableName, List<Path> listing, Format format, int subtaskIndex, int parallelism,
            List<String> metadataKeys) {
        this.metadataKeys = List.copyOf(metadataKeys);
        this.tableName = tableName;
        this.listing = List.copyOf(listing);
        this.format = format;
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
    }

    @Override
    public void open(SourceContext context) {
        decoder = new RecordDecoder(format, tableName, context);
        deserializer = decoder.deserializer();
        List<byte[]> restored = context.restoredState();
        if (restored.isEmpty()) {
            state = FileSourceState.fresh(listing, subtaskIndex, parallelism);
        } else {
            state = FileSourceState.restore(restored, listing, subtaskIndex, parallelism,
                    "Table '" + tableName + "': the filesystem source state of the checkpoint");
            for (Split s : state.splits()) {
                if (!s.finished() && !Files.isRegularFile(Path.of(s.path()))) {
                    throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': file '"
                            + s.path() + "' was being read when the checkpoint was taken but no longer exists");
                }
            }
        }
        splits.clear();
        splits.addAll(state.splits());
        current = 0;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        List<Split> positions = new ArrayList<>(splits);
        if (reader != null) {
            positions.set(current, new Split(currentPath.toString(), reader.offset(), lineNumber, false));
        }
        return state.withSplits(positions).encode();
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) throws IOException {
        if (reader == null) {
            while (current < splits.size() && splits.get(current).finished()) {
                current++;
            }
            if (current >= splits.size()) {
                return ReadStatus.END_OF_INPUT;
            }
            openSplit(splits.get(current), output);
        }
        boolean lineBytes = deserializer.decodesLineBytes();
        for (int lines = 0; lines < MAX_LINES_PER_POLL; lines++) {
            if (!readLine()) {
                split.finish();
                splits.set(current, splits.get(current).finish());
                closeFile();
                current++;
                return ReadStatus.MORE_AVAILABLE;
            }
            Object[] row = lineBytes ? decodeLineBytes() : decodeLineText();
            if (row != null) {
                split.collect(currentMetadata.length == 0 ? row : withMetadata(row));
            }
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    /**
     * The current line handed to the deserializer as bytes, where the reader holds them: no copy,
     * no text. A line that is not all ASCII is first decoded once, to check it and to tell blank.
     */
    private Object[] decodeLineBytes() {
        byte[] buffer = reader.buffer();
        int start = reader.lineStart();
        int length = reader.lineLength();
        if (lineNumber == 1 && startsWithBom(buffer, start, length)) {
            start += 3;
            length -= 3;
        }
        if (reader.lineIsAscii()) {
            if (isAsciiBlank(buffer, start, length)) {
                return null;
            }
        } else {
            String text = utf8Text(buffer, start, length);
            if (text == null || text.isBlank()) {
                return null;
            }
        }
        location.line = lineNumber;
        return decoder.decode(buffer, start, length, location);
    }

    /** The current line as text, with the lines that continue its record; null when blank or skipped. */
    private Object[] decodeLineText() {
        String line = lineText();
        if (line.isBlank()) {
            return null;
        }
        long firstLine = lineNumber;
        String record = line;
        while (!deserializer.isCompleteRecord(record)) {
            if (!readLine()) {
                break;
            }
            record = record + "\n" + lineText();
        }
        return decoder.decode(record, currentPath + " line " + firstLine);
    }

    private void openSplit(Split position, SourceOutput output) {
        Path path = Path.of(position.path());
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            if (position.offset() > size) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': file '" + path
                        + "' has " + size + " bytes, fewer than the " + position.offset()
                        + " the checkpoint had read; it was changed since");
            }
            channel.position(position.offset());
            reader = new LineReader(Channels.newInputStream(channel), position.offset());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot read '" + path
                    + "': " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        currentPath = path;
        location.path = path;
        currentMetadata = FileMetadata.of(path, metadataKeys);
        lineNumber = position.lineNumber();
        split = output.split(position.path());
    }

    private Object[] withMetadata(Object[] row) {
        Object[] full = java.util.Arrays.copyOf(row, row.length + currentMetadata.length);
        System.arraycopy(currentMetadata, 0, full, row.length, currentMetadata.length);
        return full;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }

    /** Moves to the next line of the file; false at its end. */
    private boolean readLine() {
        try {
            if (!reader.nextLine()) {
                return false;
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot read '"
                    + currentPath + "': " + e, e);
        }
        lineNumber++;
        return true;
    }

    /** The current line as text; a line that is not UTF-8 is malformed and, when skipped, reads as blank. */
    private String lineText() {
        byte[] buffer = reader.buffer();
        int start = reader.lineStart();
        int length = reader.lineLength();
        if (lineNumber == 1 && startsWithBom(buffer, start, length)) {
            start += 3;
            length -= 3;
        }
        String text = utf8Text(buffer, start, length);
        return text == null ? "" : text;
    }

    /** The bytes decoded as UTF-8, or null when they are not UTF-8 and the line is skipped as malformed. */
    private String utf8Text(byte[] buffer, int start, int length) {
        try {
            return utf8.decode(ByteBuffer.wrap(buffer, start, length)).toString();
        } catch (CharacterCodingException e) {
            decoder.malformed(currentPath + " line " + lineNumber, "the line is not valid UTF-8");
            return null;
        }
    }

    /** As {@link String#isBlank()} for ASCII: every byte is whitespace ({@link Character#isWhitespace}). */
    private static boolean isAsciiBlank(byte[] buffer, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!Character.isWhitespace((char) buffer[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithBom(byte[] bytes, int start, int length) {
        return length >= 3 && (bytes[start] & 0xFF) == 0xEF && (bytes[start + 1] & 0xFF) == 0xBB
                && (bytes[start + 2] & 0xFF) == 0xBF;
    }

    private void closeFile() throws IOException {
        try {
            reader.close();
        } finally {
            reader = null;
            split = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            closeFile();
        }
    }

    /** A file and line, e.g. {@code /data/bids.json line 17}. */
    private static final class LineLocation {
        private Path path;
        private long line;

        @Override
        public String toString() {
            return path + " line " + line;
        }
    }
}
