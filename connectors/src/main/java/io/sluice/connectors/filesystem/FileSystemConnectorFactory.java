package io.sluice.connectors.filesystem;

import io.sluice.connectors.format.Format;
import io.sluice.connectors.format.Formats;
import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.types.LogicalType;
import java.util.Map;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code 'connector'='filesystem'}: a bounded source over a file or a directory tree, and a sink
 * that writes part files into a directory, with Flink's option names.
 */
public final class FileSystemConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "filesystem";
    public static final String PATH = "path";
    public static final String ROLLING_FILE_SIZE = "sink.rolling-policy.file-size";
    public static final String ROLLOVER_INTERVAL = "sink.rolling-policy.rollover-interval";
    public static final String SINK_PARALLELISM = "sink.parallelism";
    static final long DEFAULT_FILE_SIZE = 128L << 20;
    static final Duration DEFAULT_ROLLOVER_INTERVAL = Duration.ofMinutes(30);

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        Set<String> options = new HashSet<>(Formats.supportedOptions());
        options.addAll(Set.of(PATH, Formats.FORMAT, ROLLING_FILE_SIZE, ROLLOVER_INTERVAL, SINK_PARALLELISM));
        return Set.copyOf(options);
    }

    @Override
    public Map<String, LogicalType> readableMetadata() {
        return FileMetadata.TYPES;
    }

    @Override
    public TableSource createSource(TableContext context) {
        Path path = path(context.options());
        Format format = Formats.create(context);
        return new FileSystemTableSource(context.tableName(), path, format,
                context.metadataColumns().stream().map(MetadataColumn::key).toList());
    }

    @Override
    public TableSink createSink(TableContext context) {
        ConnectorOptions options = context.options();
        Path path = path(options);
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw options.error("option '" + PATH + "' must name a directory to write into, but '" + path
                    + "' is a file");
        }
        Format format = Formats.create(context);
        long fileSize = fileSize(options);
        Duration rollover = options.getDuration(ROLLOVER_INTERVAL, DEFAULT_ROLLOVER_INTERVAL);
        if (rollover.isZero()) {
            throw options.invalid(ROLLOVER_INTERVAL, options.require(ROLLOVER_INTERVAL), "a positive duration");
        }
        sinkParallelism(options);
        return new FileSystemTableSink(context.tableName(), path, format, fileSize, rollover);
    }

    private static Path path(ConnectorOptions options) {
        String text = options.require(PATH);
        if (text.isBlank()) {
            throw options.invalid(PATH, text, "a file or directory path");
        }
        String local = text.startsWith("file://") ? text.substring("file://".length()) : text;
        if (local.contains("://")) {
            throw options.invalid(PATH, text, "a local path (Sluice reads and writes the local file system only)");
        }
        try {
            return Path.of(local).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw options.invalid(PATH, text, "a valid path");
        }
    }

    private static long fileSize(ConnectorOptions options) {
        String text = options.get(ROLLING_FILE_SIZE).orElse(null);
        if (text == null) {
            return DEFAULT_FILE_SIZE;
        }
        long bytes = MemorySize.parseBytes(text).orElse(-1);
        if (bytes <= 0) {
            throw options.invalid(ROLLING_FILE_SIZE, text, "a positive size such as '128mb'");
        }
        return bytes;
    }

    private static void sinkParallelism(ConnectorOptions options) {
        if (options.contains(SINK_PARALLELISM) && options.getInt(SINK_PARALLELISM, 1) <= 0) {
            throw options.invalid(SINK_PARALLELISM, options.require(SINK_PARALLELISM), "a positive integer");
        }
    }
}
