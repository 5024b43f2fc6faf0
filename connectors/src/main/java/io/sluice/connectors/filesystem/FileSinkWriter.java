package io.sluice.connectors.filesystem;

import io.sluice.connectors.filesystem.FileSinkState.PendingPart;
import io.sluice.connectors.format.Format;
import io.sluice.connectors.format.RowSerializer;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one subtask's rows, one record per line, into hidden in-progress part files, and publishes
 * them by renaming once the checkpoint that covers them completes (DESIGN.md §5), or at
 * {@link #finish()}. Readers skip hidden files, so they see whole parts of completed checkpoints only.
 *
 * <pre>
 *   write            → .part-&lt;sinkId&gt;-&lt;subtask&gt;-&lt;n&gt;.inprogress (open part)
 *   roll (size, age) → the open part is synced, closed and pending, not yet covered by a checkpoint
 *   snapshotState(N) → the open part is rolled too; every uncovered pending part is covered by N
 *   notify(N)        → pending parts covered by N or earlier are renamed to
 *                      part-&lt;sinkId&gt;-&lt;subtask&gt;-&lt;n&gt;.&lt;format&gt;
 *   finish()         → every pending part is renamed
 *   open(restored)   → the restored pending parts are renamed (again: a part already renamed is
 *                      fine), in-progress files the restored subtasks wrote after the checkpoint are
 *                      deleted
 * </pre>
 *
 * <p>Part numbers only grow and are part of the state ({@link FileSinkState}), and a writer also
 * skips numbers it finds taken in the directory, so no name is ever used twice. On rescale a writer
 * inherits old subtasks' states (old {@code j} to new {@code j mod p}): it commits their pending
 * parts and deletes their orphans, which no one else touches, since a new subtask writes under its
 * own number only and that number's old state, if any, is its own. A writer started without state
 * leaves hidden files it finds alone (they may belong to a run it cannot know about) and numbers its
 * parts past them.
 */
final class FileSinkWriter implements SinkWriter {
    private final String tableName;
    private final Path directory;
    private final Format format;
    private final long fileSize;
    private final long rolloverNanos;
    private final int subtaskIndex;
    private final List<PendingPart> pending = new ArrayList<>();

    private PartFileNames names;
    private RowSerializer serializer;
    private long nextPart;
    private FileChannel channel;
    private OutputStream out;
    private Path openPath;
    private long bytesInPart;
    private long partOpenedNanos;
    /** Files were created in the directory since it was last synced. */
    private boolean directoryChanged;

    FileSinkWriter(String tableName, Path directory, Format format, long fileSize, long rolloverNanos,
            int subtaskIndex) {
        this.tableName = tableName;
        this.directory = directory;
        this.format = format;
        this.fileSize = fileSize;
        this.rolloverNanos = rolloverNanos;
        this.subtaskIndex = subtaskIndex;
    }

    @Override
    public void open(SinkContext context) {
        serializer = format.createSerializer();
        names = new PartFileNames(PartFileNames.sanitize(context.stableSinkId()), subtaskIndex, format.name());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw ioError("cannot create directory '" + directory + "'", e);
        }
        long restoredNextPart = 0;
        List<FileSinkState> inherited = new ArrayList<>();
        for (byte[] bytes : context.restoredState()) {
            if (bytes.length == 0) {
                continue; // a subtask that never snapshotted has nothing to commit
            }
            inherited.add(FileSinkState.decode(bytes,
                    "Table '" + tableName + "': the filesystem sink state of the checkpoint"));
        }
        inherited.sort(Comparator.comparingInt(FileSinkState::subtask));
        for (FileSinkState state : inherited) {
            for (PendingPart part : state.pending()) {
                commit(part);
            }
            deleteOrphans(state);
            if (state.subtask() == subtaskIndex && state.sinkId().equals(names.sinkId())) {
                restoredNextPart = state.nextPart();
            }
        }
        if (!inherited.isEmpty()) {
            syncDirectory();
        }
        nextPart = Math.max(restoredNextPart, highestPartInDirectory() + 1);
    }

    /** Deletes the in-progress files of the state's sink id and subtask written after the state. */
    private void deleteOrphans(FileSinkState state) {
        PartFileNames theirs = new PartFileNames(state.sinkId(), state.subtask(), format.name());
        Set<String> pendingNames = new HashSet<>();
        state.pending().forEach(p -> pendingNames.add(p.inProgressName()));
        for (Path file : listDirectory()) {
            String name = file.getFileName().toString();
            long part = theirs.inProgressPart(name);
            if (part >= state.nextPart() && !pendingNames.contains(name)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw ioError("cannot delete the uncommitted part file '" + file + "'", e);
                }
            }
        }
    }

    private long highestPartInDirectory() {
        long highest = -1;
        for (Path file : listDirectory()) {
            highest = Math.max(highest, names.anyPart(file.getFileName().toString()));
        }
        return highest;
    }

    private List<Path> listDirectory() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw ioError("cannot list directory '" + directory + "'", e);
        }
        return files;
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Table '" + tableName
                    + "': the filesystem sink accepts inserts only, but received " + kind.shortString());
        }
        byte[] record = serializer.serialize(row);
        if (out == null) {
            openPart();
        }
        try {
            out.write(record);
            out.write('\n');
        } catch (IOException e) {
            throw ioError("cannot write '" + openPath + "'", e);
        }
        bytesInPart += record.length + 1;
        if (bytesInPart >= fileSize || System.nanoTime() - partOpenedNanos >= rolloverNanos) {
            closePart();
        }
    }

    /** Opens the next free part number: neither its in-progress nor its final name may exist. */
    private void openPart() {
        while (true) {
            Path path = directory.resolve(names.inProgressName(nextPart));
            if (Files.exists(directory.resolve(names.finalName(nextPart)))) {
                nextPart++;
                continue;
            }
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                openPath = path;
                break;
            } catch (FileAlreadyExistsException e) {
                nextPart++;
            } catch (IOException e) {
                throw ioError("cannot create '" + path + "'", e);
            }
        }
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        bytesInPart = 0;
        partOpenedNanos = System.nanoTime();
        directoryChanged = true;
    }

    /** Flushes, syncs and closes the open part and keeps it pending. */
    private void closePart() {
        try {
            out.flush();
            channel.force(true);
            out.close();
        } catch (IOException e) {
            throw ioError("cannot write '" + openPath + "'", e);
        } finally {
            out = null;
            channel = null;
            openPath = null;
        }
        pending.add(new PendingPart(PendingPart.NOT_COVERED, names.inProgressName(nextPart),
                names.finalName(nextPart)));
        nextPart++;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        if (out != null) {
            closePart();
        }
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).checkpointId() == PendingPart.NOT_COVERED) {
                pending.set(i, pending.get(i).coveredBy(checkpointId));
            }
        }
        if (directoryChanged) {
            syncDirectory();
            directoryChanged = false;
        }
        return new FileSinkState(names.sinkId(), subtaskIndex, nextPart, pending).encode();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<PendingPart> done = new ArrayList<>();
        for (PendingPart part : pending) {
            if (part.checkpointId() != PendingPart.NOT_COVERED && part.checkpointId() <= checkpointId) {
                commit(part);
                done.add(part);
                // crash tests: one part published, the rest (and the other subtasks') not yet
                FaultInjection.crashIfRequested("during-sink-commit", checkpointId);
            }
        }
        if (!done.isEmpty()) {
            pending.removeAll(done);
            syncDirectory();
        }
    }

    @Override
    public void finish() {
        if (out != null) {
            closePart();
        }
        for (PendingPart part : pending) {
            commit(part);
        }
        if (!pending.isEmpty()) {
            syncDirectory();
        }
        pending.clear();
    }

    /** Publishes a part; idempotent: a part already published is fine, a part with no file at all is lost. */
    private void commit(PendingPart part) {
        Path from = directory.resolve(part.inProgressName());
        Path to = directory.resolve(part.finalName());
        try {
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } else if (!Files.exists(to)) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot commit part file '"
                        + to + "'" + checkpointText(part) + ": neither it nor its in-progress file '" + from
                        + "' exists, so its rows are lost");
            }
        } catch (IOException e) {
            throw ioError("cannot rename '" + from + "' to '" + to + "'", e);
        }
    }

    private static String checkpointText(PendingPart part) {
        return part.checkpointId() == PendingPart.NOT_COVERED ? "" : " of checkpoint " + part.checkpointId();
    }

    /** Makes creations and renames durable; not every platform can open a directory, which is fine there. */
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
                openPath = null;
            }
        }
    }

    private SluiceException ioError(String what, IOException e) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': " + what + ": " + e, e);
    }
}
