package io.sluice.connectors.jdbc;

import java.util.Objects;

/** One row to write: an upsert (or, without a primary key, an insert) or a delete by key. */
record Change(boolean delete, Object[] row) {
    Change {
        Objects.requireNonNull(row, "row is null");
    }

    static Change upsert(Object[] row) {
        return new Change(false, row);
    }

    static Change delete(Object[] row) {
        return new Change(true, row);
    }
}
