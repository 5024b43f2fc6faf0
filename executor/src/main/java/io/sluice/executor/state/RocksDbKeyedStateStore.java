package io.sluice.executor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@link RocksDbStateBackend}'s store: one RocksDB in {@code <working dir>/db}, every key
 * prefixed by its key group as two big-endian bytes, so a key group is one contiguous key range.
 *
 * <p>Durability comes from snapshots, not from RocksDB: writes skip the write-ahead log, a snapshot
 * flushes the memtables and then takes RocksDB's native checkpoint (hard links to the immutable
 * SST files, so its cost grows with the data changed since the last one), and the working database
 * is deleted at close.
 *
 * <p>Restore: the snapshot sharing the most key groups with the new range becomes the base when at
 * least half of its key groups are wanted. Its checkpoint is hard-linked (SST files) and copied
 * (the small rest) into the working directory and opened there — never in the checkpoint
 * directory — and the key groups outside the new range are deleted by range. Every other snapshot
 * is opened read-only (or read from its file, for the heap backend) and the entries of the wanted
 * key groups are copied in. At unchanged parallelism that is a link of one checkpoint and nothing
 * else.
 */
final class RocksDbKeyedStateStore implements KeyedStateStore {
    static final String DB_DIRECTORY = "db";
    static final int FORMAT_VERSION = 1;
    // one byte would hold the 128 key groups; two leave room to raise the maximum parallelism
    private static final int PREFIX_BYTES = 2;
    private static final int POINT_DELETE_LIMIT = 1_000;
    private static final long RESTORE_BATCH_BYTES = 4L << 20;

    private final String operatorId;
    private final KeyGroupRange range;
    private final Path dbPath;
    private final RocksDbResources resources;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    // names of the immutable files the previous snapshot (or the restored one) holds: a new snapshot
    // links them again, so they do not count as written for it
    private Set<String> previousSnapshotFiles;
    private boolean closed;

    private RocksDbKeyedStateStore(String operatorId, KeyGroupRange range, Path dbPath, RocksDbResources resources,
            RocksDB db, WriteOptions writeOptions, Set<String> restoredFiles) {
        this.operatorId = operatorId;
        this.range = range;
        this.dbPath = dbPath;
        this.resources = resources;
        this.db = db;
        this.writeOptions = writeOptions;
        this.previousSnapshotFiles = restoredFiles;
    }

    static RocksDbKeyedStateStore open(String operatorId, KeyGroupRange range, Path workingDirectory,
            List<StateSnapshot> restoreFrom) {
        Objects.requireNonNull(operatorId, "operatorId is null");
        Objects.requireNonNull(range, "range is null");
        Path dbPath = workingDirectory.resolve(DB_DIRECTORY);
        RocksDbResources resources = new RocksDbResources();
        try {
            Files.createDirectories(workingDirectory);
            // a leftover of an earlier run of this subtask: state comes only from snapshots
            StateFiles.deleteRecursively(dbPath);
            StateSnapshot base = chooseBase(range, restoreFrom);
            Set<String> restoredFiles = base == null ? Set.of()
                    : linkCheckpoint(base.directory().resolve(DB_DIRECTORY), dbPath);
            Options options = resources.storeOptions();
            // no write-ahead log: a crash restores the last completed checkpoint anyway
            WriteOptions writeOptions = resources.add(new WriteOptions().setDisableWAL(true));
            RocksDB db = resources.add(RocksDB.open(options, dbPath.toString()));
            RocksDbKeyedStateStore store = new RocksDbKeyedStateStore(operatorId, range, dbPath, resources, db, writeOptions,
                    restoredFiles);
            if (base != null) {
                store.clipTo(base.keyGroupRange());
            }
            for (StateSnapshot snapshot : restoreFrom) {
                if (snapshot != base) {
                    store.copyFrom(snapshot, workingDirectory);
                }
            }
            return store;
        } catch (IOException | RocksDBException | UncheckedIOException e) {
            resources.close();
            throw StateFiles.failure("Cannot open the RocksDB keyed state of " + operatorId + " in " + dbPath, e);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The RocksDB snapshot worth taking whole, or null: most key groups in common, at least half of its own. */
    private static StateSnapshot chooseBase(KeyGroupRange range, List<StateSnapshot> restoreFrom) {
        StateSnapshot best = null;
        int bestOverlap = 0;
        for (StateSnapshot snapshot : restoreFrom) {
            if (snapshot.backend().equals(RocksDbStateBackend.NAME) && snapshot.keyGroupRange().intersects(range)) {
                int overlap = snapshot.keyGroupRange().intersection(range).size();
                if (overlap > bestOverlap && 2 * overlap >= snapshot.keyGroupRange().size()) {
                    best = snapshot;
                    bestOverlap = overlap;
                }
            }
        }
        return best;
    }

    /**
     * SST and blob files are immutable, so a hard link is a safe copy; the rest is small and
     * rewritten, so copied. Returns the names of the immutable files.
     */
    private static Set<String> linkCheckpoint(Path checkpoint, Path target) throws IOException {
        Files.createDirectories(target);
        Set<String> immutable = new HashSet<>();
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(file.getFileName().toString());
                String name = file.getFileName().toString();
                if (isImmutable(name)) {
                    immutable.add(name);
                    try {
                        Files.createLink(copy, file);
                        continue;
                    } catch (FileSystemException | UnsupportedOperationException e) {
                        // another file system, or no hard links: copy instead
                    }
                }
                Files.copy(file, copy);
            }
        }
        return immutable;
    }

    private static boolean isImmutable(String fileName) {
        return fileName.endsWith(".sst") || fileName.endsWith(".blob");
    }

    private void clipTo(KeyGroupRange baseRange) throws RocksDBException {
        if (baseRange.start() < range.start()) {
            db.deleteRange(writeOptions, groupPrefix(baseRange.start()), groupPrefix(range.start()));
        }
        if (baseRange.end() > range.end()) {
            db.deleteRange(writeOptions, groupPrefix(range.end() + 1), groupPrefix(baseRange.end() + 1));
        }
    }

    private void copyFrom(StateSnapshot snapshot, Path scratchDirectory) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            SnapshotReader.read(snapshot, range, scratchDirectory, (group, key, value) -> {
                try {
                    batch.put(dbKey(group, key), value);
                    if (batch.getDataSize() >= RESTORE_BATCH_BYTES) {
                        db.write(writeOptions, batch);
                        batch.clear();
                    }
                } catch (RocksDBException e) {
                    throw StateFiles.failure("Cannot restore the keyed state of " + operatorId, e);
                }
            });
            db.write(writeOptions, batch);
        }
    }

    /** Passes the entries of {@code groups} in a RocksDB snapshot to {@code sink}, opening it read-only. */
    static void readCheckpoint(StateSnapshot snapshot, KeyGroupRange groups, Path scratchDirectory,
            SnapshotReader.EntrySink sink) {
        Path checkpoint = snapshot.directory().resolve(DB_DIRECTORY);
        Path logDirectory = null;
        try (RocksDbResources resources = new RocksDbResources()) {
            logDirectory = Files.createTempDirectory(Files.createDirectories(scratchDirectory), "restore-log");
            Options options = resources.readOnlyOptions(logDirectory);
            RocksDB db = resources.add(RocksDB.openReadOnly(options, checkpoint.toString()));
            Slice upper = resources.add(new Slice(groupPrefix(groups.end() + 1)));
            ReadOptions readOptions = resources.add(new ReadOptions()
                    .setIterateUpperBound(upper)
                    .setFillCache(false)
                    .setReadaheadSize(2L << 20));
            RocksIterator iterator = resources.add(db.newIterator(readOptions));
            for (iterator.seek(groupPrefix(groups.start())); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                sink.accept(groupOf(key), Arrays.copyOfRange(key, PREFIX_BYTES, key.length), iterator.value());
            }
            iterator.status();
        } catch (RocksDBException | IOException e) {
            throw StateFiles.failure("Cannot read the RocksDB keyed state snapshot " + checkpoint, e);
        } finally {
            deleteQuietly(logDirectory);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                StateFiles.deleteRecursively(path);
            }
        } catch (IOException e) {
            // a leftover log file in the working directory harms nothing
        }
    }

    @Override
    public KeyGroupRange keyGroupRange() {
        return range;
    }

    @Override
    public byte[] get(int keyGroup, byte[] key) {
        try {
            return db.get(dbKey(checked(keyGroup), key));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void put(int keyGroup, byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value is null");
        try {
            db.put(writeOptions, dbKey(checked(keyGroup), key), value);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public void delete(int keyGroup, byte[] key) {
        try {
            db.delete(writeOptions, dbKey(checked(keyGroup), key));
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public void scan(int keyGroup, byte[] prefix, EntryVisitor visitor) {
        byte[] lower = dbKey(checked(keyGroup), prefix);
        try (Slice upper = new Slice(KeyBytes.prefixEnd(lower));
                ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator iterator = db.newIterator(readOptions)) {
            for (iterator.seek(lower); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                if (!visitor.visit(Arrays.copyOfRange(key, PREFIX_BYTES, key.length), iterator.value())) {
                    return;
                }
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /**
     * Point deletes for a few keys, a range tombstone for many: range tombstones are cheap to
     * write but each one costs every later read of its range until compaction drops it.
     */
    @Override
    public void deletePrefix(int keyGroup, byte[] prefix) {
        byte[] lower = dbKey(checked(keyGroup), prefix);
        byte[] upperBytes = KeyBytes.prefixEnd(lower);
        try (Slice upper = new Slice(upperBytes);
                ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator iterator = db.newIterator(readOptions);
                WriteBatch batch = new WriteBatch()) {
            int count = 0;
            for (iterator.seek(lower); iterator.isValid(); iterator.next()) {
                if (++count > POINT_DELETE_LIMIT) {
                    db.deleteRange(writeOptions, lower, upperBytes);
                    return;
                }
                batch.delete(iterator.key());
            }
            iterator.status();
            if (count > 0) {
                db.write(writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public StateSnapshot snapshot(long checkpointId, Path directory) {
        checkOpen();
        Path target = directory.resolve(DB_DIRECTORY);
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
                Checkpoint checkpoint = Checkpoint.create(db)) {
            // without a WAL the memtables are in no file: flush them, or the checkpoint misses them
            db.flush(flush);
            StateFiles.deleteRecursively(target); // a failed earlier attempt at this checkpoint
            checkpoint.createCheckpoint(target.toString());
            return new StateSnapshot(RocksDbStateBackend.NAME, checkpointId, range, directory,
                    sizesOf(target, Map.of("format", Integer.toString(FORMAT_VERSION))));
        } catch (RocksDBException | IOException e) {
            throw StateFiles.failure("Cannot checkpoint the RocksDB keyed state of " + operatorId + " for checkpoint "
                    + checkpointId + " into " + target, e);
        }
    }

    /**
     * Adds the snapshot's sizes to {@code metadata}: all its files, and those new since the previous
     * snapshot (memtables flushed for this one, compaction output, the small descriptor files).
     * Immutable files the previous snapshot already held are hard links to the same data: they
     * count in the total, not as written.
     */
    private Map<String, String> sizesOf(Path checkpoint, Map<String, String> metadata) throws IOException {
        long total = 0;
        long written = 0;
        Set<String> immutable = new HashSet<>();
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                long size = Files.size(file);
                total += size;
                if (isImmutable(name)) {
                    immutable.add(name);
                }
                if (!isImmutable(name) || !previousSnapshotFiles.contains(name)) {
                    written += size;
                }
            }
        }
        previousSnapshotFiles = immutable;
        Map<String, String> withSizes = new HashMap<>(metadata);
        withSizes.put(StateSnapshot.TOTAL_BYTES, Long.toString(total));
        withSizes.put(StateSnapshot.WRITTEN_BYTES, Long.toString(written));
        return withSizes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        resources.close();
        deleteQuietly(dbPath); // the working copy is disposable; a leftover is removed by the next open
    }

    private int checked(int keyGroup) {
        checkOpen();
        if (!range.contains(keyGroup)) {
            throw new IllegalArgumentException("key group " + keyGroup + " is not in " + range + " of " + operatorId);
        }
        return keyGroup;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the keyed state of " + operatorId + " is closed");
        }
    }

    private RuntimeException failure(String what, RocksDBException e) {
        return StateFiles.failure("Cannot " + what + " the RocksDB keyed state of " + operatorId, e);
    }

    static byte[] groupPrefix(int keyGroup) {
        return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
    }

    private static byte[] dbKey(int keyGroup, byte[] key) {
        byte[] dbKey = new byte[PREFIX_BYTES + key.length];
        dbKey[0] = (byte) (keyGroup >>> 8);
        dbKey[1] = (byte) keyGroup;
        System.arraycopy(key, 0, dbKey, PREFIX_BYTES, key.length);
        return dbKey;
    }

    private static int groupOf(byte[] dbKey) {
        return ((dbKey[0] & 0xFF) << 8) | (dbKey[1] & 0xFF);
    }
}
