package io.sluice.executor.aggregate;

import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** The accumulators of {@link AggregateKind}. Arithmetic follows the result type, as in Flink SQL. */
final class Accumulators {
    private Accumulators() {
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

    static final class Sum implements Accumulator {
        private final TypeRoot type;
        private Object sum;

        Sum(TypeRoot type) {
            this.type = type;
        }

        @Override
        public void add(Object value) {
            sum = sum == null ? Numbers.cast(value, type) : Numbers.add(sum, value, type);
        }

        @Override
        public Object result() {
            return sum;
        }

        @Override
        public Object state() {
            return sum;
        }

        @Override
        public void restore(Object state) {
            sum = state == null ? null : Numbers.cast(state, type);
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

    static final class Extreme implements Accumulator {
        private final boolean max;
        private Comparable<Object> best;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void add(Object value) {
            Comparable<Object> candidate = (Comparable<Object>) value;
            if (best == null) {
                best = candidate;
                return;
            }
            int order = candidate.compareTo(best);
            if (max ? order > 0 : order < 0) {
                best = candidate;
            }
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
        @SuppressWarnings("unchecked")
        public void restore(Object state) {
            best = (Comparable<Object>) state;
        }
    }

    /** LISTAGG over rows that are never taken back: the joined text so far. */
    static final class ListAgg implements Accumulator {
        private final String separator;
        private String joined;

        ListAgg(String separator) {
            this.separator = separator;
        }

        @Override
        public void add(Object value) {
            joined = joined == null ? value.toString() : joined + separator + value;
        }

        @Override
        public Object result() {
            return joined;
        }

        @Override
        public Object state() {
            return joined;
        }

        @Override
        public void restore(Object state) {
            joined = (String) state;
        }
    }

    static final class FirstValue implements Accumulator {
        private Object first;

        @Override
        public void add(Object value) {
            if (first == null) {
                first = value;
            }
        }

        @Override
        public Object result() {
            return first;
        }

        @Override
        public Object state() {
            return first;
        }

        @Override
        public void restore(Object state) {
            first = state;
        }
    }

    static final class LastValue implements Accumulator {
        private Object last;

        @Override
        public void add(Object value) {
            last = value;
        }

        @Override
        public Object result() {
            return last;
        }

        @Override
        public Object state() {
            return last;
        }

        @Override
        public void restore(Object state) {
            last = state;
        }
    }

    /** Lets each distinct value reach the wrapped accumulator once. */
    static final class Distinct implements Accumulator {
        private final Accumulator delegate;
        private final Set<Object> seen = new HashSet<>();

        Distinct(Accumulator delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(Object value) {
            if (seen.add(normalized(value))) {
                delegate.add(value);
            }
        }

        /** The value as a set member: 1.0 and 1.00 are one DECIMAL value. */
        static Object normalized(Object value) {
            return value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
        }

        @Override
        public Object result() {
            return delegate.result();
        }

        @Override
        public Object state() {
            return new Object[] {new HashSet<>(seen), delegate.state()};
        }

        @Override
        public void restore(Object state) {
            Object[] parts = (Object[]) state;
            seen.clear();
            seen.addAll((java.util.Collection<?>) parts[0]);
            delegate.restore(parts[1]);
        }
    }
}
