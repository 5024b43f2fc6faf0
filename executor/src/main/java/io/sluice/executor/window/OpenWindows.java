package io.sluice.executor.window;

import io.sluice.executor.aggregate.Accumulator;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accumulators of a window aggregate's open windows, per window end and key, with a write-back
 * cache in front of the keyed state store.
 *
 * <p>Why a cache: going through the store for every row costs an encode and a decode of the
 * accumulators per row and, with RocksDB, JNI calls and memtable churn — with checkpoints every
 * second, also a flushed file per checkpoint full of rewrites of the same hot keys. Here the keys a
 * window has seen since the last checkpoint are plain objects; the store sees each of them once
 * per checkpoint ({@link #flush}, called when the operator snapshots) and not at all when a window
 * opens and fires between two checkpoints, which is what short windows mostly do.
 *
 * <p>Memory stays bounded: when {@code capacity} entries are cached, the windows that fire last
 * are written to the store and dropped until half of it is free, so state larger than memory still
 * works on RocksDB (rows of dropped windows then pay a store read and a later write, as without the
 * cache). Windows stay open long when one input's watermark lags another's.
 *
 * <p>Invariants: a cached entry is at least as new as the store's entry for the same window and
 * key, and knows whether the store has one; {@link #storedWindows} holds every window end the store
 * may have entries of, {@link #partlyCachedWindows} those of them whose stored entries may not all
 * be cached; after {@link #flush} the store holds every entry. A window cached whole (one that
 * opened here and was never evicted) thus never costs a store lookup, and firing it deletes its
 * stored entries by key, without a scan.
 */
final class OpenWindows {
    /** Entries cached before all are written out: a few tens of MB of accumulators. */
    static final int DEFAULT_CAPACITY = 100_000;

    private final KeyedState state;
    private final ValueState<Object[]> store;
    private final List<AggregateSpec> aggregates;
    private final int capacity;
    private final TreeMap<Long, Map<RowKey, Entry>> cached = new TreeMap<>();
    private final TreeSet<Long> storedWindows = new TreeSet<>();
    // windows of which the store may hold entries that are not cached: restored, or written out and dropped
    private final Set<Long> partlyCachedWindows = new HashSet<>();
    private int cachedEntries;

    /** One key's accumulators in one window, and whether the store has not seen this version yet. */
    private static final class Entry {
        final Object[] keyValues;
        final Accumulator[] accumulators;
        boolean dirty;
        boolean stored;

        Entry(Object[] keyValues, Accumulator[] accumulators, boolean stored) {
            this.keyValues = keyValues;
            this.accumulators = accumulators;
            this.stored = stored;
        }
    }

    /** Receives a fired window's result for one key. */
    @FunctionalInterface
    interface WindowResult {
        void accept(Object[] keyValues, Accumulator[] accumulators);
    }

    /** Opens over the store's state {@code windows} (restored or empty). */
    OpenWindows(KeyedState state, List<AggregateSpec> aggregates, int capacity) {
        this.state = Objects.requireNonNull(state, "state is null");
        this.aggregates = List.copyOf(aggregates);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.store = state.valueState("windows");
        // one scan at restore: afterwards the window ends are tracked here, never searched in the store
        storedWindows.addAll(store.longNamespaces());
        partlyCachedWindows.addAll(storedWindows);
    }

    /**
     * The accumulators of {@code key} in the window ending at {@code windowEnd}, for the caller to
     * add a row to right away: the entry counts as changed.
     */
    Accumulator[] accumulatorsToUpdate(long windowEnd, RowKey key) {
        Map<RowKey, Entry> entries = cached.get(windowEnd);
        Entry entry = entries == null ? null : entries.get(key);
        if (entry == null) {
            if (cachedEntries >= capacity) {
                writeOutLatestWindows();
            }
            entry = load(windowEnd, key);
            cached.computeIfAbsent(windowEnd, end -> new HashMap<>()).put(key, entry);
            cachedEntries++;
        }
        entry.dirty = true;
        return entry.accumulators;
    }

    private Entry load(long windowEnd, RowKey key) {
        // a key missing from a window cached whole is missing from the store too: no lookup
        Object[] stored = null;
        if (partlyCachedWindows.contains(windowEnd)) {
            state.setCurrentKey(key);
            stored = store.get(windowEnd);
        }
        return stored == null ? new Entry(keyValues(key), accumulators(null), false) : fromStored(stored);
    }

    /** Writes every changed entry to the store, keeping them cached: before the store is snapshotted. */
    void flush() {
        for (Map.Entry<Long, Map<RowKey, Entry>> window : cached.entrySet()) {
            writeOut(window.getKey(), window.getValue());
        }
    }

    /**
     * Makes room by writing out and dropping whole windows, latest end first, down to half the
     * capacity: the windows due to fire next stay, and a window is either cached whole or looked up
     * in the store.
     */
    private void writeOutLatestWindows() {
        while (cachedEntries > capacity / 2 && !cached.isEmpty()) {
            Map.Entry<Long, Map<RowKey, Entry>> window = cached.pollLastEntry();
            writeOut(window.getKey(), window.getValue());
            cachedEntries -= window.getValue().size();
            partlyCachedWindows.add(window.getKey());
        }
    }

    private void writeOut(long windowEnd, Map<RowKey, Entry> entries) {
        for (Map.Entry<RowKey, Entry> keyed : entries.entrySet()) {
            Entry entry = keyed.getValue();
            if (entry.dirty) {
                state.setCurrentKey(keyed.getKey());
                store.update(windowEnd, toStored(entry));
                entry.dirty = false;
                entry.stored = true;
                storedWindows.add(windowEnd);
            }
        }
    }

    /** The smallest open window end, if any window is open. */
    OptionalLong firstEnd() {
        Long fromCache = cached.isEmpty() ? null : cached.firstKey();
        Long fromStore = storedWindows.isEmpty() ? null : storedWindows.first();
        if (fromCache == null && fromStore == null) {
            return OptionalLong.empty();
        }
        if (fromCache == null || fromStore == null) {
            return OptionalLong.of(fromCache != null ? fromCache : fromStore);
        }
        return OptionalLong.of(Math.min(fromCache, fromStore));
    }

    /** Passes every key's accumulators of the window ending at {@code windowEnd} to {@code result} and forgets the window. */
    void fire(long windowEnd, WindowResult result) {
        Map<RowKey, Entry> entries = cached.remove(windowEnd);
        if (entries != null) {
            cachedEntries -= entries.size();
        }
        boolean inStore = storedWindows.remove(windowEnd);
        if (partlyCachedWindows.remove(windowEnd)) {
            store.drainNamespace(windowEnd, (key, stored) -> {
                if (entries == null || !entries.containsKey(key)) {
                    Entry entry = fromStored(stored);
                    result.accept(entry.keyValues, entry.accumulators);
                }
            });
        } else if (inStore && entries != null) {
            // every stored entry is cached: delete exactly those, without scanning the store
            for (Map.Entry<RowKey, Entry> keyed : entries.entrySet()) {
                if (keyed.getValue().stored) {
                    state.setCurrentKey(keyed.getKey());
                    store.clear(windowEnd);
                }
            }
        }
        if (entries != null) {
            for (Entry entry : entries.values()) {
                result.accept(entry.keyValues, entry.accumulators);
            }
        }
    }

    /** Every open window end, ascending. */
    SortedSet<Long> ends() {
        SortedSet<Long> ends = new TreeSet<>(storedWindows);
        ends.addAll(cached.keySet());
        return ends;
    }

    /** Entries held as objects; for tests. */
    int cachedEntries() {
        return cachedEntries;
    }

    private Entry fromStored(Object[] stored) {
        return new Entry((Object[]) stored[0], accumulators(stored), true);
    }

    private Accumulator[] accumulators(Object[] stored) {
        Accumulator[] accumulators = new Accumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = aggregates.get(i).createAccumulator();
            if (stored != null) {
                accumulators[i].restore(stored[i + 1]);
            }
        }
        return accumulators;
    }

    /** The stored form: {@code [key values, accumulator states…]}, as before the cache existed. */
    private static Object[] toStored(Entry entry) {
        Object[] value = new Object[entry.accumulators.length + 1];
        value[0] = entry.keyValues;
        for (int i = 0; i < entry.accumulators.length; i++) {
            value[i + 1] = entry.accumulators[i].state();
        }
        return value;
    }

    private static Object[] keyValues(RowKey key) {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = key.get(i);
        }
        return values;
    }
}
