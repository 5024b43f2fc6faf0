package io.sluice.executor.state;

import java.nio.file.Path;

/**
 * The keyed state of one operator subtask, as bytes: for each key group of its
 * {@link #keyGroupRange()}, a map from keys to values ordered by key, unsigned-lexicographically.
 * Types live on top ({@link KeyedState}); a store only sees bytes.
 *
 * <p>Threading: a store is used by the one thread that runs its operator subtask, including
 * {@link #snapshot} and {@link #close}. It is not thread-safe.
 *
 * <p>Ownership of arrays: a store may keep the arrays passed to {@link #put} and may return its own
 * arrays from {@link #get} and {@link #scan}; callers modify neither.
 *
 * <p>Every method taking a key group fails with {@link IllegalArgumentException} for a key group
 * outside the store's range: a row reached the wrong subtask.
 */
public interface KeyedStateStore extends AutoCloseable {

    KeyGroupRange keyGroupRange();

    /** The value of {@code key} in {@code keyGroup}, or null when absent. */
    byte[] get(int keyGroup, byte[] key);

    void put(int keyGroup, byte[] key, byte[] value);

    void delete(int keyGroup, byte[] key);

    /**
     * Visits the entries of {@code keyGroup} whose key starts with {@code prefix} (all of them for
     * an empty prefix) in key order, until the visitor returns false. The visitor must not modify
     * the store; collect what to change and change it after the scan.
     */
    void scan(int keyGroup, byte[] prefix, EntryVisitor visitor);

    /** Deletes the entries of {@code keyGroup} whose key starts with {@code prefix}. */
    void deletePrefix(int keyGroup, byte[] prefix);

    /**
     * Writes the store's current contents into {@code directory} (which the caller created, owns,
     * and must keep for as long as the snapshot may be restored) and describes them. Changes made
     * after this call returns are not part of the snapshot.
     */
    StateSnapshot snapshot(long checkpointId, Path directory);

    /** Releases memory, files and native resources; the store is unusable afterwards. Idempotent. */
    @Override
    void close();
}
