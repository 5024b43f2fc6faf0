package io.sluice.connectors.filesystem;

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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one subtask's files in order, line by line (UTF-8), one split per file. Blank lines are
 * skipped; a record that its format says continues (a CSV quoted field with a line break) takes the
 * following lines too.
 */
final class FileSourceReader implements SourceReader {
    static final int MAX_LINES_PER_POLL = 512;

    private final String tableName;
    private final List<Path> files;
    private final Format format;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private RecordDecoder decoder;
    private RowDeserializer deserializer;
    private int nextFile;
    private Path currentPath;
    private LineReader reader;
    private SourceOutput.SplitOutput split;
    private long lineNumber;

    FileSourceReader(String tableName, List<Path> files, Format format) {
        this.tableName = tableName;
        this.files = files;
        this.format = format;
    }

    @Override
    public void open(SourceContext context) {
        decoder = new RecordDecoder(format, tableName, context);
        deserializer = decoder.deserializer();
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) throws IOException {
        if (reader == null) {
            if (nextFile >= files.size()) {
                return ReadStatus.END_OF_INPUT;
            }
            openFile(files.get(nextFile++), output);
        }
        for (int lines = 0; lines < MAX_LINES_PER_POLL; lines++) {
            String line = nextLine();
            if (line == null) {
                split.finish();
                closeFile();
                return ReadStatus.MORE_AVAILABLE;
            }
            if (line.isBlank()) {
                continue;
            }
            long firstLine = lineNumber;
            String record = line;
            while (!deserializer.isCompleteRecord(record)) {
                String more = nextLine();
                if (more == null) {
                    break;
                }
                record = record + "\n" + more;
            }
            Object[] row = decoder.decode(record, currentPath + " line " + firstLine);
            if (row != null) {
                split.collect(row);
            }
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    private void openFile(Path path, SourceOutput output) {
        try {
            reader = new LineReader(Files.newInputStream(path));
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot read '" + path
                    + "': " + e, e);
        }
        currentPath = path;
        lineNumber = 0;
        split = output.split(path.toString());
    }

    /** The next line as text; a line that is not UTF-8 is malformed and, when skipped, reads as blank. */
    private String nextLine() {
        byte[] bytes;
        try {
            bytes = reader.readLine();
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot read '"
                    + currentPath + "': " + e, e);
        }
        if (bytes == null) {
            return null;
        }
        lineNumber++;
        int offset = lineNumber == 1 && startsWithBom(bytes) ? 3 : 0;
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            decoder.malformed(currentPath + " line " + lineNumber, "the line is not valid UTF-8");
            return "";
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
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
}
