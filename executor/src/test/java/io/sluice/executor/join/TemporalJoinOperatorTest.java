package io.sluice.executor.join;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.onInput;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.function.RowExpression;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.testing.OperatorHarness.Input;
import io.sluice.executor.testing.OperatorHarness.Row;
import org.junit.jupiter.api.Test;

/**
 * Left rows (probes) are {@code [currency, time]}, right rows (versions) {@code [currency, time, rate]},
 * joined on the currency. Output rows {@code [currency, time, currency, version time, rate]}.
 */
class TemporalJoinOperatorTest {

    private static OperatorHarness<TemporalJoinOperator> join(JoinType type) {
        return join(type, null);
    }

    private static OperatorHarness<TemporalJoinOperator> join(JoinType type, RowExpression residual) {
        return verifyOperator(() -> new TemporalJoinOperator(type, new int[] {0}, new int[] {0}, 2, 3, 1, 1, residual));
    }

    private static Input version(Row row) {
        return onInput(1, row);
    }

    @Test
    void eachProbeGetsTheVersionValidAtItsTimeWhetherTheVersionCameBeforeOrAfterIt() {
        join(JoinType.INNER)
                .input(version(insert("EUR", 10L, 114L)), insert("EUR", 15L), insert("EUR", 25L),
                        version(insert("EUR", 20L, 116L)), insert("EUR", 20L), watermark(30))
                .expectOutput(insert("EUR", 15L, "EUR", 10L, 114L), insert("EUR", 20L, "EUR", 20L, 116L),
                        insert("EUR", 25L, "EUR", 20L, 116L), watermark(30));
    }

    @Test
    void probesWaitForTheWatermarkAndComeOutInTimeOrderPerKey() {
        join(JoinType.INNER)
                .input(insert("EUR", 18L), insert("EUR", 12L), version(insert("EUR", 10L, 114L)), watermark(13),
                        version(insert("EUR", 15L, 115L)), insert("EUR", 14L), watermark(20))
                .expectOutput(insert("EUR", 12L, "EUR", 10L, 114L), watermark(13),
                        insert("EUR", 14L, "EUR", 10L, 114L), insert("EUR", 18L, "EUR", 15L, 115L), watermark(20));
    }

    @Test
    void anInnerJoinDropsProbesWithoutVersionAndALeftJoinPadsThem() {
        join(JoinType.INNER)
                .input(insert("EUR", 5L), version(insert("EUR", 10L, 114L)), insert("USD", 12L), watermark(20))
                .expectOutput(watermark(20));
        join(JoinType.LEFT)
                .input(insert("EUR", 5L), version(insert("EUR", 10L, 114L)), insert("EUR", 11L), insert("USD", 12L),
                        insert(null, 13L), watermark(20))
                .expectOutput(insert(null, 13L, null, null, null), insert("EUR", 5L, null, null, null),
                        insert("EUR", 11L, "EUR", 10L, 114L), insert("USD", 12L, null, null, null), watermark(20));
    }

    @Test
    void aResidualConditionThatFailsLeavesTheProbeUnmatched() {
        RowExpression rateAbove115 = row -> (Long) row[4] > 115L;
        join(JoinType.LEFT, rateAbove115)
                .input(version(insert("EUR", 10L, 114L)), version(insert("EUR", 20L, 116L)), insert("EUR", 15L),
                        insert("EUR", 25L), watermark(30))
                // the version at 15 is 114: the residual does not pick an older or newer one
                .expectOutput(insert("EUR", 15L, null, null, null), insert("EUR", 25L, "EUR", 20L, 116L),
                        watermark(30));
    }

    @Test
    void aDeletedVersionIsNotValidAfterItsDeletionAndUpdateBeforeIsIgnored() {
        join(JoinType.LEFT)
                .input(version(insert("EUR", 10L, 114L)), version(delete("EUR", 20L, 114L)), insert("EUR", 15L),
                        insert("EUR", 25L), version(updateBefore("EUR", 10L, 114L)),
                        version(updateAfter("EUR", 30L, 118L)), insert("EUR", 35L), watermark(40))
                .expectOutput(insert("EUR", 15L, "EUR", 10L, 114L), insert("EUR", 25L, null, null, null),
                        insert("EUR", 35L, "EUR", 30L, 118L), watermark(40));
    }

    @Test
    void aLateProbeIsDroppedAndCountedButALateVersionStillCounts() {
        join(JoinType.INNER)
                .input(version(insert("EUR", 10L, 114L)), watermark(20), insert("EUR", 19L),
                        version(insert("EUR", 18L, 115L)), insert("EUR", 21L), watermark(30))
                .expectOutput(watermark(20), insert("EUR", 21L, "EUR", 18L, 115L), watermark(30))
                .metrics(m -> assertThat(m.lateRowsDropped().sum()).isEqualTo(1));
    }

    @Test
    void afterTheWatermarkOnlyTheLatestVersionAtOrBeforeItAndLaterOnesAreKept() {
        join(JoinType.INNER)
                .input(version(insert("EUR", 10L, 114L)), version(insert("EUR", 20L, 115L)),
                        version(insert("EUR", 40L, 116L)), insert("EUR", 25L), insert("EUR", 45L),
                        version(insert("USD", 5L, 100L)), version(delete("USD", 8L, 100L)), watermark(30))
                .beforeClose(operator -> {
                    // EUR 20 (still valid after 30) and EUR 40, the probe at 45, and USD's deletion
                    assertThat(operator.bufferedEntries()).isEqualTo(4);
                })
                .expectOutput(insert("EUR", 25L, "EUR", 20L, 115L), watermark(30));
    }

    @Test
    void aVersionArrivingLateBehindADeletionStaysDeleted() {
        join(JoinType.LEFT)
                .input(version(insert("USD", 5L, 100L)), version(delete("USD", 8L, 100L)), watermark(30),
                        version(insert("USD", 6L, 101L)), insert("USD", 31L), watermark(40))
                .expectOutput(watermark(30), insert("USD", 31L, null, null, null), watermark(40));
    }
}
