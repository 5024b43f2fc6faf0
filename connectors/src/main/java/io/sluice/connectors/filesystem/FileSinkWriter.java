package io.sluice.connectors.filesystem;

import io.sluice.connectors.format.Format;
import io.sluice.connectors.format.RowSerializer;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one subtask's rows, one record per line, into hidden in-progress part files. A part that
 * reaches the rolling size or age is flushed, synced and kept pending; {@link #finish()} renames every
 * pending part to its visible name. Without {@code finish()} only hidden files remain, which readers
 * skip.
 *
 * <pre>
 *   .part-&lt;runId&gt;-&lt;subtask&gt;-&lt;n&gt;.inprogress  --finish--&gt;  part-&lt;runId&gt;-&lt;subtask&gt;-&lt;n&gt;.&lt;format&gt;
 * </pre>
 */
final class FileSinkWriter implements SinkWriter {
    private final String tableName;
    private final Path directory;
    private final Format format;
    private final long fileSize;
    private final long rolloverNanos;
    private final int subtaskIndex;
    private final String runId;
    private final List<Integer> pendingParts = new ArrayList<>();

    private RowSerializer serializer;
    private int nextPart;
    private FileChannel channel;
    private OutputStream out;
    private long bytesInPart;
    private long partOpenedNanos;

    FileSinkWriter(String tableName, Path directory, Format format, long fileSize, long rolloverNanos,
            int subtaskIndex, String runId) {
        this.tableName = tableName;
        this.directory = directory;
        this.format = format;
        this.fileSize = fileSize;
        this.rolloverNanos = rolloverNanos;
        this.subtaskIndex = subtaskIndex;
        this.runId = runId;
    }

    Path inProgressPath(int part) {
        return directory.resolve(".part-" + runId + "-" + subtaskIndex + "-" + part + ".inprogress");
    }

    Path finalPath(int part) {
        return directory.resolve("part-" + runId + "-" + subtaskIndex + "-" + part + "." + format.name());
    }

    @Override
    public void open(SinkContext context) {
        serializer = format.createSerializer();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw ioError("cannot create directory '" + directory + "'", e);
        }
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Table '" + tableName
                    + "': the filesystem sink accepts inserts only, but received " + kind.shortString());
        }
        byte[] record = serializer.serialize(row);
        try {
            if (out == null) {
                openPart();
            }
            out.write(record);
            out.write('\n');
        } catch (IOException e) {
            throw ioError("cannot write '" + inProgressPath(nextPart) + "'", e);
        }
        bytesInPart += record.length + 1;
        if (bytesInPart >= fileSize || System.nanoTime() - partOpenedNanos >= rolloverNanos) {
            closePart();
        }
    }

    private void openPart() throws IOException {
        channel = FileChannel.open(inProgressPath(nextPart), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        bytesInPart = 0;
        partOpenedNanos = System.nanoTime();
    }

    /** Flushes and syncs the open part and keeps it pending. */
    private void closePart() {
        Path path = inProgressPath(nextPart);
        try {
            out.flush();
            channel.force(true);
            out.close();
        } catch (IOException e) {
            throw ioError("cannot write '" + path + "'", e);
        } finally {
            out = null;
            channel = null;
        }
        pendingParts.add(nextPart);
        nextPart++;
    }

    @Override
    public void finish() {
        if (out != null) {
            closePart();
        }
        for (int part : pendingParts) {
            try {
                Files.move(inProgressPath(part), finalPath(part), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw ioError("cannot rename '" + inProgressPath(part) + "' to '" + finalPath(part) + "'", e);
            }
        }
        if (!pendingParts.isEmpty()) {
            syncDirectory();
        }
        pendingParts.clear();
    }

    /** Makes the renames durable; not every platform can open a directory, which is fine there. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                out = null;
                channel = null;
            }
        }
    }

    private SluiceException ioError(String what, IOException e) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': " + what + ": " + e, e);
    }
}
