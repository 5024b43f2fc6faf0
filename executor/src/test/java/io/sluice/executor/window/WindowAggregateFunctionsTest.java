package io.sluice.executor.window;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LISTAGG, FIRST_VALUE, LAST_VALUE and COUNT(DISTINCT) FILTER in windows; rows {@code [key, ts, value, flag]}. */
class WindowAggregateFunctionsTest {
    private static final LogicalType STRING = LogicalType.of(TypeRoot.VARCHAR);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);

    private static AggregateSpec of(AggregateKind kind) {
        return new AggregateSpec(kind, 2, -1, false, STRING, STRING);
    }

    @Test
    void listAggFirstAndLastValueFollowArrivalOrderWithinEachWindow() {
        AggregateSpec listAggDash = new AggregateSpec(AggregateKind.LISTAGG, 2, -1, false, STRING, STRING, "-");
        verifyOperator(() -> new WindowAggregateOperator(WindowSpec.tumble(10, 0), 1, new int[] {0},
                List.of(of(AggregateKind.LISTAGG), listAggDash, of(AggregateKind.FIRST_VALUE),
                        of(AggregateKind.LAST_VALUE))))
                .input(insert("a", 5L, "p"), insert("a", 1L, "q"), insert("a", 12L, "r"), insert("a", 3L, null),
                        insert("a", 2L, "s"), watermark(Long.MAX_VALUE))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, "p,q,s", "p-q-s", "p", "s"),
                        insert("a", 10L, 20L, 19L, "r", "r", "r", "r"),
                        watermark(Long.MAX_VALUE));
    }

    @Test
    void countDistinctWithAFilterCountsEachMatchingValueOnce() {
        AggregateSpec countDistinctWhere = new AggregateSpec(AggregateKind.COUNT, 2, 3, true, STRING, BIGINT);
        verifyOperator(() -> new WindowAggregateOperator(WindowSpec.tumble(10, 0), 1, new int[] {0},
                List.of(countDistinctWhere)))
                .input(insert("a", 1L, "x", true), insert("a", 2L, "x", true), insert("a", 3L, "y", false),
                        insert("a", 4L, "z", true), insert("a", 5L, "y", null), watermark(Long.MAX_VALUE))
                .expectOutput(insert("a", 0L, 10L, 9L, 2L), watermark(Long.MAX_VALUE));
    }
}
