package io.sluice.executor.window;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [key, ts, value, …]} unless a test says otherwise; output rows are
 * {@code [key, window_start, window_end, window_time, aggregates…]}.
 */
class WindowAggregateOperatorTest {
    private static final long MAX = Long.MAX_VALUE;
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final LogicalType DOUBLE = LogicalType.of(TypeRoot.DOUBLE);
    private static final LogicalType BOOLEAN = LogicalType.of(TypeRoot.BOOLEAN);

    private static final int[] BY_KEY = {0};
    private static final int TS = 1;

    private static AggregateSpec countStar() {
        return new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT.withNullable(false));
    }

    private static AggregateSpec aggregate(AggregateKind kind, int arg, LogicalType argType, LogicalType resultType) {
        return new AggregateSpec(kind, arg, -1, false, argType, resultType);
    }

    private static AggregateSpec sumOfInts() {
        return aggregate(AggregateKind.SUM, 2, INTEGER, INTEGER);
    }

    private static OperatorHarness<WindowAggregateOperator> windowAggregate(WindowSpec window, AggregateSpec... aggregates) {
        return windowAggregate(window, BY_KEY, aggregates);
    }

    private static OperatorHarness<WindowAggregateOperator> windowAggregate(WindowSpec window, int[] keys,
            AggregateSpec... aggregates) {
        return verifyOperator(() -> new WindowAggregateOperator(window, TS, keys, List.of(aggregates)));
    }

    @Test
    void shouldAggregateOutOfOrderRowsWithinTheWatermarkBound() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar(), sumOfInts())
                .input(insert("a", 3L, 1), insert("a", 12L, 2), insert("a", 1L, 3), watermark(8),
                        insert("a", 9L, 4), insert("a", 0L, 5), watermark(9), insert("a", 19L, 6), watermark(MAX))
                .expectOutput(
                        watermark(8),
                        insert("a", 0L, 10L, 9L, 4L, 13),
                        watermark(9),
                        insert("a", 10L, 20L, 19L, 2L, 8),
                        watermark(MAX))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isZero());
    }

    @Test
    void shouldEmitWindowOnlyWhenWatermarkPassesItsLastMillisecond() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 5L), watermark(8))
                .beforeClose(operator -> assertThat(operator.openWindowEnds()).containsExactly(10L))
                .expectOutput(watermark(8));

        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 5L), watermark(8), watermark(9), watermark(15))
                .expectOutput(watermark(8), insert("a", 0L, 10L, 9L, 1L), watermark(9), watermark(15));
    }

    @Test
    void shouldFireDueWindowsInEndOrder() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 25L), insert("b", 5L), insert("a", 15L), insert("c", 35L), watermark(29))
                .beforeClose(operator -> assertThat(operator.openWindowEnds()).containsExactly(40L))
                .expectOutput(
                        insert("b", 0L, 10L, 9L, 1L),
                        insert("a", 10L, 20L, 19L, 1L),
                        insert("a", 20L, 30L, 29L, 1L),
                        watermark(29));
    }

    @Test
    void shouldDropAndCountRowWhoseWindowHasFired() {
        OperatorHarness.Run<WindowAggregateOperator> run = windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 1L), watermark(9), insert("a", 9L), insert("a", 0L), insert("a", 10L),
                        insert("a", -100L), watermark(MAX))
                .beforeClose(operator -> assertThat(operator.openWindowCount()).isZero())
                .expectOutput(
                        insert("a", 0L, 10L, 9L, 1L),
                        watermark(9),
                        insert("a", 10L, 20L, 19L, 1L),
                        watermark(MAX));
        assertThat(run.metrics().lateRowsDropped().sum()).isEqualTo(3);
    }

    @Test
    void shouldDropAndCountRowWithoutEventTime() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", null), insert("a", 4L), watermark(MAX))
                .expectOutput(insert("a", 0L, 10L, 9L, 1L), watermark(MAX))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void shouldCountHopRowLateForItsFirstWindowInItsSecond() {
        windowAggregate(WindowSpec.hop(5, 10, 0), sumOfInts())
                .input(insert("a", 2L, 1), watermark(9),
                        insert("a", 7L, 10),   // [0, 10) has fired, [5, 15) has not
                        insert("a", 3L, 100),  // [-5, 5) and [0, 10) have both fired
                        watermark(MAX))
                .expectOutput(
                        insert("a", -5L, 5L, 4L, 1),
                        insert("a", 0L, 10L, 9L, 1),
                        watermark(9),
                        insert("a", 5L, 15L, 14L, 10),
                        watermark(MAX))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void shouldEmitGrowingCumulateWindows() {
        windowAggregate(WindowSpec.cumulate(5, 15, 0), countStar(), sumOfInts())
                .input(insert("a", 1L, 1), insert("a", 7L, 2), insert("a", 12L, 4), insert("a", 16L, 8),
                        watermark(4), watermark(9), watermark(14), watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 5L, 4L, 1L, 1),
                        watermark(4),
                        insert("a", 0L, 10L, 9L, 2L, 3),
                        watermark(9),
                        insert("a", 0L, 15L, 14L, 3L, 7),
                        watermark(14),
                        insert("a", 15L, 20L, 19L, 1L, 8),
                        insert("a", 15L, 25L, 24L, 1L, 8),
                        insert("a", 15L, 30L, 29L, 1L, 8),
                        watermark(MAX));
    }

    @Test
    void shouldAggregateEachKeySeparatelyInArrivalOrderOfKeys() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar(), sumOfInts())
                .input(insert("b", 1L, 1), insert("a", 2L, 2), insert("b", 3L, 3), insert("c", 12L, 4),
                        insert("a", 4L, 5), watermark(MAX))
                .expectOutput(
                        insert("b", 0L, 10L, 9L, 2L, 4),
                        insert("a", 0L, 10L, 9L, 2L, 7),
                        insert("c", 10L, 20L, 19L, 1L, 4),
                        watermark(MAX));
    }

    @Test
    void shouldGroupByCompositeKeyAndByNoKey() {
        // rows: [k1, ts, value, k2]
        windowAggregate(WindowSpec.tumble(10, 0), new int[] {0, 3}, sumOfInts())
                .input(insert("a", 1L, 1, 1), insert("a", 2L, 2, 2), insert("a", 3L, 3, 1), insert("b", 4L, 4, null),
                        insert("b", 5L, 5, null), watermark(MAX))
                .expectOutput(
                        insert("a", 1, 0L, 10L, 9L, 4),
                        insert("a", 2, 0L, 10L, 9L, 2),
                        insert("b", null, 0L, 10L, 9L, 9),
                        watermark(MAX));

        windowAggregate(WindowSpec.tumble(10, 0), new int[0], sumOfInts())
                .input(insert("a", 1L, 1), insert("b", 2L, 2), watermark(MAX))
                .expectOutput(insert(0L, 10L, 9L, 3), watermark(MAX));
    }

    @Test
    void shouldCountRowsForCountStarButOnlyNonNullValuesForCountOfColumn() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar(), aggregate(AggregateKind.COUNT, 2, INTEGER, BIGINT))
                .input(insert("a", 1L, 1), insert("a", 2L, null), insert("a", 3L, 3), insert("n", 4L, null),
                        watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, 3L, 2L),
                        insert("n", 0L, 10L, 9L, 1L, 0L),
                        watermark(MAX));
    }

    /** SUM, MIN, MAX, AVG of column 2 of the given type, over group "a" (values) and "n" (only NULLs). */
    private static void assertSumMinMaxAvg(LogicalType argType, LogicalType sumType, LogicalType avgType,
            Object[] values, Object sum, Object min, Object max, Object avg) {
        OperatorHarness<WindowAggregateOperator> harness = windowAggregate(WindowSpec.tumble(10, 0),
                aggregate(AggregateKind.SUM, 2, argType, sumType),
                aggregate(AggregateKind.MIN, 2, argType, argType),
                aggregate(AggregateKind.MAX, 2, argType, argType),
                aggregate(AggregateKind.AVG, 2, argType, avgType));
        for (Object value : values) {
            harness.input(insert("a", 1L, value), insert("n", 2L, null));
        }
        harness.input(insert("a", 3L, null), watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, sum, min, max, avg),
                        insert("n", 0L, 10L, 9L, null, null, null, null),
                        watermark(MAX));
    }

    @Test
    void shouldSumMinMaxAvgIntegers() {
        // AVG of integers truncates toward zero, as in Flink SQL
        assertSumMinMaxAvg(INTEGER, INTEGER, INTEGER, new Object[] {4, 1, 2}, 7, 1, 4, 2);
        assertSumMinMaxAvg(INTEGER, INTEGER, INTEGER, new Object[] {-4, -1, -2}, -7, -4, -1, -2);
    }

    @Test
    void shouldSumMinMaxAvgBigints() {
        assertSumMinMaxAvg(BIGINT, BIGINT, BIGINT, new Object[] {10L, 40L, 20L, 5_000_000_000L},
                5_000_000_070L, 10L, 5_000_000_000L, 1_250_000_017L);
    }

    @Test
    void shouldSumMinMaxAvgDoubles() {
        assertSumMinMaxAvg(DOUBLE, DOUBLE, DOUBLE, new Object[] {2.5, 1.5, 4.0}, 8.0, 1.5, 4.0, 8.0 / 3);
    }

    @Test
    void shouldSumMinMaxAvgDecimals() {
        // Flink: SUM(DECIMAL(10, 2)) is DECIMAL(38, 2); AVG is DECIMAL(38, 6)
        assertSumMinMaxAvg(LogicalType.decimal(10, 2), LogicalType.decimal(38, 2), LogicalType.decimal(38, 6),
                new Object[] {new BigDecimal("2.20"), new BigDecimal("1.10"), new BigDecimal("4.05")},
                new BigDecimal("7.35"), new BigDecimal("1.10"), new BigDecimal("4.05"), new BigDecimal("2.450000"));
    }

    @Test
    void shouldAggregateEachDistinctValueOnce() {
        AggregateSpec countDistinct = new AggregateSpec(AggregateKind.COUNT, 2, -1, true, INTEGER, BIGINT);
        AggregateSpec sumDistinct = new AggregateSpec(AggregateKind.SUM, 2, -1, true, INTEGER, INTEGER);
        windowAggregate(WindowSpec.tumble(10, 0), countStar(), countDistinct, sumDistinct)
                .input(insert("a", 1L, 1), insert("a", 2L, 1), insert("a", 3L, 2), insert("a", 4L, null),
                        insert("a", 5L, 2), watermark(MAX))
                .expectOutput(insert("a", 0L, 10L, 9L, 5L, 2L, 3), watermark(MAX));
    }

    @Test
    void shouldTreatDecimalsOfDifferentScaleAsOneDistinctValue() {
        LogicalType decimal = LogicalType.decimal(10, 2);
        AggregateSpec countDistinct = new AggregateSpec(AggregateKind.COUNT, 2, -1, true, decimal, BIGINT);
        windowAggregate(WindowSpec.tumble(10, 0), countDistinct)
                .input(insert("a", 1L, new BigDecimal("1.0")), insert("a", 2L, new BigDecimal("1.00")),
                        insert("a", 3L, new BigDecimal("2")), watermark(MAX))
                .expectOutput(insert("a", 0L, 10L, 9L, 2L), watermark(MAX));
    }

    @Test
    void shouldAggregateOnlyRowsWhoseFilterIsTrue() {
        // rows: [key, ts, value, flag]
        AggregateSpec countWhere = new AggregateSpec(AggregateKind.COUNT_STAR, -1, 3, false, null, BIGINT);
        AggregateSpec sumWhere = new AggregateSpec(AggregateKind.SUM, 2, 3, false, INTEGER, INTEGER);
        AggregateSpec maxWhere = new AggregateSpec(AggregateKind.MAX, 2, 3, false, INTEGER, INTEGER);
        windowAggregate(WindowSpec.tumble(10, 0), countStar(), countWhere, sumWhere, maxWhere)
                .input(insert("a", 1L, 1, true), insert("a", 2L, 10, false), insert("a", 3L, 100, null),
                        insert("a", 4L, 2, true), insert("b", 5L, 7, false), watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, 4L, 2L, 3, 2),
                        insert("b", 0L, 10L, 9L, 1L, 0L, null, null),
                        watermark(MAX));
    }

    @Test
    void shouldFireEveryOpenWindowOnFinalWatermark() {
        windowAggregate(WindowSpec.hop(5, 10, 0), countStar())
                .input(insert("a", 12L), insert("b", 1L), insert("a", 1_000_000L), watermark(MAX))
                .beforeClose(operator -> assertThat(operator.openWindowCount()).isZero())
                .expectOutput(
                        insert("b", -5L, 5L, 4L, 1L),
                        insert("b", 0L, 10L, 9L, 1L),
                        insert("a", 5L, 15L, 14L, 1L),
                        insert("a", 10L, 20L, 19L, 1L),
                        insert("a", 999_995L, 1_000_005L, 1_000_004L, 1L),
                        insert("a", 1_000_000L, 1_000_010L, 1_000_009L, 1L),
                        watermark(MAX));
    }

    @Test
    void shouldMergeAccumulatorsWrittenOutWhenTheCacheIsFullWithLaterRows() {
        // room for two (window, key) entries: the third evicts both into the store, later rows read them back
        verifyOperator(() -> new WindowAggregateOperator(new WindowAssignment.ByTime(WindowSpec.hop(5, 10, 0), TS),
                BY_KEY, List.of(countStar(), sumOfInts()), 2))
                .input(insert("a", 6L, 1), insert("b", 7L, 2), insert("c", 8L, 4), insert("a", 9L, 8),
                        insert("b", 12L, 16), watermark(9), insert("c", 13L, 32), watermark(MAX))
                .beforeClose(operator -> assertThat(operator.cachedEntries()).isLessThanOrEqualTo(2))
                .expectOutput(
                        insert("a", 0L, 10L, 9L, 2L, 9),
                        insert("b", 0L, 10L, 9L, 1L, 2),
                        insert("c", 0L, 10L, 9L, 1L, 4),
                        watermark(9),
                        insert("a", 5L, 15L, 14L, 2L, 9),
                        insert("b", 5L, 15L, 14L, 2L, 18),
                        insert("c", 5L, 15L, 14L, 2L, 36),
                        insert("b", 10L, 20L, 19L, 1L, 16),
                        insert("c", 10L, 20L, 19L, 1L, 32),
                        watermark(MAX));
    }

    @Test
    void shouldKeepHotKeysAsObjectsAcrossSnapshots() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 1L), insert("b", 2L), insert("a", 3L))
                .beforeClose(operator -> {
                    // the harness's restored runs start each input from a fresh instance: compare with before
                    int cached = operator.cachedEntries();
                    operator.snapshotState(1);
                    assertThat(operator.cachedEntries()).as("entries stay cached after they are written").isEqualTo(cached);
                    assertThat(operator.openWindowEnds()).containsExactly(10L);
                })
                .expectOutput();
    }

    @Test
    void shouldNotForwardWatermarkThatDoesNotAdvance() {
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(watermark(5), watermark(5), watermark(3), insert("a", 6L), watermark(9))
                .expectOutput(watermark(5), insert("a", 0L, 10L, 9L, 1L), watermark(9));
    }

    @Test
    void shouldEmitNothingAtFinishWithoutFinalWatermark() {
        // the runtime sends Long.MAX_VALUE before finish; without it no window is complete
        windowAggregate(WindowSpec.tumble(10, 0), countStar())
                .input(insert("a", 6L))
                .expectOutput();
    }

    /** Rows of an upstream window aggregate: {@code [key, window_start, window_end, value]}. */
    private static OperatorHarness<WindowAggregateOperator> attachedAggregate(int[] keys, AggregateSpec... aggregates) {
        return verifyOperator(() -> new WindowAggregateOperator(new WindowAssignment.Attached(1, 2), keys,
                List.of(aggregates)));
    }

    @Test
    void shouldAggregateRowsByTheWindowTheyCarryAndFireItWhenTheWatermarkPassesItsEnd() {
        // an upstream HOP(5, 10) count per auction, then MAX over the auctions per window
        attachedAggregate(new int[0], aggregate(AggregateKind.MAX, 3, BIGINT, BIGINT), countStar())
                .input(insert("a", 0L, 10L, 3L), insert("b", 0L, 10L, 7L), insert("a", 5L, 15L, 2L), watermark(9),
                        insert("b", 5L, 15L, 1L), insert("c", 5L, 15L, 4L), watermark(MAX))
                .expectOutput(
                        insert(0L, 10L, 9L, 7L, 2L),
                        watermark(9),
                        insert(5L, 15L, 14L, 4L, 3L),
                        watermark(MAX))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isZero());
    }

    @Test
    void shouldKeepWindowsOfDifferentStartsApartWhenTheyEndTogether() {
        // CUMULATE or sessions: [0, 20) and [10, 20) end together but are different windows
        attachedAggregate(BY_KEY, aggregate(AggregateKind.SUM, 3, BIGINT, BIGINT))
                .input(insert("a", 0L, 20L, 1L), insert("a", 10L, 20L, 2L), insert("a", 0L, 20L, 4L),
                        insert("b", 10L, 20L, 8L), watermark(MAX))
                .expectOutput(
                        insert("a", 0L, 20L, 19L, 5L),
                        insert("a", 10L, 20L, 19L, 2L),
                        insert("b", 10L, 20L, 19L, 8L),
                        watermark(MAX));
    }

    @Test
    void shouldDropAndCountAttachedRowWhoseWindowHasFired() {
        attachedAggregate(BY_KEY, countStar())
                .input(insert("a", 0L, 10L, 1L), watermark(9), insert("a", 0L, 10L, 1L), insert("a", null, null, 1L),
                        watermark(MAX))
                .expectOutput(insert("a", 0L, 10L, 9L, 1L), watermark(9), watermark(MAX))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(2));
    }
}
