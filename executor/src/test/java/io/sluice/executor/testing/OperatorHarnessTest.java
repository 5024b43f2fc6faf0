package io.sluice.executor.testing;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.CalcOperator;
import io.sluice.executor.operators.PassThroughOperator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorHarnessTest {

    @Test
    void shouldCollectRowsAndWatermarksInEmitOrder() {
        verifyOperator(PassThroughOperator::new)
                .input(insert("a", 1), watermark(5), updateBefore("a", 1), updateAfter("a", 2), delete("a", 2))
                .expectOutput(insert("a", 1), watermark(5), updateBefore("a", 1), updateAfter("a", 2), delete("a", 2));
    }

    @Test
    void shouldKeepRowKindsThroughCalc() {
        verifyOperator(() -> new CalcOperator(row -> (Integer) row[1] > 1 ? new Object[] {row[0]} : null))
                .input(insert("a", 1), insert("b", 2), delete("c", 3), watermark(7))
                .expectOutput(insert("b"), delete("c"), watermark(7));
    }

    @Test
    void shouldFailWhenOutputDiffers() {
        assertThatThrownBy(() -> verifyOperator(PassThroughOperator::new)
                .input(insert("a", 1L))
                .expectOutput(insert("a", 1)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void shouldFailWhenOperatorModifiesItsInput() {
        assertThatThrownBy(() -> verifyOperator(() -> new CalcOperator(row -> {
            row[0] = "changed";
            return row;
        })).input(insert("a")).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("must not modify their input");
    }

    @Test
    void shouldFailWhenOperatorModifiesAnEmittedRow() {
        class ReusingOperator extends AbstractOperator {
            private final Object[] reused = new Object[1];

            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                reused[0] = row[0];
                output.emit(kind, reused);
            }
        }
        assertThatThrownBy(() -> verifyOperator(ReusingOperator::new).input(insert("a"), insert("b")).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("must not be modified once emitted");
    }

    @Test
    void shouldFailWhenWatermarkGoesBack() {
        assertThatThrownBy(() -> verifyOperator(PassThroughOperator::new).input(watermark(5), watermark(4)).run())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void shouldFinishAndCloseTheOperatorAfterTheScript() {
        List<String> calls = new ArrayList<>();
        class LifecycleOperator extends AbstractOperator {
            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                calls.add("row " + input);
            }

            @Override
            public void finish() {
                calls.add("finish");
                output.emit(RowKind.INSERT, new Object[] {"last"});
            }

            @Override
            public void close() {
                calls.add("close");
            }
        }
        verifyOperator(LifecycleOperator::new)
                .input(insert("a"), OperatorHarness.onInput(1, insert("b")))
                .expectOutput(insert("last"));
        List<String> plain = List.of("row 0", "row 1", "finish", "close");
        // restored runs: each input is followed by a snapshot, closing the instance for a fresh one
        List<String> restored = List.of("row 0", "close", "row 1", "close", "finish", "close");
        List<String> expected = new ArrayList<>(plain);
        expected.addAll(restored);
        expected.addAll(restored);
        assertThat(calls).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldCloseTheOperatorWhenItFails() {
        List<String> calls = new ArrayList<>();
        class FailingOperator extends AbstractOperator {
            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        }
        assertThatThrownBy(() -> verifyOperator(FailingOperator::new).input(insert("a")).run())
                .isInstanceOf(AssertionError.class)
                .hasRootCauseMessage("boom");
        assertThat(calls).containsExactly("close");
    }

    @Test
    void shouldTellTheOperatorItsSubtask() {
        class SubtaskOperator extends AbstractOperator {
            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                output.emit(kind, new Object[] {context.subtaskIndex(), context.parallelism()});
            }
        }
        verifyOperator(SubtaskOperator::new).subtask(2, 4).input(insert("a")).expectOutput(insert(2, 4));
    }
}
