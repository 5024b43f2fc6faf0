package io.sluice.executor.aggregate;

import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The accumulators of a group aggregate over an updating input. They support retraction, so each
 * keeps what taking a value out needs: SUM counts its values (SUM of no values is NULL again),
 * DISTINCT counts each value (in {@link AccumulatorEntries}), LISTAGG keeps its values in order. MIN/MAX and FIRST_VALUE/LAST_VALUE
 * keep every value in {@link AccumulatorEntries} beside the group value, which holds only the
 * current answer: a row touches a few entries, and only when the current answer is retracted are
 * the entries scanned for the next one. COUNT and AVG are the window aggregates' own, which retract
 * as they are.
 */
public final class RetractableAccumulators {
    /** The part of an aggregate's entries holding its DISTINCT counts (FIRST/LAST_VALUE use parts 0 and 1). */
    static final int DISTINCT_COUNTS = 2;

    private RetractableAccumulators() {
    }

    /** The accumulator of {@code spec}; {@code entries} is the aggregate's own map in the keyed store. */
    public static RetractableAccumulator create(AggregateSpec spec, AccumulatorEntries entries) {
        RetractableAccumulator plain = switch (spec.kind()) {
            case COUNT_STAR, COUNT -> new Accumulators.Count();
            case SUM -> new Sum(spec.resultType().root());
            case MIN -> new Extreme(false, spec.resultType().scale(), entries);
            case MAX -> new Extreme(true, spec.resultType().scale(), entries);
            case AVG -> new Accumulators.Avg(spec.resultType().root(), spec.resultType().scale());
            case LISTAGG -> new ListAgg(spec.separator());
            case FIRST_VALUE -> new FirstOrLast(false, entries);
            case LAST_VALUE -> new FirstOrLast(true, entries);
        };
        return spec.distinct() ? new Distinct(plain, entries.part(DISTINCT_COUNTS), true) : plain;
    }

    /** Drops what {@link #create}'s accumulator of {@code spec} kept in {@code entries}: its group is gone. */
    public static void clear(AggregateSpec spec, AccumulatorEntries entries) {
        switch (spec.kind()) {
            case MIN, MAX -> entries.clear();
            case FIRST_VALUE, LAST_VALUE -> {
                entries.part(FirstOrLast.BY_SEQUENCE).clear();
                entries.part(FirstOrLast.BY_VALUE).clear();
            }
            default -> {
            }
        }
        if (spec.distinct()) {
            entries.part(DISTINCT_COUNTS).clear();
        }
    }

    /**
     * The plain accumulator of an insert-only input: a retraction reaching it is a planner bug. A
     * DISTINCT one keeps the values it has seen in {@code entries}, not in the group value, which
     * would otherwise grow with every new value and be rewritten whole on every row.
     */
    public static RetractableAccumulator appendOnly(AggregateSpec spec, AccumulatorEntries entries) {
        if (spec.distinct()) {
            AggregateSpec each = new AggregateSpec(spec.kind(), spec.argIndex(), spec.filterIndex(), false,
                    spec.argType(), spec.resultType(), spec.separator());
            return new Distinct(appendOnly(each.createAccumulator()), entries.part(DISTINCT_COUNTS), false);
        }
        return appendOnly(spec.createAccumulator());
    }

    private static RetractableAccumulator appendOnly(Accumulator plain) {
        return new RetractableAccumulator() {
            @Override
            public void add(Object value) {
                plain.add(value);
            }

            @Override
            public void retract(Object value) {
                throw new IllegalStateException("a retraction reached the aggregate of an insert-only input");
            }

            @Override
            public Object result() {
                return plain.result();
            }

            @Override
            public Object state() {
                return plain.state();
            }

            @Override
            public void restore(Object state) {
                plain.restore(state);
            }
        };
    }

    static final class Sum implements RetractableAccumulator {
        private final TypeRoot type;
        private Object sum;
        private long values;

        Sum(TypeRoot type) {
            this.type = type;
        }

        @Override
        public void add(Object value) {
            sum = sum == null ? Numbers.cast(value, type) : Numbers.add(sum, value, type);
            values++;
        }

        @Override
        public void retract(Object value) {
            Object negated = Numbers.negate(Numbers.cast(value, type), type);
            sum = sum == null ? negated : Numbers.add(sum, negated, type);
            values--;
        }

        @Override
        public Object result() {
            return values == 0 ? null : sum;
        }

        @Override
        public Object state() {
            return new Object[] {sum, values};
        }

        @Override
        public void restore(Object state) {
            Object[] parts = (Object[]) state;
            sum = parts[0] == null ? null : Numbers.cast(parts[0], type);
            values = ((Number) parts[1]).longValue();
        }
    }

    /**
     * MIN or MAX: each value with how often it is in the group, in entries; the group value holds the
     * current best. Retracting the last copy of the best scans the entries for the next one.
     */
    static final class Extreme implements RetractableAccumulator {
        private final boolean max;
        private final int decimalScale;
        private final AccumulatorEntries counts;
        private Object best;

        Extreme(boolean max, int decimalScale, AccumulatorEntries counts) {
            this.max = max;
            this.decimalScale = decimalScale;
            this.counts = java.util.Objects.requireNonNull(counts, "counts is null");
        }

        @Override
        public void add(Object value) {
            Object n = counts.get(value);
            counts.put(value, n == null ? 1L : ((Number) n).longValue() + 1);
            if (best == null || isBetter(value, best)) {
                best = value;
            }
        }

        @Override
        public void retract(Object value) {
            Object n = counts.get(value);
            if (n == null) {
                return;
            }
            long left = ((Number) n).longValue() - 1;
            if (left > 0) {
                counts.put(value, left);
                return;
            }
            counts.remove(value);
            if (best != null && compare(value, best) == 0) {
                best = null;
                for (Object candidate : counts.all().keySet()) {
                    if (best == null || isBetter(candidate, best)) {
                        best = candidate;
                    }
                }
                // entry keys come back without trailing zeros; the result keeps its type's scale
                if (best instanceof BigDecimal decimal) {
                    best = decimal.setScale(decimalScale, java.math.RoundingMode.UNNECESSARY);
                }
            }
        }

        private boolean isBetter(Object candidate, Object current) {
            int order = compare(candidate, current);
            return max ? order > 0 : order < 0;
        }

        @SuppressWarnings("unchecked")
        private static int compare(Object a, Object b) {
            return ((Comparable<Object>) a).compareTo(b);
        }

        @Override
        public Object result() {
            return best;
        }

        @Override
        public Object state() {
            return best;
        }

        @Override
        public void restore(Object state) {
            best = state;
        }
    }

    /**
     * FIRST_VALUE or LAST_VALUE by arrival: each value under its arrival number, and each value's
     * arrival numbers, in entries; the group value holds the next arrival number and the current
     * answer with its number. A retraction takes out the oldest copy of the value; when that was the
     * answer, the entries are scanned for the first (or last) one left.
     */
    static final class FirstOrLast implements RetractableAccumulator {
        static final int BY_SEQUENCE = 0;
        static final int BY_VALUE = 1;

        private final boolean last;
        private final AccumulatorEntries bySequence;
        private final AccumulatorEntries byValue;
        private long nextSequence;
        private long currentSequence = -1;
        private Object current;

        FirstOrLast(boolean last, AccumulatorEntries entries) {
            this.last = last;
            this.bySequence = entries.part(BY_SEQUENCE);
            this.byValue = entries.part(BY_VALUE);
        }

        @Override
        public void add(Object value) {
            long sequence = nextSequence++;
            bySequence.put(sequence, value);
            List<Object> sequences = sequencesOf(value);
            sequences.add(sequence);
            byValue.put(value, sequences);
            if (last || currentSequence < 0) {
                currentSequence = sequence;
                current = value;
            }
        }

        @Override
        public void retract(Object value) {
            List<Object> sequences = sequencesOf(value);
            if (sequences.isEmpty()) {
                return;
            }
            long sequence = ((Number) sequences.remove(0)).longValue();
            if (sequences.isEmpty()) {
                byValue.remove(value);
            } else {
                byValue.put(value, sequences);
            }
            bySequence.remove(sequence);
            if (sequence == currentSequence) {
                currentSequence = -1;
                current = null;
                bySequence.all().forEach((s, v) -> {
                    long candidate = ((Number) s).longValue();
                    if (currentSequence < 0 || (last ? candidate > currentSequence : candidate < currentSequence)) {
                        currentSequence = candidate;
                        current = v;
                    }
                });
            }
        }

        private List<Object> sequencesOf(Object value) {
            Object stored = byValue.get(value);
            return stored == null ? new ArrayList<>() : new ArrayList<>((List<?>) stored);
        }

        @Override
        public Object result() {
            return current;
        }

        @Override
        public Object state() {
            return new Object[] {nextSequence, currentSequence, current};
        }

        @Override
        public void restore(Object state) {
            Object[] parts = (Object[]) state;
            nextSequence = ((Number) parts[0]).longValue();
            currentSequence = ((Number) parts[1]).longValue();
            current = parts[2];
        }
    }

    /** LISTAGG: the values in arrival order; a retraction takes out the oldest copy of its value. */
    static final class ListAgg implements RetractableAccumulator {
        private final String separator;
        private final List<String> values = new ArrayList<>();

        ListAgg(String separator) {
            this.separator = separator;
        }

        @Override
        public void add(Object value) {
            values.add(value.toString());
        }

        @Override
        public void retract(Object value) {
            values.remove(value.toString());
        }

        @Override
        public Object result() {
            return values.isEmpty() ? null : String.join(separator, values);
        }

        @Override
        public Object state() {
            return new ArrayList<>(values);
        }

        @Override
        public void restore(Object state) {
            values.clear();
            for (Object value : (List<?>) state) {
                values.add((String) value);
            }
        }
    }

    /**
     * Lets each distinct value reach the wrapped accumulator once, and leave it when its last copy
     * goes. The count of each value is an entry of its own in the keyed store, so a row reads and
     * writes one entry however many distinct values the group has. Over an insert-only input no
     * copy ever leaves, so a value seen before costs one read and no write (Nexmark q15's bidders
     * and auctions repeat on most rows).
     */
    static final class Distinct implements RetractableAccumulator {
        private final RetractableAccumulator delegate;
        private final AccumulatorEntries counts;
        private final boolean countsCopies;

        Distinct(RetractableAccumulator delegate, AccumulatorEntries counts, boolean countsCopies) {
            this.delegate = delegate;
            this.counts = counts;
            this.countsCopies = countsCopies;
        }

        @Override
        public void add(Object value) {
            Object key = Accumulators.Distinct.normalized(value);
            if (!countsCopies) {
                // only whether the value was seen matters: no count to decode
                if (!counts.contains(key)) {
                    counts.put(key, 1L);
                    delegate.add(value);
                }
                return;
            }
            Object count = counts.get(key);
            counts.put(key, count == null ? 1L : ((Number) count).longValue() + 1);
            if (count == null) {
                delegate.add(value);
            }
        }

        @Override
        public void retract(Object value) {
            Object key = Accumulators.Distinct.normalized(value);
            Object count = counts.get(key);
            if (count == null) {
                return;
            }
            long left = ((Number) count).longValue() - 1;
            if (left == 0) {
                counts.remove(key);
                delegate.retract(value);
            } else {
                counts.put(key, left);
            }
        }

        @Override
        public Object result() {
            return delegate.result();
        }

        @Override
        public Object state() {
            return delegate.state();
        }

        @Override
        public void restore(Object state) {
            delegate.restore(state);
        }
    }
}
