package io.sluice.executor.rank;

import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input rows are {@code [key, time, value]}; snapshots and restores between inputs, both backends. */
class DeduplicateOperatorTest {
    private static final int[] BY_KEY = {0};

    @Test
    void theLastRowReplacesTheKeptOneAndAnOutOfOrderOneIsIgnored() {
        verifyOperator(() -> new LastRowDeduplicateOperator(BY_KEY, 1, false))
                .input(insert("a", 10L, "x"), insert("b", 5L, "y"), insert("a", 20L, "z"),
                        // earlier than the kept 20: ignored
                        insert("a", 15L, "late"),
                        // the same time: the later arrival wins
                        insert("a", 20L, "w"), watermark(30))
                .expectOutput(
                        insert("a", 10L, "x"), insert("b", 5L, "y"),
                        updateBefore("a", 10L, "x"), updateAfter("a", 20L, "z"),
                        updateBefore("a", 20L, "z"), updateAfter("a", 20L, "w"),
                        watermark(30));
    }

    @Test
    void theLastRowWithItsRankNumber() {
        verifyOperator(() -> new LastRowDeduplicateOperator(BY_KEY, 1, true))
                .input(insert("a", 10L, "x"), insert("a", 11L, "z"))
                .expectOutput(insert("a", 10L, "x", 1L), updateBefore("a", 10L, "x", 1L), updateAfter("a", 11L, "z", 1L));
    }

    @Test
    void theFirstRowIsEmittedOnceTheWatermarkPassesItAndEarlierOutOfOrderRowsWin() {
        verifyOperator(() -> new FirstRowDeduplicateOperator(BY_KEY, 1, false))
                .input(insert("a", 10L, "x"), insert("b", 12L, "y"),
                        // earlier than the candidate: replaces it
                        insert("a", 7L, "earlier"),
                        // the same time as the candidate: the first arrival stays
                        insert("a", 7L, "tie"),
                        watermark(8),
                        // a is done: ignored
                        insert("a", 9L, "after"),
                        // at or before the watermark, for a key not done: late
                        insert("c", 8L, "late"),
                        watermark(20), insert("b", 30L, "again"), watermark(40))
                .expectOutput(
                        insert("a", 7L, "earlier"), watermark(8),
                        insert("b", 12L, "y"), watermark(20),
                        watermark(40))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void theFirstRowWithItsRankNumberAndNullTimesAreDropped() {
        verifyOperator(() -> new FirstRowDeduplicateOperator(BY_KEY, 1, true))
                .input(insert("a", null, "no time"), insert("a", 3L, "x"), watermark(Long.MAX_VALUE))
                .expectOutput(insert("a", 3L, "x", 1L), watermark(Long.MAX_VALUE))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }
}
