package io.sluice.executor.state;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers and the error type of the state backends. */
final class StateFiles {
    private StateFiles() {
    }

    static SluiceException failure(String message, Exception cause) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, message + ": " + cause.getMessage(), cause);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Makes a rename or a new file in {@code directory} durable, where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms (Windows) cannot open or sync a directory; the rename is still atomic
        }
    }
}
