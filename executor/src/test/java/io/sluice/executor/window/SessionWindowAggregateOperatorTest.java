package io.sluice.executor.window;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [key, ts, value]}, the gap is 10 ms unless a test says otherwise; output
 * rows are {@code [key, window_start, window_end, window_time, aggregates…]}. Every run is also
 * repeated with a snapshot and restore into a fresh operator after each input, on heap and on
 * RocksDB state ({@link OperatorHarness#run}).
 */
class SessionWindowAggregateOperatorTest {
    private static final long MAX = Long.MAX_VALUE;
    private static final long GAP = 10;
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final int[] BY_KEY = {0};
    private static final int TS = 1;

    private static AggregateSpec countStar() {
        return new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT.withNullable(false));
    }

    private static AggregateSpec sumOfInts() {
        return new AggregateSpec(AggregateKind.SUM, 2, -1, false, INTEGER, INTEGER);
    }

    private static AggregateSpec countDistinctInts() {
        return new AggregateSpec(AggregateKind.COUNT, 2, -1, true, INTEGER, BIGINT.withNullable(false));
    }

    private static OperatorHarness<SessionWindowAggregateOperator> sessions(AggregateSpec... aggregates) {
        return sessions(BY_KEY, aggregates);
    }

    private static OperatorHarness<SessionWindowAggregateOperator> sessions(int[] keys, AggregateSpec... aggregates) {
        return verifyOperator(() -> new SessionWindowAggregateOperator(GAP, TS, keys, List.of(aggregates)));
    }

    @Test
    void shouldEmitSessionWhenWatermarkReachesItsLastMillisecond() {
        sessions(countStar(), sumOfInts())
                .input(insert("a", 3L, 1), insert("a", 9L, 2), watermark(17), watermark(18), watermark(MAX))
                .expectOutput(watermark(17), insert("a", 3L, 19L, 18L, 2L, 3), watermark(18), watermark(MAX));
    }

    @Test
    void shouldMergeTwoSessionsBridgedByAnOutOfOrderRow() {
        sessions(countStar(), sumOfInts())
                .input(insert("a", 0L, 1), insert("a", 15L, 2), watermark(5), insert("a", 8L, 4), watermark(23),
                        watermark(24))
                .beforeClose(operator -> assertThat(operator.openSessionCount()).isZero())
                .expectOutput(watermark(5), watermark(23), insert("a", 0L, 25L, 24L, 3L, 7), watermark(24))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isZero());
    }

    @Test
    void shouldKeepSessionsApartWithoutABridge() {
        sessions(countStar(), sumOfInts())
                .input(insert("a", 0L, 1), insert("a", 15L, 2), insert("a", 3L, 4), watermark(12), watermark(MAX))
                .expectOutput(insert("a", 0L, 13L, 12L, 2L, 5), watermark(12),
                        insert("a", 15L, 25L, 24L, 1L, 2), watermark(MAX));
    }

    @Test
    void shouldMergeSessionsThatTouch() {
        // [0, 10) and [10, 20) touch: one session, as in Flink
        sessions(countStar())
                .input(insert("a", 10L, 1), insert("a", 0L, 2), watermark(MAX))
                .expectOutput(insert("a", 0L, 20L, 19L, 2L), watermark(MAX));
    }

    @Test
    void shouldMergeThreeSessionsWithTheirDistinctValues() {
        // [0,10) [14,24) [28,38) are apart; 9 bridges the first two, then 23 the result and the third
        sessions(countStar(), countDistinctInts())
                .input(insert("a", 0L, 1), insert("a", 14L, 2), insert("a", 28L, 1), insert("a", 9L, 2),
                        insert("a", 23L, 3), watermark(MAX))
                .expectOutput(insert("a", 0L, 38L, 37L, 5L, 3L), watermark(MAX));
    }

    @Test
    void shouldPostponeFiringWhenARowExtendsTheSession() {
        sessions(countStar())
                .input(insert("a", 0L, 1), watermark(5), insert("a", 7L, 1), watermark(9), watermark(16))
                .expectOutput(watermark(5), watermark(9), insert("a", 0L, 17L, 16L, 2L), watermark(16));
    }

    @Test
    void shouldKeepSessionsOfEachKeyApart() {
        sessions(countStar(), sumOfInts())
                .input(insert("a", 0L, 1), insert("b", 5L, 10), insert("a", 12L, 2), insert("b", 8L, 20),
                        insert("c", 9L, 100), watermark(17), watermark(18), watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, 1L, 1),
                        insert("b", 5L, 18L, 17L, 2L, 30),
                        watermark(17),
                        insert("c", 9L, 19L, 18L, 1L, 100),
                        watermark(18),
                        insert("a", 12L, 22L, 21L, 1L, 2),
                        watermark(MAX));
    }

    @Test
    void shouldGroupByCompositeKeyAndByNoKey() {
        sessions(new int[] {0, 2}, countStar())
                .input(insert("a", 0L, 1), insert("a", 5L, 2), insert("a", 6L, 1), watermark(MAX))
                .expectOutput(insert("a", 1, 0L, 16L, 15L, 2L), insert("a", 2, 5L, 15L, 14L, 1L), watermark(MAX));
        sessions(new int[0], countStar())
                .input(insert("a", 0L, 1), insert("b", 5L, 2), insert("c", 30L, 1), watermark(MAX))
                .expectOutput(insert(0L, 15L, 14L, 2L), insert(30L, 40L, 39L, 1L), watermark(MAX));
    }

    @Test
    void shouldDropAndCountLateRowsButAcceptARowThatJoinsAnOpenSession() {
        OperatorHarness.Run<SessionWindowAggregateOperator> run = sessions(countStar(), sumOfInts())
                .input(insert("a", 0L, 1), watermark(9), insert("a", 20L, 2), watermark(20),
                        insert("a", 5L, 4),     // [5, 15) is behind the watermark and joins nothing: late
                        insert("a", 12L, 8),    // [12, 22) is behind it too, but joins [20, 30): accepted
                        insert("b", 1L, 16),    // no session of b: late
                        insert("a", null, 32),  // no time: dropped
                        watermark(MAX))
                .expectOutput(insert("a", 0L, 10L, 9L, 1L, 1), watermark(9), watermark(20),
                        insert("a", 12L, 30L, 29L, 2L, 10), watermark(MAX));
        assertThat(run.metrics().lateRowsDropped().sum()).isEqualTo(3);
    }

    @Test
    void shouldKeepDecimalKeysOfDifferentScaleInOneSession() {
        sessions(countStar())
                .input(insert(new BigDecimal("1.0"), 0L, 1), insert(new BigDecimal("1.00"), 4L, 1), watermark(MAX))
                .expectOutput(insert(new BigDecimal("1.0"), 0L, 14L, 13L, 2L), watermark(MAX));
    }

    @Test
    void shouldRefuseANonPositiveGap() {
        assertThatThrownBy(() -> new SessionWindowAggregateOperator(0, TS, BY_KEY, List.of(countStar())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap must be positive");
    }
}
