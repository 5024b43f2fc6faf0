package io.sluice.executor.state;

import io.sluice.executor.data.RowKey;
import java.util.function.BiConsumer;

/** One value per (namespace, current key). A null value is no value. */
public final class ValueState<V> extends NamespacedState {

    ValueState(KeyedState owner, String name) {
        super(owner, name);
    }

    public V get(long namespace) {
        return read(StateLayout.namespace(namespace));
    }

    public V get(byte[] namespace) {
        return read(StateLayout.namespace(namespace));
    }

    /** The value of the current key in {@link KeyedState#NO_NAMESPACE}. */
    public V get() {
        return get(KeyedState.NO_NAMESPACE);
    }

    public void update(long namespace, V value) {
        write(StateLayout.namespace(namespace), value);
    }

    public void update(byte[] namespace, V value) {
        write(StateLayout.namespace(namespace), value);
    }

    public void update(V value) {
        update(KeyedState.NO_NAMESPACE, value);
    }

    public void clear(long namespace) {
        write(StateLayout.namespace(namespace), null);
    }

    public void clear(byte[] namespace) {
        write(StateLayout.namespace(namespace), null);
    }

    public void clear() {
        clear(KeyedState.NO_NAMESPACE);
    }

    /** Visits every key with a value in {@code namespace}; see {@link NamespacedState} for the guarantees. */
    public void forEachKey(long namespace, BiConsumer<RowKey, V> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    public void forEachKey(byte[] namespace, BiConsumer<RowKey, V> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    /**
     * Visits every key with a value in {@code namespace}, as {@link #forEachKey}, and removes the
     * namespace's entries as it goes: for a namespace that is done with, e.g. a fired window.
     */
    @SuppressWarnings("unchecked")
    public void drainNamespace(long namespace, BiConsumer<RowKey, V> action) {
        drainKeysOf(StateLayout.namespace(namespace), (key, suffixOffset, entries) -> {
            for (byte[][] entry : entries) {
                if (entry[0].length == suffixOffset) {
                    action.accept(key, (V) StateCodec.decode(entry[1]));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private V read(byte[] namespace) {
        byte[] bytes = store.get(currentKeyGroup(), currentKeyPrefix(namespace));
        return bytes == null ? null : (V) StateCodec.decode(bytes);
    }

    private void write(byte[] namespace, V value) {
        if (value == null) {
            store.delete(currentKeyGroup(), currentKeyPrefix(namespace));
        } else {
            store.put(currentKeyGroup(), currentKeyPrefix(namespace), StateCodec.encode(value));
        }
    }

    @SuppressWarnings("unchecked")
    private void visit(byte[] namespace, BiConsumer<RowKey, V> action) {
        forEachKeyOf(namespace, (key, suffixOffset, entries) -> {
            for (byte[][] entry : entries) {
                if (entry[0].length == suffixOffset) {
                    action.accept(key, (V) StateCodec.decode(entry[1]));
                }
            }
        });
    }
}
