package io.sluice.executor.state;

import io.sluice.executor.data.RowKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What every typed state offers beyond its own accessors: namespace-wide operations over all the
 * keys of the subtask's key groups. See {@link KeyedState} for the key layout.
 */
public abstract sealed class NamespacedState permits ValueState, MapState, ListState {
    final KeyedState owner;
    final KeyedStateStore store;
    private final String name;
    private final byte[] stateId;

    NamespacedState(KeyedState owner, String name) {
        this.owner = owner;
        this.store = owner.store();
        this.name = name;
        this.stateId = StateLayout.stateId(name);
    }

    public String name() {
        return name;
    }

    /** The smallest long namespace holding an entry of this state in any key group, if any. */
    public OptionalLong smallestNamespace() {
        byte[] prefix = KeyBytes.concat(stateId, StateLayout.LONG_NAMESPACE_TAG);
        long[] smallest = {0};
        boolean[] found = {false};
        KeyGroupRange range = store.keyGroupRange();
        for (int group = range.start(); group <= range.end(); group++) {
            store.scan(group, prefix, (key, value) -> {
                long namespace = StateLayout.longNamespaceAt(key, stateId.length);
                if (!found[0] || namespace < smallest[0]) {
                    smallest[0] = namespace;
                    found[0] = true;
                }
                return false;
            });
        }
        return found[0] ? OptionalLong.of(smallest[0]) : OptionalLong.empty();
    }

    /** Every long namespace holding an entry of this state, ascending; scans all entries (diagnostics, tests). */
    public java.util.SortedSet<Long> longNamespaces() {
        byte[] prefix = KeyBytes.concat(stateId, StateLayout.LONG_NAMESPACE_TAG);
        java.util.SortedSet<Long> namespaces = new java.util.TreeSet<>();
        KeyGroupRange range = store.keyGroupRange();
        for (int group = range.start(); group <= range.end(); group++) {
            store.scan(group, prefix, (key, value) -> {
                namespaces.add(StateLayout.longNamespaceAt(key, stateId.length));
                return true;
            });
        }
        return namespaces;
    }

    /** Removes the entries of every key in {@code namespace}. */
    public void clearNamespace(long namespace) {
        clearEncodedNamespace(StateLayout.namespace(namespace));
    }

    public void clearNamespace(byte[] namespace) {
        clearEncodedNamespace(StateLayout.namespace(namespace));
    }

    private void clearEncodedNamespace(byte[] namespace) {
        byte[] prefix = KeyBytes.concat(stateId, namespace);
        KeyGroupRange range = store.keyGroupRange();
        for (int group = range.start(); group <= range.end(); group++) {
            store.deletePrefix(group, prefix);
        }
    }

    /**
     * Like {@link #forEachKeyOf}, then deletes each visited entry by its key: point deletes of what
     * was just read, no second scan and no range deletion (a RocksDB range tombstone costs every
     * later read of its range until compaction drops it).
     */
    final void drainKeysOf(byte[] namespace, KeyEntries action) {
        List<byte[]> visited = new ArrayList<>();
        int[] group = {-1};
        forEachKeyOf(namespace, (key, suffixOffset, entries) -> {
            int current = owner.currentKeyGroup();
            if (current != group[0]) {
                deleteAll(group[0], visited);
                group[0] = current;
            }
            for (byte[][] entry : entries) {
                visited.add(entry[0]);
            }
            action.accept(key, suffixOffset, entries);
        });
        deleteAll(group[0], visited);
    }

    private void deleteAll(int keyGroup, List<byte[]> keys) {
        for (byte[] key : keys) {
            store.delete(keyGroup, key);
        }
        keys.clear();
    }

    /** {@code [state id][namespace][current key]}: the prefix of the current key's entries. */
    final byte[] currentKeyPrefix(byte[] namespace) {
        return KeyBytes.concat(stateId, namespace, owner.currentKeyBytes());
    }

    final int currentKeyGroup() {
        return owner.currentKeyGroup();
    }

    /** Receives the entries of one key: their store keys hold the key's suffixes from {@code suffixOffset} on. */
    @FunctionalInterface
    interface KeyEntries {
        void accept(RowKey key, int suffixOffset, List<byte[][]> entries);
    }

    /**
     * Visits every key of {@code namespace}, key group by key group, making each the current key
     * while {@code action} runs. A key group's entries are read before any action runs, so actions
     * may read and change state.
     */
    final void forEachKeyOf(byte[] namespace, KeyEntries action) {
        byte[] prefix = KeyBytes.concat(stateId, namespace);
        KeyGroupRange range = store.keyGroupRange();
        List<byte[][]> entries = new ArrayList<>();
        for (int group = range.start(); group <= range.end(); group++) {
            entries.clear();
            store.scan(group, prefix, (key, value) -> entries.add(new byte[][] {key, value}));
            int i = 0;
            while (i < entries.size()) {
                byte[] first = entries.get(i)[0];
                StateCodec.Reader reader = StateCodec.reader(first, prefix.length);
                RowKey key = reader.key();
                int keyEnd = reader.position();
                int j = i + 1;
                while (j < entries.size() && sameKey(first, entries.get(j)[0], prefix.length, keyEnd)) {
                    j++;
                }
                owner.setCurrentKey(key, group, Arrays.copyOfRange(first, prefix.length, keyEnd));
                action.accept(key, keyEnd, entries.subList(i, j));
                i = j;
            }
        }
    }

    // the key encoding is prefix-free: an entry starting with another entry's key bytes has that key
    private static boolean sameKey(byte[] first, byte[] other, int from, int to) {
        return other.length >= to && Arrays.equals(first, from, to, other, from, to);
    }
}
