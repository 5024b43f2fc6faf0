package io.sluice.executor.state;

import io.sluice.executor.data.RowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A list per (namespace, current key), appended to without reading it: each element is its own
 * store entry under a sequence number, and one more entry holds the next sequence number.
 */
public final class ListState<V> extends NamespacedState {
    private static final int SEQUENCE_BYTES = 8;

    ListState(KeyedState owner, String name) {
        super(owner, name);
    }

    public void add(long namespace, V value) {
        append(StateLayout.namespace(namespace), value);
    }

    public void add(byte[] namespace, V value) {
        append(StateLayout.namespace(namespace), value);
    }

    /** The current key's elements in {@code namespace} in the order they were added; empty if none. */
    public List<V> get(long namespace) {
        return readAll(StateLayout.namespace(namespace));
    }

    public List<V> get(byte[] namespace) {
        return readAll(StateLayout.namespace(namespace));
    }

    public void clear(long namespace) {
        store.deletePrefix(currentKeyGroup(), currentKeyPrefix(StateLayout.namespace(namespace)));
    }

    public void clear(byte[] namespace) {
        store.deletePrefix(currentKeyGroup(), currentKeyPrefix(StateLayout.namespace(namespace)));
    }

    /** Visits every key with elements in {@code namespace}; see {@link NamespacedState}. */
    public void forEachKey(long namespace, BiConsumer<RowKey, List<V>> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    public void forEachKey(byte[] namespace, BiConsumer<RowKey, List<V>> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    private void append(byte[] namespace, V value) {
        int group = currentKeyGroup();
        byte[] counterKey = currentKeyPrefix(namespace);
        byte[] counter = store.get(group, counterKey);
        long sequence = counter == null ? 0 : KeyBytes.getLong(counter, 0);
        byte[] elementKey = new byte[counterKey.length + SEQUENCE_BYTES];
        System.arraycopy(counterKey, 0, elementKey, 0, counterKey.length);
        KeyBytes.putLong(elementKey, counterKey.length, sequence);
        store.put(group, elementKey, StateCodec.encode(value));
        byte[] next = new byte[SEQUENCE_BYTES];
        KeyBytes.putLong(next, 0, sequence + 1);
        store.put(group, counterKey, next);
    }

    @SuppressWarnings("unchecked")
    private List<V> readAll(byte[] namespace) {
        byte[] prefix = currentKeyPrefix(namespace);
        List<V> elements = new ArrayList<>();
        store.scan(currentKeyGroup(), prefix, (key, value) -> {
            if (key.length > prefix.length) {
                elements.add((V) StateCodec.decode(value));
            }
            return true;
        });
        return elements;
    }

    @SuppressWarnings("unchecked")
    private void visit(byte[] namespace, BiConsumer<RowKey, List<V>> action) {
        forEachKeyOf(namespace, (key, suffixOffset, entries) -> {
            List<V> elements = new ArrayList<>(entries.size());
            for (byte[][] entry : entries) {
                if (entry[0].length > suffixOffset) {
                    elements.add((V) StateCodec.decode(entry[1]));
                }
            }
            if (!elements.isEmpty()) {
                action.accept(key, elements);
            }
        });
    }
}
