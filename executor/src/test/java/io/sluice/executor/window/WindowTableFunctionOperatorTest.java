package io.sluice.executor.window;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;

import org.junit.jupiter.api.Test;

class WindowTableFunctionOperatorTest {

    @Test
    void shouldEmitRowOncePerWindowWithWindowColumnsAppended() {
        verifyOperator(() -> new WindowTableFunctionOperator(WindowSpec.hop(5, 10, 0), 1))
                .input(insert("a", 7L), watermark(7), delete("b", 10L))
                .expectOutput(
                        insert("a", 7L, 0L, 10L, 9L),
                        insert("a", 7L, 5L, 15L, 14L),
                        watermark(7),
                        delete("b", 10L, 5L, 15L, 14L),
                        delete("b", 10L, 10L, 20L, 19L));
    }

    @Test
    void shouldDropRowWithoutEventTime() {
        verifyOperator(() -> new WindowTableFunctionOperator(WindowSpec.tumble(10, 0), 1))
                .input(insert("a", null), insert("b", 3L))
                .expectOutput(insert("b", 3L, 0L, 10L, 9L));
    }
}
