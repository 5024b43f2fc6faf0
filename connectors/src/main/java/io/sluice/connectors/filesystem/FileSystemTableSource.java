package io.sluice.connectors.filesystem;

import io.sluice.connectors.format.Format;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files under a path, one split per file. The path is listed once, when the first reader is
 * made, so that every subtask sees the same files; file {@code i} of the sorted list goes to
 * subtask {@code i % parallelism}. Replayable: each reader checkpoints its files' byte offsets (see
 * {@link FileSourceState}, also for files that appear or vanish between a checkpoint and a restore).
 */
final class FileSystemTableSource implements TableSource {
    private final String tableName;
    private final Path path;
    private final Format format;
    private final List<String> metadataKeys;
    private List<Path> files;

    /** @param metadataKeys the file metadata appended to each row ({@link FileMetadata}) */
    FileSystemTableSource(String tableName, Path path, Format format, List<String> metadataKeys) {
        this.tableName = tableName;
        this.path = path;
        this.format = format;
        this.metadataKeys = List.copyOf(metadataKeys);
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtaskIndex + " of " + parallelism);
        }
        return new FileSourceReader(tableName, files(), format, subtaskIndex, parallelism, metadataKeys);
    }

    @Override
    public TableSource projected(java.util.BitSet needed) {
        Format projected = format.projected(needed);
        return projected == format ? this : new FileSystemTableSource(tableName, path, projected, metadataKeys);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    private synchronized List<Path> files() {
        if (files == null) {
            if (!Files.exists(path)) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR,
                        "Table '" + tableName + "': path '" + path + "' does not exist");
            }
            try {
                files = List.copyOf(FileListing.list(path));
            } catch (IOException e) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR,
                        "Table '" + tableName + "': cannot list '" + path + "': " + e, e);
            }
        }
        return files;
    }

    @Override
    public String describe() {
        return "filesystem[path=" + path + ", format=" + format.name() + "]";
    }
}
