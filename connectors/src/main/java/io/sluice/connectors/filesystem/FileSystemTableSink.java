package io.sluice.connectors.filesystem;

import io.sluice.connectors.format.Format;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Part files in a directory; accepts inserts only. Exactly-once: parts become visible when the
 * checkpoint covering them completes (see {@link FileSinkWriter}).
 */
final class FileSystemTableSink implements TableSink {
    private final String tableName;
    private final Path directory;
    private final Format format;
    private final long fileSize;
    private final Duration rolloverInterval;

    FileSystemTableSink(String tableName, Path directory, Format format, long fileSize, Duration rolloverInterval) {
        this.tableName = tableName;
        this.directory = directory;
        this.format = format;
        this.fileSize = fileSize;
        this.rolloverInterval = rolloverInterval;
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        return new FileSinkWriter(tableName, directory, format, fileSize, rolloverInterval.toNanos(), subtaskIndex);
    }

    @Override
    public boolean isExactlyOnce() {
        return true;
    }

    @Override
    public boolean acceptsUpdates() {
        return false;
    }

    @Override
    public String describe() {
        return "filesystem[path=" + directory + ", format=" + format.name() + "]";
    }
}
