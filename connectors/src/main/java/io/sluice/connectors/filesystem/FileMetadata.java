package io.sluice.connectors.filesystem;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata a file source can append to each row, by Flink's keys: {@code file.path},
 * {@code file.name}, {@code file.size} and {@code file.modification-time}.
 */
final class FileMetadata {
    static final Map<String, LogicalType> TYPES;

    static {
        Map<String, LogicalType> types = new LinkedHashMap<>();
        types.put("file.path", LogicalType.string().withNullable(false));
        types.put("file.name", LogicalType.string().withNullable(false));
        types.put("file.size", LogicalType.of(TypeRoot.BIGINT).withNullable(false));
        types.put("file.modification-time", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3).withNullable(false));
        TYPES = java.util.Collections.unmodifiableMap(types);
    }

    private FileMetadata() {
    }

    /** The values of {@code keys} for one file, in the carriers of {@link #TYPES}. */
    static Object[] of(Path file, List<String> keys) {
        Object[] values = new Object[keys.size()];
        try {
            for (int i = 0; i < keys.size(); i++) {
                values[i] = switch (keys.get(i)) {
                    case "file.path" -> file.toString();
                    case "file.name" -> file.getFileName().toString();
                    case "file.size" -> Files.size(file);
                    case "file.modification-time" -> Files.getLastModifiedTime(file).toMillis();
                    default -> throw new IllegalArgumentException("no file metadata '" + keys.get(i) + "'");
                };
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of " + file, e);
        }
        return values;
    }
}
