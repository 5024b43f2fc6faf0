package io.sluice.executor.group;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.aggregate.Numbers;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accumulators of a group aggregate. Unlike a window's, they support retraction, so each keeps
 * what taking a value out needs: SUM and AVG count their values (SUM of no values is NULL again),
 * MIN and MAX keep every value with its multiplicity, DISTINCT counts each value.
 */
final class RetractableAccumulators {
    private RetractableAccumulators() {
    }

    static RetractableAccumulator create(AggregateSpec spec) {
        RetractableAccumulator plain = switch (spec.kind()) {
            case COUNT_STAR, COUNT -> new Count();
            case SUM -> new Sum(spec.resultType().root());
            case MIN -> new Extreme(false);
            case MAX -> new Extreme(true);
            case AVG -> new Avg(spec.resultType().root(), spec.resultType().scale());
        };
        return spec.distinct() ? new Distinct(plain) : plain;
    }

    /** The plain accumulator of an insert-only input: a retraction reaching it is a planner bug. */
    static RetractableAccumulator appendOnly(AggregateSpec spec) {
        io.sluice.executor.aggregate.Accumulator plain = spec.createAccumulator();
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

    static final class Count implements RetractableAccumulator {
        private long count;

        @Override
        public void add(Object value) {
            count++;
        }

        @Override
        public void retract(Object value) {
            count--;
        }

        @Override
        public Object result() {
            return count;
        }

        @Override
        public Object state() {
            return count;
        }

        @Override
        public void restore(Object state) {
            count = ((Number) state).longValue();
        }
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

    static final class Avg implements RetractableAccumulator {
        private final TypeRoot type;
        private final int scale;
        private BigDecimal sum = BigDecimal.ZERO;
        private double doubleSum;
        private long count;

        Avg(TypeRoot type, int scale) {
            this.type = type;
            this.scale = scale;
        }

        @Override
        public void add(Object value) {
            change(value, 1);
        }

        @Override
        public void retract(Object value) {
            change(value, -1);
        }

        private void change(Object value, int sign) {
            if (type == TypeRoot.DOUBLE || type == TypeRoot.FLOAT) {
                doubleSum += sign * ((Number) value).doubleValue();
            } else {
                BigDecimal decimal = Numbers.toBigDecimal(value);
                sum = sign > 0 ? sum.add(decimal) : sum.subtract(decimal);
            }
            count += sign;
        }

        @Override
        public Object result() {
            return Numbers.average(sum, doubleSum, count, type, scale);
        }

        @Override
        public Object state() {
            return new Object[] {sum, doubleSum, count};
        }

        @Override
        public void restore(Object state) {
            Object[] parts = (Object[]) state;
            sum = (BigDecimal) parts[0];
            doubleSum = ((Number) parts[1]).doubleValue();
            count = ((Number) parts[2]).longValue();
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
            if (counts.merge(normalized(value), 1L, Long::sum) == 1L) {
                delegate.add(value);
            }
        }

        @Override
        public void retract(Object value) {
            Object key = normalized(value);
            if (!counts.containsKey(key)) {
                return;
            }
            if (counts.computeIfPresent(key, (v, n) -> n == 1 ? null : n - 1) == null) {
                delegate.retract(value);
            }
        }

        private static Object normalized(Object value) {
            return value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
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
