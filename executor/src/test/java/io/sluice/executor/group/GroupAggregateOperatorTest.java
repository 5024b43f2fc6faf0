package io.sluice.executor.group;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [key, value, flag]}; output rows {@code [key, aggregates…]}. The harness also
 * snapshots and restores the operator between inputs, on the heap and the RocksDB backend.
 */
class GroupAggregateOperatorTest {
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final int[] BY_KEY = {0};

    private static AggregateSpec countStar() {
        return new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT.withNullable(false));
    }

    private static AggregateSpec of(AggregateKind kind, LogicalType resultType) {
        return new AggregateSpec(kind, 1, -1, false, INTEGER, resultType);
    }

    private static OperatorHarness<GroupAggregateOperator> groupBy(int[] keys, AggregateSpec... aggregates) {
        return verifyOperator(() -> new GroupAggregateOperator(keys, List.of(aggregates), true));
    }

    private static OperatorHarness<GroupAggregateOperator> groupByOverInserts(int[] keys, AggregateSpec... aggregates) {
        return verifyOperator(() -> new GroupAggregateOperator(keys, List.of(aggregates), false));
    }

    @Test
    void overAnInsertOnlyInputThePlainAccumulatorsGiveTheSameChanges() {
        groupByOverInserts(BY_KEY, countStar(), of(AggregateKind.MAX, INTEGER),
                new AggregateSpec(AggregateKind.COUNT, 1, -1, true, INTEGER, BIGINT))
                .input(insert("a", 3), insert("a", 1), insert("a", 5), insert("b", 2))
                .expectOutput(
                        insert("a", 1L, 3, 1L),
                        updateBefore("a", 1L, 3, 1L), updateAfter("a", 2L, 3, 2L),
                        updateBefore("a", 2L, 3, 2L), updateAfter("a", 3L, 5, 3L),
                        insert("b", 1L, 2, 1L));
    }

    @Test
    void aNewGroupIsInsertedAndAChangedOneUpdated() {
        groupBy(BY_KEY, countStar(), of(AggregateKind.SUM, INTEGER))
                .input(insert("a", 1), insert("a", 2), insert("b", 5), insert("a", 3))
                .expectOutput(
                        insert("a", 1L, 1),
                        updateBefore("a", 1L, 1), updateAfter("a", 2L, 3),
                        insert("b", 1L, 5),
                        updateBefore("a", 2L, 3), updateAfter("a", 3L, 6));
    }

    @Test
    void retractionsUpdateAndTheLastOneDeletesTheGroup() {
        groupBy(BY_KEY, countStar(), of(AggregateKind.SUM, INTEGER), of(AggregateKind.AVG, INTEGER))
                .input(insert("a", 1), insert("a", 4), delete("a", 1), updateBefore("a", 4), updateAfter("a", 10),
                        delete("a", 10))
                .expectOutput(
                        insert("a", 1L, 1, 1),
                        updateBefore("a", 1L, 1, 1), updateAfter("a", 2L, 5, 2),
                        updateBefore("a", 2L, 5, 2), updateAfter("a", 1L, 4, 4),
                        delete("a", 1L, 4, 4),
                        insert("a", 1L, 10, 10),
                        delete("a", 1L, 10, 10));
    }

    @Test
    void minAndMaxFallBackToTheNextValueWhenTheBestIsRetracted() {
        groupBy(BY_KEY, of(AggregateKind.MIN, INTEGER), of(AggregateKind.MAX, INTEGER))
                .input(insert("a", 3), insert("a", 1), insert("a", 5), insert("a", 1), delete("a", 1), delete("a", 1),
                        delete("a", 5))
                .expectOutput(
                        insert("a", 3, 3),
                        updateBefore("a", 3, 3), updateAfter("a", 1, 3),
                        updateBefore("a", 1, 3), updateAfter("a", 1, 5),
                        // the second 1 and the first retraction of 1 change nothing
                        updateBefore("a", 1, 5), updateAfter("a", 3, 5),
                        updateBefore("a", 3, 5), updateAfter("a", 3, 3));
    }

    @Test
    void distinctCountsAValueUntilItsLastCopyIsRetracted() {
        AggregateSpec countDistinct = new AggregateSpec(AggregateKind.COUNT, 1, -1, true, INTEGER, BIGINT);
        groupBy(BY_KEY, countDistinct)
                .input(insert("a", 7), insert("a", 7), insert("a", 8), delete("a", 7), delete("a", 7))
                .expectOutput(
                        insert("a", 1L),
                        updateBefore("a", 1L), updateAfter("a", 2L),
                        updateBefore("a", 2L), updateAfter("a", 1L));
    }

    @Test
    void filtersAndNullsFollowSqlAndSumOfNoValuesIsNullAgain() {
        AggregateSpec sumIfFlag = new AggregateSpec(AggregateKind.SUM, 1, 2, false, INTEGER, INTEGER);
        groupBy(BY_KEY, countStar(), sumIfFlag)
                .input(insert("a", null, true), insert("a", 2, true), insert("a", 9, false), delete("a", 2, true))
                .expectOutput(
                        insert("a", 1L, null),
                        updateBefore("a", 1L, null), updateAfter("a", 2L, 2),
                        updateBefore("a", 2L, 2), updateAfter("a", 3L, 2),
                        updateBefore("a", 3L, 2), updateAfter("a", 2L, null));
    }

    @Test
    void withoutKeysThereIsOneGlobalGroup() {
        AggregateSpec sumDecimal = new AggregateSpec(AggregateKind.SUM, 1, -1, false, LogicalType.decimal(10, 2),
                LogicalType.decimal(38, 2));
        groupBy(new int[0], sumDecimal)
                .input(insert("a", new BigDecimal("1.50")), insert("b", new BigDecimal("2.25")))
                .expectOutput(insert(new BigDecimal("1.50")),
                        updateBefore(new BigDecimal("1.50")), updateAfter(new BigDecimal("3.75")));
    }

    @Test
    void aRetractionOfAnUnknownGroupIsIgnored() {
        groupBy(BY_KEY, countStar())
                .input(delete("x", 1), insert("a", 1))
                .expectOutput(insert("a", 1L));
    }
}
