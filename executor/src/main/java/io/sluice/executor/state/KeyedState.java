package io.sluice.executor.state;

import io.sluice.executor.data.KeyGroups;
import io.sluice.executor.data.RowKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The typed, keyed and namespaced state of one operator subtask, over its {@link KeyedStateStore}.
 * The operator sets the key of the row at hand ({@link #setCurrentKey}) and reads and writes its
 * states for that key and a namespace: a {@code long} (a window end) or bytes
 * ({@link #NO_NAMESPACE} for state that is only keyed). Values are encoded by {@link StateCodec}.
 *
 * <p>Key layout inside a key group (the store adds the key group itself):
 * <pre>
 *   [state id][namespace][key][suffix]
 *   state id   1 byte n, then the n UTF-8 bytes of the state's name
 *   namespace  0x01, then the long big-endian with its sign bit flipped   (long namespaces)
 *              0x02, varint length, bytes                                (byte[] namespaces)
 *   key        StateCodec.encodeKey(current key)
 *   suffix     ValueState: none
 *              MapState:   the user key, in StateCodec's key form
 *              ListState:  none for the entry holding the next sequence number (8 bytes, raw),
 *                          an 8-byte big-endian sequence number for each element
 * </pre>
 * Every part is prefix-free, so all entries of a state, of a namespace and of a key are each one
 * contiguous key range; long namespaces sort numerically, negative ones first, so the first entry
 * after {@code [state id][0x01]} in each key group holds that group's smallest namespace. Windows
 * fire by asking for the smallest namespace ({@link NamespacedState#smallestNamespace}), visiting
 * its keys ({@code forEachKey}) and dropping it ({@link NamespacedState#clearNamespace}) — each a
 * range operation per key group, never a scan of the whole state.
 *
 * <p>Not thread-safe: used by the thread running the operator subtask.
 */
public final class KeyedState {
    /** The namespace of state that is only keyed, e.g. a group aggregate's accumulators. */
    public static final byte[] NO_NAMESPACE = KeyBytes.EMPTY;

    private final KeyedStateStore store;
    private final Map<String, NamespacedState> states = new HashMap<>();
    private RowKey currentKey;
    private int currentKeyGroup = -1;
    private byte[] currentKeyBytes;

    public KeyedState(KeyedStateStore store) {
        this.store = Objects.requireNonNull(store, "store is null");
    }

    public KeyedStateStore store() {
        return store;
    }

    public KeyGroupRange keyGroupRange() {
        return store.keyGroupRange();
    }

    /**
     * Makes {@code key} the key of every state access that follows. Fails with
     * {@link IllegalArgumentException} when the key's group is not this subtask's.
     */
    public void setCurrentKey(RowKey key) {
        Objects.requireNonNull(key, "key is null");
        if (key == currentKey) {
            return;
        }
        int keyGroup = KeyGroups.keyGroupOf(key.hashCode());
        if (!store.keyGroupRange().contains(keyGroup)) {
            throw new IllegalArgumentException("key " + key + " is in key group " + keyGroup + ", not in "
                    + store.keyGroupRange() + " of this subtask");
        }
        setCurrentKey(key, keyGroup, StateCodec.encodeKey(key));
    }

    void setCurrentKey(RowKey key, int keyGroup, byte[] keyBytes) {
        currentKey = key;
        currentKeyGroup = keyGroup;
        currentKeyBytes = keyBytes;
    }

    public RowKey currentKey() {
        checkKey();
        return currentKey;
    }

    public int currentKeyGroup() {
        checkKey();
        return currentKeyGroup;
    }

    byte[] currentKeyBytes() {
        checkKey();
        return currentKeyBytes;
    }

    private void checkKey() {
        if (currentKey == null) {
            throw new IllegalStateException("no current key: call setCurrentKey first");
        }
    }

    /** The value state named {@code name}; asking again for the same name gives the same state. */
    public <V> ValueState<V> valueState(String name) {
        return register(name, ValueState.class, () -> new ValueState<V>(this, name));
    }

    public <UK, UV> MapState<UK, UV> mapState(String name) {
        return register(name, MapState.class, () -> new MapState<UK, UV>(this, name));
    }

    public <V> ListState<V> listState(String name) {
        return register(name, ListState.class, () -> new ListState<V>(this, name));
    }

    @SuppressWarnings("unchecked")
    private <S extends NamespacedState> S register(String name, Class<?> kind, Supplier<S> factory) {
        Objects.requireNonNull(name, "name is null");
        NamespacedState state = states.get(name);
        if (state == null) {
            state = factory.get();
            states.put(name, state);
        } else if (state.getClass() != kind) {
            throw new IllegalArgumentException("state '" + name + "' is a " + state.getClass().getSimpleName()
                    + ", not a " + kind.getSimpleName());
        }
        return (S) state;
    }
}
