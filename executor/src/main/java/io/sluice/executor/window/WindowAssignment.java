package io.sluice.executor.window;

import java.util.Objects;

/**
 * How a window aggregate finds the windows of a row.
 *
 * <ul>
 *   <li>{@link ByTime}: from the row's event time, by a window spec — the aggregate sits on a window
 *       table function (TUMBLE, HOP, CUMULATE), and one row may fall into several windows.</li>
 *   <li>{@link Attached}: the row already names its one window in its window_start and window_end
 *       columns — it comes from an upstream window operator, such as another window aggregate, which
 *       emitted it before the watermark passed its window. GROUP BY window_start, window_end over a
 *       window aggregate's result is such an aggregate, as in Flink SQL.</li>
 * </ul>
 */
public sealed interface WindowAssignment {

    /** Windows computed from the time column. */
    record ByTime(WindowSpec spec, int timeField) implements WindowAssignment {
        public ByTime {
            Objects.requireNonNull(spec, "spec is null");
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }

    /**
     * Windows read from the row. The start is part of the grouping key, since windows of different
     * starts may end together (CUMULATE, sessions of different upstream keys).
     */
    record Attached(int startField, int endField) implements WindowAssignment {
        @Override
        public String toString() {
            return "WINDOWED INPUT";
        }
    }
}
