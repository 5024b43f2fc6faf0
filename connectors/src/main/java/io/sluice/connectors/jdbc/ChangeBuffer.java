package io.sluice.connectors.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes not written yet. With a primary key only the last change of each key is kept (an
 * upsert replaces the row, a delete removes it, so earlier changes of the key do not matter);
 * without one every insert is kept, in order.
 */
final class ChangeBuffer {
    private final int[] keyFields;
    private final Map<List<Object>, Change> byKey = new LinkedHashMap<>();
    private final List<Change> appended = new ArrayList<>();

    /** @param keyFields positions of the primary-key columns; empty for an append-only table */
    ChangeBuffer(int[] keyFields) {
        this.keyFields = keyFields.clone();
    }

    void add(Change change) {
        if (keyFields.length == 0) {
            appended.add(change);
        } else {
            byKey.put(key(change.row()), change);
        }
    }

    void addAll(Collection<Change> changes) {
        changes.forEach(this::add);
    }

    private List<Object> key(Object[] row) {
        Object[] key = new Object[keyFields.length];
        for (int i = 0; i < keyFields.length; i++) {
            key[i] = row[keyFields[i]];
        }
        return Arrays.asList(key);
    }

    int size() {
        return keyFields.length == 0 ? appended.size() : byKey.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The changes, in the order their keys were first seen. */
    List<Change> changes() {
        return List.copyOf(keyFields.length == 0 ? appended : byKey.values());
    }

    void clear() {
        byKey.clear();
        appended.clear();
    }
}
