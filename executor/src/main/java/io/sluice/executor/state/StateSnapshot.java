package io.sluice.executor.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Describes a keyed state snapshot: which backend wrote it, for which checkpoint and key groups,
 * and the directory holding its files. Small enough for checkpoint metadata ({@link #toBytes}).
 *
 * <p>Moving checkpoints: {@link #toBytes(Path)} stores the directory relative to a base, and
 * {@link #fromBytes(byte[], Path)} resolves it against the base given at restore. The runtime
 * passes the checkpoint's own directory (the one holding its metadata file) both times, so a
 * checkpoint directory — or the whole state dir — can be moved or copied elsewhere and restored
 * from there. (RocksDB snapshots are self-contained directories whose files are hard links; a move
 * keeps them, a copy to another file system turns them into plain copies.)
 *
 * @param backend the {@link StateBackend#name()} of the backend that wrote it
 * @param metadata backend-specific facts, e.g. the format version
 */
public record StateSnapshot(String backend, long checkpointId, KeyGroupRange keyGroupRange, Path directory,
        Map<String, String> metadata) {
    private static final int MAGIC = 0x534c5353; // "SLSS"
    private static final int VERSION = 1;

    public StateSnapshot {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(keyGroupRange, "keyGroupRange is null");
        Objects.requireNonNull(directory, "directory is null");
        metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata is null")));
    }

    /** Metadata key: bytes of all the snapshot's files. */
    public static final String TOTAL_BYTES = "bytes";
    /**
     * Metadata key: bytes this snapshot wrote. Less than {@link #TOTAL_BYTES} for RocksDB, whose
     * files already in the store's previous snapshot are hard links, not written again.
     */
    public static final String WRITTEN_BYTES = "bytes-written";

    /** Bytes of all the snapshot's files; 0 when its backend did not say. */
    public long totalBytes() {
        return Long.parseLong(metadata.getOrDefault(TOTAL_BYTES, "0"));
    }

    /** Bytes written for this snapshot (files shared with an earlier snapshot not counted); 0 when unknown. */
    public long writtenBytes() {
        return Long.parseLong(metadata.getOrDefault(WRITTEN_BYTES, "0"));
    }

    public StateSnapshot withDirectory(Path newDirectory) {
        return new StateSnapshot(backend, checkpointId, keyGroupRange, newDirectory, metadata);
    }

    /** The bytes of this description, with the directory as it is (absolute or relative). */
    public byte[] toBytes() {
        return serialize(directory);
    }

    /** The bytes of this description, with the directory relative to {@code base}. */
    public byte[] toBytes(Path base) {
        Path absoluteBase = base.toAbsolutePath().normalize();
        return serialize(absoluteBase.relativize(directory.toAbsolutePath().normalize()));
    }

    public static StateSnapshot fromBytes(byte[] bytes) {
        return deserialize(bytes, null);
    }

    /** Reads bytes of {@link #toBytes(Path)}, resolving the directory against {@code base}. */
    public static StateSnapshot fromBytes(byte[] bytes, Path base) {
        return deserialize(bytes, Objects.requireNonNull(base, "base is null"));
    }

    private byte[] serialize(Path storedDirectory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(backend);
            out.writeLong(checkpointId);
            out.writeByte(keyGroupRange.start());
            out.writeByte(keyGroupRange.end());
            // '/' separators, so the bytes mean the same on every platform
            out.writeUTF(storedDirectory.toString().replace(storedDirectory.getFileSystem().getSeparator(), "/"));
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static StateSnapshot deserialize(byte[] bytes, Path base) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a keyed state snapshot description");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("keyed state snapshot description of version " + version
                        + ", this version of Sluice reads version " + VERSION);
            }
            String backend = in.readUTF();
            long checkpointId = in.readLong();
            KeyGroupRange range = new KeyGroupRange(in.readUnsignedByte(), in.readUnsignedByte());
            String stored = in.readUTF();
            Path directory = base == null ? Path.of(stored) : base.resolve(stored).normalize();
            int entries = in.readInt();
            Map<String, String> metadata = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                metadata.put(in.readUTF(), in.readUTF());
            }
            return new StateSnapshot(backend, checkpointId, range, directory, metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt keyed state snapshot description", e);
        }
    }
}
