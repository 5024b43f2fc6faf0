package io.sluice.executor.aggregate;

import io.sluice.executor.types.TypeRoot;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accumulators of a group aggregate over an updating input. They support retraction, so each
 * keeps what taking a value out needs: SUM counts its values (SUM of no values is NULL again), MIN
 * and MAX keep every value with its multiplicity, DISTINCT counts each value. COUNT and AVG are the
 * window aggregates' own, which retract as they are.
 */
public final class RetractableAccumulators {
    private RetractableAccumulators() {
    }

    public static RetractableAccumulator create(AggregateSpec spec) {
        RetractableAccumulator plain = switch (spec.kind()) {
            case COUNT_STAR, COUNT -> new Accumulators.Count();
            case SUM -> new Sum(spec.resultType().root());
            case MIN -> new Extreme(false);
            case MAX -> new Extreme(true);
            case AVG -> new Accumulators.Avg(spec.resultType().root(), spec.resultType().scale());
        };
        return spec.distinct() ? new Distinct(plain) : plain;
    }

    /** The plain accumulator of an insert-only input: a retraction reaching it is a planner bug. */
    public static RetractableAccumulator appendOnly(AggregateSpec spec) {
        Accumulator plain = spec.createAccumulator();
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

    /** MIN or MAX: every value with how often it is in the group, so the next best is known on retraction. */
    static final class Extreme implements RetractableAccumulator {
        private final boolean max;
        private final TreeMap<Object, Long> counts = new TreeMap<>();

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Object value) {
            counts.merge(value, 1L, Long::sum);
        }

        @Override
        public void retract(Object value) {
            counts.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
        }

        @Override
        public Object result() {
            if (counts.isEmpty()) {
                return null;
            }
            return max ? counts.lastKey() : counts.firstKey();
        }

        @Override
        public Object state() {
            return new HashMap<>(counts);
        }

        @Override
        public void restore(Object state) {
            counts.clear();
            ((Map<?, ?>) state).forEach((value, n) -> counts.put(value, ((Number) n).longValue()));
        }
    }

    /** Lets each distinct value reach the wrapped accumulator once, and leave it when its last copy goes. */
    static final class Distinct implements RetractableAccumulator {
        private final RetractableAccumulator delegate;
        private final Map<Object, Long> counts = new HashMap<>();

        Distinct(RetractableAccumulator delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(Object value) {
            if (counts.merge(Accumulators.Distinct.normalized(value), 1L, Long::sum) == 1L) {
                delegate.add(value);
            }
        }

        @Override
        public void retract(Object value) {
            Object key = Accumulators.Distinct.normalized(value);
            if (!counts.containsKey(key)) {
                return;
            }
            if (counts.computeIfPresent(key, (v, n) -> n == 1 ? null : n - 1) == null) {
                delegate.retract(value);
            }
        }

        @Override
        public Object result() {
            return delegate.result();
        }

        @Override
        public Object state() {
            return new Object[] {new HashMap<>(counts), delegate.state()};
        }

        @Override
        public void restore(Object state) {
            Object[] parts = (Object[]) state;
            counts.clear();
            ((Map<?, ?>) parts[0]).forEach((value, n) -> counts.put(value, ((Number) n).longValue()));
            delegate.restore(parts[1]);
        }
    }
}
