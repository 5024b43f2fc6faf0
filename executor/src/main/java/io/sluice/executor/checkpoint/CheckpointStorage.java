package io.sluice.executor.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one job on disk:
 * <pre>
 *   &lt;job dir&gt;/checkpoints/chk-&lt;id&gt;/_metadata          written last, atomically: the checkpoint exists once it does
 *   &lt;job dir&gt;/checkpoints/chk-&lt;id&gt;/v&lt;v&gt;-s&lt;s&gt;-op&lt;o&gt;/   an operator subtask's keyed state files
 *   &lt;job dir&gt;/FINISHED                                  the job ran to its end; it is not resumed
 * </pre>
 */
public final class CheckpointStorage {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
    private static final String METADATA = "_metadata";
    private static final String PREFIX = "chk-";

    private final Path jobDirectory;
    private final Path checkpoints;

    public CheckpointStorage(Path jobDirectory) {
        this.jobDirectory = jobDirectory;
        this.checkpoints = jobDirectory.resolve("checkpoints");
    }

    public Path jobDirectory() {
        return jobDirectory;
    }

    /** The directory of checkpoint {@code id}; keyed snapshots store their paths relative to it. */
    public Path checkpointDirectory(long id) {
        return checkpoints.resolve(PREFIX + id);
    }

    /** The directory for one operator subtask's state in checkpoint {@code id}, created empty. */
    public Path operatorDirectory(long id, int vertex, int subtask, int operator) {
        Path directory = checkpoints.resolve(PREFIX + id).resolve("v" + vertex + "-s" + subtask + "-op" + operator);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the checkpoint directory " + directory, e);
        }
        return directory;
    }

    /**
     * Makes a checkpoint complete: its metadata is written to a temporary file, synced, and renamed.
     * Returns the metadata's size in bytes.
     */
    public long commit(CompletedCheckpoint checkpoint) throws IOException {
        Path directory = checkpoints.resolve(PREFIX + checkpoint.id());
        Files.createDirectories(directory);
        Path temporary = directory.resolve(METADATA + ".inprogress");
        byte[] metadata = checkpoint.toBytes();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(metadata));
            channel.force(true);
        }
        try {
            Files.move(temporary, directory.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + directory + " cannot rename atomically", e);
        }
        syncDirectory(directory);
        return metadata.length;
    }

    /** The newest checkpoint whose metadata reads back intact; torn or corrupt ones are skipped with a warning. */
    public Optional<CompletedCheckpoint> latest() throws IOException {
        for (long id : checkpointIds()) {
            Path metadata = checkpoints.resolve(PREFIX + id).resolve(METADATA);
            if (!Files.exists(metadata)) {
                continue;
            }
            try {
                return Optional.of(CompletedCheckpoint.fromBytes(Files.readAllBytes(metadata), metadata.getParent()));
            } catch (IOException e) {
                LOG.warn("Skipping checkpoint {} of {}: {}", id, jobDirectory, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The highest checkpoint id used so far, complete or not, so new ids never reuse a directory. */
    public long highestId() throws IOException {
        List<Long> ids = checkpointIds();
        return ids.isEmpty() ? 0 : ids.get(0);
    }

    /** Keeps the newest {@code retained} complete checkpoints; deletes older ones and incomplete leftovers below them. */
    public void prune(int retained, long inFlightId) throws IOException {
        int kept = 0;
        for (long id : checkpointIds()) {
            if (id >= inFlightId) {
                continue;
            }
            Path directory = checkpoints.resolve(PREFIX + id);
            boolean complete = Files.exists(directory.resolve(METADATA));
            if (complete && kept < retained) {
                kept++;
            } else if (kept >= retained || !complete) {
                deleteRecursively(directory);
            }
        }
    }

    /** Reads the checkpoint in a directory (a savepoint, or a checkpoint of another state directory). */
    public static CompletedCheckpoint read(Path checkpointDirectory) throws IOException {
        Path metadata = checkpointDirectory.resolve(METADATA);
        if (!Files.exists(metadata)) {
            throw new IOException(checkpointDirectory + " holds no complete checkpoint (no " + METADATA + ")");
        }
        return CompletedCheckpoint.fromBytes(Files.readAllBytes(metadata), checkpointDirectory);
    }

    public void markFinished() throws IOException {
        Files.createDirectories(jobDirectory);
        Files.writeString(jobDirectory.resolve("FINISHED"), java.time.Instant.now() + "\n");
        syncDirectory(jobDirectory);
    }

    public boolean isFinished() {
        return Files.exists(jobDirectory.resolve("FINISHED"));
    }

    private List<Long> checkpointIds() throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(checkpoints)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(PREFIX)) {
                    try {
                        ids.add(Long.parseLong(name.substring(PREFIX.length())));
                    } catch (NumberFormatException ignored) {
                        // not one of ours
                    }
                }
            }
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
            LOG.debug("Cannot sync directory {}: {}", directory, e.getMessage());
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
