package io.sluice.executor.data;

/**
 * A run of rows handed from one task to another in one queue slot.
 *
 * <p>Rows are {@code Object[]} whose values use the carriers of {@link io.sluice.executor.types.TypeRoot};
 * null stands for SQL NULL. A batch is filled by one thread, then handed over and read by one
 * other thread; it is never shared after that.
 */
public final class RowBatch {
    private final Object[][] rows;
    private final byte[] kinds;
    private int size;

    public RowBatch(int capacity) {
        this.rows = new Object[capacity][];
        this.kinds = new byte[capacity];
    }

    /** Adds a row; returns true when the batch is now full. */
    public boolean add(RowKind kind, Object[] row) {
        rows[size] = row;
        kinds[size] = kind.toByte();
        size++;
        return size == rows.length;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Object[] row(int index) {
        return rows[index];
    }

    public RowKind kind(int index) {
        return RowKind.fromByte(kinds[index]);
    }
}
