package io.sluice.executor.state;

import io.sluice.executor.data.RowKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map per (namespace, current key), one store entry per map entry. Map keys are compared by
 * their {@link StateCodec} key form (DECIMALs by value) and come back in that form, in byte order
 * of that form (not numeric order).
 */
public final class MapState<UK, UV> extends NamespacedState {

    MapState(KeyedState owner, String name) {
        super(owner, name);
    }

    public UV get(long namespace, UK key) {
        return read(StateLayout.namespace(namespace), key);
    }

    public UV get(byte[] namespace, UK key) {
        return read(StateLayout.namespace(namespace), key);
    }

    public boolean contains(long namespace, UK key) {
        return raw(StateLayout.namespace(namespace), key) != null;
    }

    public boolean contains(byte[] namespace, UK key) {
        return raw(StateLayout.namespace(namespace), key) != null;
    }

    public void put(long namespace, UK key, UV value) {
        write(StateLayout.namespace(namespace), key, value);
    }

    public void put(byte[] namespace, UK key, UV value) {
        write(StateLayout.namespace(namespace), key, value);
    }

    public void remove(long namespace, UK key) {
        delete(StateLayout.namespace(namespace), key);
    }

    public void remove(byte[] namespace, UK key) {
        delete(StateLayout.namespace(namespace), key);
    }

    /** A copy of the current key's map in {@code namespace}. */
    public Map<UK, UV> entries(long namespace) {
        return readAll(StateLayout.namespace(namespace));
    }

    public Map<UK, UV> entries(byte[] namespace) {
        return readAll(StateLayout.namespace(namespace));
    }

    public boolean isEmpty(long namespace) {
        return isEmptyAt(StateLayout.namespace(namespace));
    }

    public boolean isEmpty(byte[] namespace) {
        return isEmptyAt(StateLayout.namespace(namespace));
    }

    public void clear(long namespace) {
        store.deletePrefix(currentKeyGroup(), currentKeyPrefix(StateLayout.namespace(namespace)));
    }

    public void clear(byte[] namespace) {
        store.deletePrefix(currentKeyGroup(), currentKeyPrefix(StateLayout.namespace(namespace)));
    }

    /** Visits every key with a non-empty map in {@code namespace}; see {@link NamespacedState}. */
    public void forEachKey(long namespace, BiConsumer<RowKey, Map<UK, UV>> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    public void forEachKey(byte[] namespace, BiConsumer<RowKey, Map<UK, UV>> action) {
        visit(StateLayout.namespace(namespace), action);
    }

    /**
     * Visits every key with a non-empty map in {@code namespace}, as {@link #forEachKey}, and removes
     * the namespace's entries as it goes: for a namespace that is done with, e.g. rows whose time
     * has passed.
     */
    public void drainNamespace(long namespace, BiConsumer<RowKey, Map<UK, UV>> action) {
        drainKeysOf(StateLayout.namespace(namespace),
                (key, suffixOffset, entries) -> action.accept(key, decode(entries, suffixOffset)));
    }

    private byte[] entryKey(byte[] namespace, UK key) {
        return KeyBytes.concat(currentKeyPrefix(namespace), StateCodec.encodeKeyValue(key));
    }

    private byte[] raw(byte[] namespace, UK key) {
        return store.get(currentKeyGroup(), entryKey(namespace, key));
    }

    @SuppressWarnings("unchecked")
    private UV read(byte[] namespace, UK key) {
        byte[] bytes = raw(namespace, key);
        return bytes == null ? null : (UV) StateCodec.decode(bytes);
    }

    private void write(byte[] namespace, UK key, UV value) {
        store.put(currentKeyGroup(), entryKey(namespace, key), StateCodec.encode(value));
    }

    private void delete(byte[] namespace, UK key) {
        store.delete(currentKeyGroup(), entryKey(namespace, key));
    }

    private Map<UK, UV> readAll(byte[] namespace) {
        byte[] prefix = currentKeyPrefix(namespace);
        Map<UK, UV> map = new LinkedHashMap<>();
        store.scan(currentKeyGroup(), prefix, (key, value) -> {
            putDecoded(map, key, prefix.length, value);
            return true;
        });
        return map;
    }

    private boolean isEmptyAt(byte[] namespace) {
        boolean[] empty = {true};
        store.scan(currentKeyGroup(), currentKeyPrefix(namespace), (key, value) -> {
            empty[0] = false;
            return false;
        });
        return empty[0];
    }

    private void visit(byte[] namespace, BiConsumer<RowKey, Map<UK, UV>> action) {
        forEachKeyOf(namespace, (key, suffixOffset, entries) -> action.accept(key, decode(entries, suffixOffset)));
    }

    private Map<UK, UV> decode(List<byte[][]> entries, int suffixOffset) {
        Map<UK, UV> map = new LinkedHashMap<>();
        for (byte[][] entry : entries) {
            putDecoded(map, entry[0], suffixOffset, entry[1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private void putDecoded(Map<UK, UV> map, byte[] storeKey, int userKeyOffset, byte[] value) {
        map.put((UK) StateCodec.reader(storeKey, userKeyOffset).value(), (UV) StateCodec.decode(value));
    }
}
