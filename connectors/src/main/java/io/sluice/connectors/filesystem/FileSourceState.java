package io.sluice.connectors.filesystem;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One file source subtask's position: the table's files in assignment order ({@code knownFiles}:
 * file {@code i} belongs to subtask {@code i % parallelism}) and, for each file of this subtask, the
 * byte offset and line number where the next record starts.
 *
 * <p>On a fresh start the known files are the sorted listing. On restore, files listed now but not
 * known to the checkpoint are appended in sorted order, so the files of the checkpoint keep their
 * positions (and, with an unchanged parallelism, their subtasks) and every subtask computes the same
 * owner for every new file without seeing the others' states. On rescale, each new subtask takes the
 * files it owns under the new parallelism, with their positions from the union of the old states.
 *
 * <pre>
 *   int magic 'FSRC', int version 1, int subtask, int parallelism,
 *   int k, k x string knownFile,
 *   int n, n x (string path, long offset, long lineNumber, boolean finished)
 * </pre>
 */
record FileSourceState(int subtask, int parallelism, List<String> knownFiles, List<Split> splits) {
    private static final int MAGIC = 0x46535243;
    private static final int VERSION = 1;

    FileSourceState {
        knownFiles = List.copyOf(knownFiles);
        splits = List.copyOf(splits);
    }

    /** The position in one file; {@code lineNumber} counts the lines before {@code offset}. */
    record Split(String path, long offset, long lineNumber, boolean finished) {
        static Split unread(String path) {
            return new Split(path, 0, 0, false);
        }

        Split finish() {
            return new Split(path, offset, lineNumber, true);
        }
    }

    static FileSourceState fresh(List<Path> listing, int subtask, int parallelism) {
        return assign(paths(listing), Map.of(), subtask, parallelism);
    }

    /**
     * This subtask's state restored from the states of a checkpoint (its own, or every old
     * subtask's on rescale), with the files of {@code listing} the checkpoint did not know.
     */
    static FileSourceState restore(List<byte[]> states, List<Path> listing, int subtask, int parallelism,
            String what) {
        List<FileSourceState> old = new ArrayList<>();
        for (byte[] bytes : states) {
            old.add(StateBytes.decode(bytes, MAGIC, VERSION, what, FileSourceState::read));
        }
        old.sort(Comparator.comparingInt(FileSourceState::subtask));
        Set<String> known = new LinkedHashSet<>();
        Map<String, Split> positions = new HashMap<>();
        for (FileSourceState state : old) {
            known.addAll(state.knownFiles());
            for (Split split : state.splits()) {
                positions.put(split.path(), split);
            }
        }
        List<String> added = new ArrayList<>();
        for (String path : paths(listing)) {
            if (!known.contains(path)) {
                added.add(path);
            }
        }
        added.sort(null);
        known.addAll(added);
        return assign(new ArrayList<>(known), positions, subtask, parallelism);
    }

    private static FileSourceState assign(List<String> known, Map<String, Split> positions, int subtask,
            int parallelism) {
        List<Split> mine = new ArrayList<>();
        for (int i = subtask; i < known.size(); i += parallelism) {
            String path = known.get(i);
            mine.add(positions.getOrDefault(path, Split.unread(path)));
        }
        return new FileSourceState(subtask, parallelism, known, mine);
    }

    private static List<String> paths(List<Path> listing) {
        return listing.stream().map(Path::toString).toList();
    }

    FileSourceState withSplits(List<Split> newSplits) {
        return new FileSourceState(subtask, parallelism, knownFiles, newSplits);
    }

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            out.writeInt(subtask);
            out.writeInt(parallelism);
            out.writeInt(knownFiles.size());
            for (String path : knownFiles) {
                StateBytes.writeString(out, path);
            }
            out.writeInt(splits.size());
            for (Split split : splits) {
                StateBytes.writeString(out, split.path());
                out.writeLong(split.offset());
                out.writeLong(split.lineNumber());
                out.writeBoolean(split.finished());
            }
        });
    }

    private static FileSourceState read(DataInputStream in) throws IOException {
        int subtask = in.readInt();
        int parallelism = in.readInt();
        int k = StateBytes.readCount(in, 4);
        List<String> known = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            known.add(StateBytes.readString(in));
        }
        int n = StateBytes.readCount(in, 21);
        List<Split> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = StateBytes.readString(in);
            long offset = in.readLong();
            long line = in.readLong();
            boolean finished = in.readBoolean();
            if (offset < 0 || line < 0) {
                throw new IOException("negative position in '" + path + "'");
            }
            splits.add(new Split(path, offset, line, finished));
        }
        return new FileSourceState(subtask, parallelism, known, splits);
    }
}
