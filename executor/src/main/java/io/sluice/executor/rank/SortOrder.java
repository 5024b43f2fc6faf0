package io.sluice.executor.rank;

import java.util.Comparator;
import java.util.Objects;

/**
 * The ORDER BY of a ranking: rows compare by their sort fields, each ascending or descending, with
 * NULLs first or last. Rows whose sort fields are equal compare as equal; who ranks first among them
 * is the caller's choice (the operators here keep arrival order).
 */
public final class SortOrder implements Comparator<Object[]> {
    private final int[] fields;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    public SortOrder(int[] fields, boolean[] descending, boolean[] nullsFirst) {
        Objects.requireNonNull(fields, "fields is null");
        if (descending.length != fields.length || nullsFirst.length != fields.length) {
            throw new IllegalArgumentException("one direction and one null order per sort field");
        }
        this.fields = fields.clone();
        this.descending = descending.clone();
        this.nullsFirst = nullsFirst.clone();
    }

    /** Ascending by {@code field}, NULLs first. */
    public static SortOrder ascending(int field) {
        return new SortOrder(new int[] {field}, new boolean[] {false}, new boolean[] {true});
    }

    /** Descending by {@code field}, NULLs last. */
    public static SortOrder descending(int field) {
        return new SortOrder(new int[] {field}, new boolean[] {true}, new boolean[] {false});
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < fields.length; i++) {
            Object x = a[fields[i]];
            Object y = b[fields[i]];
            int order;
            if (x == null || y == null) {
                if (x == y) {
                    continue;
                }
                // the null direction is absolute: it does not flip with DESC
                return (x == null) == nullsFirst[i] ? -1 : 1;
            }
            order = ((Comparable) x).compareTo(y);
            if (order != 0) {
                return descending[i] ? -order : order;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('$').append(fields[i]).append(descending[i] ? " DESC" : " ASC")
                    .append(nullsFirst[i] ? " NULLS FIRST" : " NULLS LAST");
        }
        return sb.toString();
    }
}
