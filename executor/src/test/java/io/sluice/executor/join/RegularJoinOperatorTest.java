package io.sluice.executor.join;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.onInput;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;

import io.sluice.executor.function.RowExpression;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.testing.OperatorHarness.Input;
import io.sluice.executor.testing.OperatorHarness.Row;
import org.junit.jupiter.api.Test;

/**
 * Left rows are {@code [key, value]}, right rows {@code [key, value]}, joined on the key; output
 * rows {@code [left key, left value, right key, right value]}. The harness also snapshots and
 * restores the operator between inputs, on the heap and the RocksDB backend.
 */
class RegularJoinOperatorTest {

    private static OperatorHarness<RegularJoinOperator> join(JoinType type) {
        return join(type, null);
    }

    private static OperatorHarness<RegularJoinOperator> join(JoinType type, RowExpression residual) {
        return verifyOperator(() -> new RegularJoinOperator(type, new int[] {0}, new int[] {0}, 2, 2, residual));
    }

    private static Input right(Row row) {
        return onInput(1, row);
    }

    @Test
    void innerJoinEmitsEachMatchOnceFromWhicheverSideArrivesSecond() {
        join(JoinType.INNER)
                .input(insert("a", 1), right(insert("a", 10)), right(insert("b", 20)), insert("a", 2), insert("c", 3),
                        watermark(5))
                .expectOutput(insert("a", 1, "a", 10), insert("a", 2, "a", 10), watermark(5));
    }

    @Test
    void duplicatesOnASideJoinOncePerCopyAndAreRetractedOneAtATime() {
        join(JoinType.INNER)
                .input(insert("a", 1), insert("a", 1), right(insert("a", 10)), right(insert("a", 10)),
                        delete("a", 1), right(delete("a", 10)), right(delete("a", 10)), right(insert("a", 11)))
                .expectOutput(
                        insert("a", 1, "a", 10), insert("a", 1, "a", 10),
                        insert("a", 1, "a", 10), insert("a", 1, "a", 10),
                        // one left copy goes: it was joined with both right copies
                        delete("a", 1, "a", 10), delete("a", 1, "a", 10),
                        // then the right copies go, each joined with the one left copy
                        delete("a", 1, "a", 10),
                        delete("a", 1, "a", 10),
                        insert("a", 1, "a", 11));
    }

    @Test
    void updatesOfAnInputAreJoinedAsRetractionAndAddition() {
        join(JoinType.INNER)
                .input(right(insert("a", 10)), insert("a", 1), updateBefore("a", 1), updateAfter("a", 2),
                        right(updateBefore("a", 10)), right(updateAfter("a", 11)))
                .expectOutput(insert("a", 1, "a", 10),
                        updateBefore("a", 1, "a", 10), updateAfter("a", 2, "a", 10),
                        updateBefore("a", 2, "a", 10), updateAfter("a", 2, "a", 11));
    }

    @Test
    void aRetractionOfARowNeverSeenChangesNothing() {
        join(JoinType.LEFT)
                .input(right(insert("a", 10)), delete("a", 1), right(delete("b", 5)), insert("a", 2))
                .expectOutput(insert("a", 2, "a", 10));
    }

    @Test
    void leftJoinPadsUntilTheFirstMatchAndPadsAgainWhenTheLastMatchGoes() {
        join(JoinType.LEFT)
                .input(insert("a", 1), right(insert("a", 10)), right(insert("a", 11)), right(delete("a", 10)),
                        right(delete("a", 11)), right(insert("b", 7)), delete("a", 1))
                .expectOutput(
                        insert("a", 1, null, null),
                        delete("a", 1, null, null), insert("a", 1, "a", 10),
                        insert("a", 1, "a", 11),
                        delete("a", 1, "a", 10),
                        delete("a", 1, "a", 11), insert("a", 1, null, null),
                        delete("a", 1, null, null));
    }

    @Test
    void rightJoinPadsTheRightRowsWithoutMatch() {
        join(JoinType.RIGHT)
                .input(right(insert("a", 10)), insert("a", 1), insert("b", 2), delete("a", 1), right(delete("a", 10)))
                .expectOutput(
                        insert(null, null, "a", 10),
                        delete(null, null, "a", 10), insert("a", 1, "a", 10),
                        delete("a", 1, "a", 10), insert(null, null, "a", 10),
                        delete(null, null, "a", 10));
    }

    @Test
    void fullJoinPadsBothSidesAndEachPaddedCopyOfADuplicateIsRetracted() {
        join(JoinType.FULL)
                .input(insert("a", 1), insert("a", 1), right(insert("b", 5)), right(insert("a", 10)), delete("a", 1),
                        delete("a", 1))
                .expectOutput(
                        insert("a", 1, null, null), insert("a", 1, null, null),
                        insert(null, null, "b", 5),
                        delete("a", 1, null, null), delete("a", 1, null, null),
                        insert("a", 1, "a", 10), insert("a", 1, "a", 10),
                        delete("a", 1, "a", 10),
                        delete("a", 1, "a", 10), insert(null, null, "a", 10));
    }

    @Test
    void theResidualConditionDecidesWhatMatchesAlsoForPadding() {
        RowExpression leftBelowRight = row -> (Integer) row[1] < (Integer) row[3];
        join(JoinType.LEFT, leftBelowRight)
                .input(insert("a", 5), right(insert("a", 3)), right(insert("a", 8)), insert("a", 9),
                        right(delete("a", 8)))
                .expectOutput(
                        insert("a", 5, null, null),
                        delete("a", 5, null, null), insert("a", 5, "a", 8),
                        insert("a", 9, null, null),
                        delete("a", 5, "a", 8), insert("a", 5, null, null));
    }

    @Test
    void nullKeysNeverMatchButOuterRowsAreStillPadded() {
        join(JoinType.FULL)
                .input(insert(null, 1), right(insert(null, 2)), delete(null, 1))
                .expectOutput(insert(null, 1, null, null), insert(null, null, null, 2), delete(null, 1, null, null));
    }
}
