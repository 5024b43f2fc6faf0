package io.sluice.executor.group;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
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
 * LISTAGG, FIRST_VALUE, LAST_VALUE and MIN/MAX over an updating input, with the values kept in map
 * state. Input rows are {@code [key, value, flag]}; output rows {@code [key, aggregates…]}. The
 * harness snapshots and restores between inputs, on the heap and the RocksDB backend.
 */
class GroupAggregateFunctionsTest {
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final LogicalType STRING = LogicalType.of(TypeRoot.VARCHAR);
    private static final int[] BY_KEY = {0};

    private static AggregateSpec of(AggregateKind kind, LogicalType type) {
        return new AggregateSpec(kind, 1, -1, false, type, type);
    }

    private static AggregateSpec listAgg(String separator) {
        return new AggregateSpec(AggregateKind.LISTAGG, 1, -1, false, STRING, STRING, separator);
    }

    private static OperatorHarness<GroupAggregateOperator> groupBy(AggregateSpec... aggregates) {
        return verifyOperator(() -> new GroupAggregateOperator(BY_KEY, List.of(aggregates), true));
    }

    private static OperatorHarness<GroupAggregateOperator> groupByOverInserts(AggregateSpec... aggregates) {
        return verifyOperator(() -> new GroupAggregateOperator(BY_KEY, List.of(aggregates), false));
    }

    @Test
    void listAggJoinsValuesInArrivalOrderAndARetractionTakesOutTheOldestCopy() {
        groupBy(listAgg(";"))
                .input(insert("a", "x"), insert("a", null), insert("a", "y"), insert("a", "x"), delete("a", "x"),
                        delete("a", "y"), delete("a", "x"), delete("a", null))
                .expectOutput(
                        insert("a", "x"),
                        // the null row changes nothing
                        updateBefore("a", "x"), updateAfter("a", "x;y"),
                        updateBefore("a", "x;y"), updateAfter("a", "x;y;x"),
                        updateBefore("a", "x;y;x"), updateAfter("a", "y;x"),
                        updateBefore("a", "y;x"), updateAfter("a", "x"),
                        // the null row is still in the group
                        updateBefore("a", "x"), updateAfter("a", (Object) null),
                        delete("a", (Object) null));
    }

    @Test
    void listAggOverInsertsUsesTheDefaultComma() {
        groupByOverInserts(new AggregateSpec(AggregateKind.LISTAGG, 1, -1, false, STRING, STRING))
                .input(insert("a", "x"), insert("b", "z"), insert("a", "y"))
                .expectOutput(insert("a", "x"), insert("b", "z"), updateBefore("a", "x"), updateAfter("a", "x,y"));
    }

    @Test
    void firstValueMovesToTheNextArrivalWhenTheFirstIsRetracted() {
        groupBy(of(AggregateKind.FIRST_VALUE, INTEGER))
                .input(insert("a", 3), insert("a", 5), insert("a", 7), delete("a", 7), delete("a", 3),
                        insert("a", 3), delete("a", 5))
                .beforeClose(operator -> assertThat(operator.entryCount()).as("one value left: two entries").isEqualTo(2))
                .expectOutput(
                        insert("a", 3),
                        updateBefore("a", 3), updateAfter("a", 5),
                        // 3 arrives again after 5: 5 stays first until it goes
                        updateBefore("a", 5), updateAfter("a", 3));
    }

    @Test
    void lastValueFallsBackToThePreviousArrivalWhenTheLastIsRetracted() {
        groupBy(of(AggregateKind.LAST_VALUE, INTEGER))
                .input(insert("a", 3), insert("a", 5), insert("a", 7), delete("a", 3), delete("a", 7),
                        delete("a", 5))
                .beforeClose(operator -> assertThat(operator.entryCount()).isZero())
                .expectOutput(
                        insert("a", 3),
                        updateBefore("a", 3), updateAfter("a", 5),
                        updateBefore("a", 5), updateAfter("a", 7),
                        updateBefore("a", 7), updateAfter("a", 5),
                        delete("a", 5));
    }

    @Test
    void aRetractedDuplicateTakesOutItsOldestCopy() {
        // 5 arrived first and third: retracting 5 takes out the first copy, so 3 becomes the first value
        // and the last value stays 5
        groupBy(of(AggregateKind.FIRST_VALUE, INTEGER), of(AggregateKind.LAST_VALUE, INTEGER))
                .input(insert("a", 5), insert("a", 3), insert("a", 5), updateBefore("a", 5))
                .expectOutput(
                        insert("a", 5, 5),
                        updateBefore("a", 5, 5), updateAfter("a", 5, 3),
                        updateBefore("a", 5, 3), updateAfter("a", 5, 5),
                        updateBefore("a", 5, 5), updateAfter("a", 3, 5));
    }

    @Test
    void firstAndLastValueOverInsertsIgnoreNulls() {
        groupByOverInserts(of(AggregateKind.FIRST_VALUE, INTEGER), of(AggregateKind.LAST_VALUE, INTEGER))
                .input(insert("a", null), insert("a", 1), insert("a", null), insert("a", 2))
                .expectOutput(insert("a", null, null),
                        updateBefore("a", null, null), updateAfter("a", 1, 1),
                        updateBefore("a", 1, 1), updateAfter("a", 1, 2));
    }

    @Test
    void maxFindsTheNextValueWhenTheCurrentMaxIsRetractedAndKeepsItWhileACopyIsLeft() {
        groupBy(of(AggregateKind.MAX, INTEGER), of(AggregateKind.MIN, INTEGER))
                .input(insert("a", 4), insert("a", 9), insert("a", 9), insert("a", 1), delete("a", 9),
                        delete("a", 9), delete("a", 1), delete("a", 4))
                .beforeClose(operator -> {
                    assertThat(operator.entryCount()).isZero();
                    assertThat(operator.groupCount()).isZero();
                })
                .expectOutput(
                        insert("a", 4, 4),
                        updateBefore("a", 4, 4), updateAfter("a", 9, 4),
                        // the second 9 and the retraction of the first change nothing
                        updateBefore("a", 9, 4), updateAfter("a", 9, 1),
                        updateBefore("a", 9, 1), updateAfter("a", 4, 1),
                        updateBefore("a", 4, 1), updateAfter("a", 4, 4),
                        delete("a", 4, 4));
    }

    @Test
    void minOfDecimalsKeepsTheScaleAfterARetraction() {
        LogicalType decimal = LogicalType.decimal(10, 2);
        groupBy(new AggregateSpec(AggregateKind.MIN, 1, -1, false, decimal, decimal))
                .input(insert("a", new BigDecimal("2.50")), insert("a", new BigDecimal("1.00")),
                        delete("a", new BigDecimal("1.00")))
                .expectOutput(insert("a", new BigDecimal("2.50")),
                        updateBefore("a", new BigDecimal("2.50")), updateAfter("a", new BigDecimal("1.00")),
                        updateBefore("a", new BigDecimal("1.00")), updateAfter("a", new BigDecimal("2.50")));
    }

    @Test
    void minAndMaxKeepOnlyTheCurrentValueInTheGroupAndOneEntryPerDistinctValue() {
        groupBy(of(AggregateKind.MAX, INTEGER))
                .input(insert("a", 1), insert("a", 2), insert("a", 2), insert("b", 3))
                .beforeClose(operator -> assertThat(operator.entryCount()).isEqualTo(3))
                .run();
    }

    @Test
    void countDistinctWithAFilterCountsEachMatchingValueUntilItsLastMatchingCopyGoes() {
        AggregateSpec countDistinctWhere = new AggregateSpec(AggregateKind.COUNT, 1, 2, true, INTEGER, BIGINT);
        groupBy(countDistinctWhere)
                .input(insert("a", 7, true), insert("a", 8, false), insert("a", 7, true), insert("a", 9, true),
                        delete("a", 7, true), delete("a", 7, true), delete("a", 8, false))
                .expectOutput(
                        insert("a", 1L),
                        updateBefore("a", 1L), updateAfter("a", 2L),
                        updateBefore("a", 2L), updateAfter("a", 1L));
    }

    @Test
    void anUpsertAggregateLeavesOutTheUpdateBefore() {
        verifyOperator(() -> new GroupAggregateOperator(BY_KEY, List.of(of(AggregateKind.MAX, INTEGER)), true,
                GroupAggregateOperator.Options.DEFAULT.withUpsert(true)))
                .input(insert("a", 1), insert("a", 2), delete("a", 2), delete("a", 1))
                .expectOutput(insert("a", 1), updateAfter("a", 2), updateAfter("a", 1), delete("a", 1));
    }
}
