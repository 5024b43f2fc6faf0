package io.sluice.executor.group;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.state.StateTtl;
import io.sluice.executor.testing.OperatorHarness;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code table.exec.state.ttl} in the group aggregate, with an injected clock. Input rows are
 * {@code [key, value, processing time]}: the test's clock is set to a row's time before the row
 * reaches the operator, so every run of the harness (also those restored between inputs) sees the
 * same times. Output rows are {@code [key, COUNT(*), MAX(value)]}.
 */
class GroupAggregateStateTtlTest {
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final List<AggregateSpec> COUNT_AND_MAX = List.of(
            new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT),
            new AggregateSpec(AggregateKind.MAX, 1, -1, false, INTEGER, INTEGER));

    private static OperatorHarness<ClockedByRow> groupByWithTtl(long ttlMillis) {
        return verifyOperator(() -> {
            AtomicLong clock = new AtomicLong();
            StateTtl ttl = StateTtl.of(Duration.ofMillis(ttlMillis)).withClock(clock::get);
            return new ClockedByRow(clock, new GroupAggregateOperator(new int[] {0}, COUNT_AND_MAX, true,
                    GroupAggregateOperator.Options.DEFAULT.withTtl(ttl)));
        });
    }

    @Test
    void aGroupNotUpdatedForTheTtlStartsAgainWithAnInsertAndARetractionForItIsIgnored() {
        groupByWithTtl(10)
                .input(insert("a", 1, 0L), insert("a", 5, 9L),
                        // 9 + 10 > 18: still there
                        insert("a", 2, 18L),
                        // not written since 18: gone at 28
                        insert("a", 3, 28L),
                        delete("a", 3, 40L), insert("b", 1, 40L))
                .expectOutput(
                        insert("a", 1L, 1),
                        updateBefore("a", 1L, 1), updateAfter("a", 2L, 5),
                        updateBefore("a", 2L, 5), updateAfter("a", 3L, 5),
                        insert("a", 1L, 3),
                        insert("b", 1L, 1));
    }

    @Test
    void expiredGroupsOfKeysThatNeverComeAgainAreSweptWithTheirValues() {
        List<OperatorHarness.Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(insert("k" + i, i, (long) i));
        }
        groupByWithTtl(10)
                .input(rows)
                .beforeClose(wrapper -> {
                    // a sweep per TTL keeps at most two TTLs' worth of groups
                    assertThat(wrapper.operator.groupCount()).isBetween(1, 20);
                    assertThat(wrapper.operator.entryCount()).isEqualTo(wrapper.operator.groupCount());
                })
                .run();
    }

    @Test
    void withoutTtlEveryGroupStays() {
        verifyOperator(() -> new GroupAggregateOperator(new int[] {0}, COUNT_AND_MAX, true))
                .input(insert("a", 1, 0L), insert("b", 1, Long.MAX_VALUE / 2), insert("a", 2, Long.MAX_VALUE / 2))
                .beforeClose(operator -> assertThat(operator.groupCount()).isEqualTo(2))
                .expectOutput(insert("a", 1L, 1), insert("b", 1L, 1),
                        updateBefore("a", 1L, 1), updateAfter("a", 2L, 2));
    }

    /** Sets the clock to the row's time (its last field), then passes the row on. */
    static final class ClockedByRow implements StreamOperator {
        private final AtomicLong clock;
        final GroupAggregateOperator operator;

        ClockedByRow(AtomicLong clock, GroupAggregateOperator operator) {
            this.clock = clock;
            this.operator = operator;
        }

        @Override
        public void open(OperatorContext context, Output output) throws Exception {
            operator.open(context, output);
        }

        @Override
        public void processElement(int input, RowKind kind, Object[] row) throws Exception {
            clock.set((Long) row[row.length - 1]);
            operator.processElement(input, kind, row);
        }

        @Override
        public byte[] snapshotState(long checkpointId) throws Exception {
            return operator.snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            operator.close();
        }

        @Override
        public Output output() {
            return operator.output();
        }
    }
}
