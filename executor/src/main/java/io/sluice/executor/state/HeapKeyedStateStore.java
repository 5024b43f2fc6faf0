package io.sluice.executor.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/** The {@link HeapStateBackend}'s store: a sorted map per key group, keys in unsigned order. */
final class HeapKeyedStateStore implements KeyedStateStore {
    private final String operatorId;
    private final KeyGroupRange range;
    private final NavigableMap<byte[], byte[]>[] groups;
    private boolean closed;

    @SuppressWarnings("unchecked")
    private HeapKeyedStateStore(String operatorId, KeyGroupRange range) {
        this.operatorId = Objects.requireNonNull(operatorId, "operatorId is null");
        this.range = Objects.requireNonNull(range, "range is null");
        this.groups = new NavigableMap[range.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = new TreeMap<>(KeyBytes::compare);
        }
    }

    static HeapKeyedStateStore open(String operatorId, KeyGroupRange range, Path workingDirectory,
            List<StateSnapshot> restoreFrom) {
        HeapKeyedStateStore store = new HeapKeyedStateStore(operatorId, range);
        if (!restoreFrom.isEmpty()) {
            try {
                Files.createDirectories(workingDirectory);
            } catch (IOException e) {
                throw StateFiles.failure("Cannot create the state working directory " + workingDirectory
                        + " of " + operatorId, e);
            }
            for (StateSnapshot snapshot : restoreFrom) {
                SnapshotReader.read(snapshot, range, workingDirectory,
                        (group, key, value) -> store.groups[group - range.start()].put(key, value));
            }
        }
        return store;
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return range;
    }

    private NavigableMap<byte[], byte[]> group(int keyGroup) {
        if (closed) {
            throw new IllegalStateException("the keyed state of " + operatorId + " is closed");
        }
        if (!range.contains(keyGroup)) {
            throw new IllegalArgumentException("key group " + keyGroup + " is not in " + range + " of " + operatorId);
        }
        return groups[keyGroup - range.start()];
    }

    @Override
    public byte[] get(int keyGroup, byte[] key) {
        return group(keyGroup).get(key);
    }

    @Override
    public void put(int keyGroup, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value is null");
        group(keyGroup).put(key, value);
    }

    @Override
    public void delete(int keyGroup, byte[] key) {
        group(keyGroup).remove(key);
    }

    @Override
    public void scan(int keyGroup, byte[] prefix, EntryVisitor visitor) {
        Iterator<Map.Entry<byte[], byte[]>> entries = withPrefix(group(keyGroup), prefix).entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<byte[], byte[]> entry = entries.next();
            if (!visitor.visit(entry.getKey(), entry.getValue())) {
                return;
            }
        }
    }

    @Override
    public void deletePrefix(int keyGroup, byte[] prefix) {
        withPrefix(group(keyGroup), prefix).clear();
    }

    private static NavigableMap<byte[], byte[]> withPrefix(NavigableMap<byte[], byte[]> group, byte[] prefix) {
        if (prefix.length == 0) {
            return group;
        }
        byte[] end = KeyBytes.prefixEnd(prefix);
        return end == null ? group.tailMap(prefix, true) : group.subMap(prefix, true, end, false);
    }

    @Override
    public StateSnapshot snapshot(long checkpointId, Path directory) {
        if (closed) {
            throw new IllegalStateException("the keyed state of " + operatorId + " is closed");
        }
        try {
            long entries = HeapSnapshotFile.write(directory, range, group -> groups[group - range.start()]);
            // a heap snapshot is one file, written whole every time
            String bytes = Long.toString(Files.size(directory.resolve(HeapSnapshotFile.FILE_NAME)));
            return new StateSnapshot(HeapStateBackend.NAME, checkpointId, range, directory,
                    Map.of("format", Integer.toString(HeapSnapshotFile.FORMAT_VERSION), "entries", Long.toString(entries),
                            StateSnapshot.TOTAL_BYTES, bytes, StateSnapshot.WRITTEN_BYTES, bytes));
        } catch (IOException e) {
            throw StateFiles.failure("Cannot write the keyed state of " + operatorId + " for checkpoint "
                    + checkpointId + " into " + directory, e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (int i = 0; i < groups.length; i++) {
                groups[i] = null;
            }
        }
    }
}
