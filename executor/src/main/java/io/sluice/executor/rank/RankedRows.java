package io.sluice.executor.rank;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A partition's rows in rank order, as kept in state: rows whose sort fields are equal stay in
 * arrival order, so the earlier one ranks first (ROW_NUMBER gives ties distinct numbers, and this
 * makes them deterministic).
 */
final class RankedRows {
    private final SortOrder order;
    private final List<Object[]> rows;

    RankedRows(SortOrder order, Object[] stored) {
        this.order = order;
        this.rows = new ArrayList<>(stored == null ? 0 : stored.length + 1);
        if (stored != null) {
            for (Object row : stored) {
                rows.add((Object[]) row);
            }
        }
    }

    /** Where {@code row} goes: after every row that ranks before it or ties with it. */
    int insertionPoint(Object[] row) {
        int low = 0;
        int high = rows.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (order.compare(rows.get(middle), row) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    void add(int position, Object[] row) {
        rows.add(position, row);
    }

    /** Removes one row equal to {@code row} in every field; false if there is none. */
    boolean remove(Object[] row) {
        // equal rows tie, so the match is among the rows that tie with it: just before its insertion point
        for (int i = insertionPoint(row) - 1; i >= 0 && order.compare(rows.get(i), row) == 0; i--) {
            if (sameValues(rows.get(i), row)) {
                rows.remove(i);
                return true;
            }
        }
        return false;
    }

    void truncate(int size) {
        while (rows.size() > size) {
            rows.remove(rows.size() - 1);
        }
    }

    int size() {
        return rows.size();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows ranked {@code range.start()} to {@code range.end()} (fewer if there are fewer rows). */
    List<Object[]> inRange(RankRange range) {
        int from = (int) Math.min(range.start() - 1, rows.size());
        int to = (int) Math.min(range.end(), rows.size());
        return new ArrayList<>(rows.subList(from, to));
    }

    Object[] toState() {
        return rows.toArray();
    }

    /** Field by field equality, DECIMALs by value (1.0 equals 1.00). */
    static boolean sameValues(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
                if (dx.compareTo(dy) != 0) {
                    return false;
                }
            } else if (!(x == null ? y == null : x.equals(y))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return rows.stream().map(Arrays::toString).toList().toString();
    }
}
