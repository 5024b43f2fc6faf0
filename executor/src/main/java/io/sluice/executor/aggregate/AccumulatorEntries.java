package io.sluice.executor.aggregate;

import io.sluice.executor.state.MapState;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * A map an accumulator keeps in the keyed store beside its group's value, one store entry per map
 * entry, for the group of the state's current key. Accumulators that must remember every value to
 * take one back out (MIN/MAX, FIRST_VALUE/LAST_VALUE over an updating input) keep them here, so a
 * row reads and writes a few entries instead of re-serialising all of them inside the group value.
 *
 * <p>Keys come back in the store's key form: DECIMALs without trailing zeros.
 */
public final class AccumulatorEntries {
    private final MapState<Object, Object> map;
    private final byte[] namespace;

    /** The entries of aggregate {@code aggregateIndex}'s map {@code part} in {@code map}. */
    public AccumulatorEntries(MapState<Object, Object> map, int aggregateIndex, int part) {
        this.map = Objects.requireNonNull(map, "map is null");
        this.namespace = ByteBuffer.allocate(Integer.BYTES + 1).putInt(aggregateIndex).put((byte) part).array();
    }

    /** Another map of the same aggregate. */
    public AccumulatorEntries part(int part) {
        return new AccumulatorEntries(map, ByteBuffer.wrap(namespace).getInt(), part);
    }

    public Object get(Object key) {
        return map.get(namespace, key);
    }

    /** Whether the key has an entry, without decoding its value. */
    public boolean contains(Object key) {
        return map.contains(namespace, key);
    }

    public void put(Object key, Object value) {
        map.put(namespace, key, value);
    }

    public void remove(Object key) {
        map.remove(namespace, key);
    }

    /** Every entry: a scan, for when the accumulator's current answer has left. */
    public Map<Object, Object> all() {
        return map.entries(namespace);
    }

    public void clear() {
        map.clear(namespace);
    }
}
