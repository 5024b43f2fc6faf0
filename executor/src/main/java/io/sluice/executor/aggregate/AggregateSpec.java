package io.sluice.executor.aggregate;

import io.sluice.executor.types.LogicalType;
import java.util.Objects;

/**
 * One aggregate call of a GROUP BY: {@code kind([DISTINCT] input[argIndex]) FILTER (WHERE input[filterIndex])}.
 *
 * @param kind the function
 * @param argIndex the input field aggregated, -1 for COUNT(*)
 * @param filterIndex the BOOLEAN input field of the FILTER clause, -1 when there is none
 * @param distinct whether each distinct value counts once
 * @param argType the type of the aggregated field (null for COUNT(*))
 * @param resultType the type of the result
 * @param separator LISTAGG's separator (a literal), null for the other functions
 */
public record AggregateSpec(AggregateKind kind, int argIndex, int filterIndex, boolean distinct, LogicalType argType,
        LogicalType resultType, String separator) {

    /** LISTAGG's separator when none is given, as in Flink SQL. */
    public static final String DEFAULT_SEPARATOR = ",";

    public AggregateSpec {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(resultType, "resultType is null");
        if (kind != AggregateKind.COUNT_STAR && (argIndex < 0 || argType == null)) {
            throw new IllegalArgumentException(kind + " needs an argument");
        }
        if (kind == AggregateKind.LISTAGG && separator == null) {
            separator = DEFAULT_SEPARATOR;
        }
    }

    /** A call of a function without a literal argument. */
    public AggregateSpec(AggregateKind kind, int argIndex, int filterIndex, boolean distinct, LogicalType argType,
            LogicalType resultType) {
        this(kind, argIndex, filterIndex, distinct, argType, resultType, null);
    }

    public Accumulator createAccumulator() {
        Accumulator plain = switch (kind) {
            case COUNT_STAR, COUNT -> new Accumulators.Count();
            case SUM -> new Accumulators.Sum(resultType.root());
            case MIN -> new Accumulators.Extreme(false);
            case MAX -> new Accumulators.Extreme(true);
            case AVG -> new Accumulators.Avg(resultType.root(), resultType.scale());
            case LISTAGG -> new Accumulators.ListAgg(separator);
            case FIRST_VALUE -> new Accumulators.FirstValue();
            case LAST_VALUE -> new Accumulators.LastValue();
        };
        return distinct ? new Accumulators.Distinct(plain) : plain;
    }

    /** Feeds one input row to the accumulator, honouring the FILTER clause and NULL semantics. */
    public void accumulate(Accumulator accumulator, Object[] row) {
        if (filterIndex >= 0 && !Boolean.TRUE.equals(row[filterIndex])) {
            return;
        }
        if (kind == AggregateKind.COUNT_STAR) {
            accumulator.add(Boolean.TRUE);
            return;
        }
        Object value = row[argIndex];
        if (value != null) {
            accumulator.add(value);
        }
    }

    @Override
    public String toString() {
        String arg = kind == AggregateKind.COUNT_STAR ? "*" : (distinct ? "DISTINCT $" : "$") + argIndex;
        String name = kind == AggregateKind.COUNT_STAR ? "COUNT" : kind.name();
        if (kind == AggregateKind.LISTAGG && !DEFAULT_SEPARATOR.equals(separator)) {
            arg += ", '" + separator + "'";
        }
        return name + "(" + arg + ")" + (filterIndex >= 0 ? " FILTER $" + filterIndex : "");
    }
}
