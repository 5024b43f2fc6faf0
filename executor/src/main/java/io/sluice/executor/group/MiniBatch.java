package io.sluice.executor.group;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Flink's mini-batch for the group aggregate ({@code table.exec.mini-batch.*}): input rows are
 * buffered per key and applied together, so a key's state is read and written once per batch and
 * the key emits one change per batch instead of one per row. A batch ends after {@code size} rows
 * or once {@code allowLatency} has passed since its first row, by the clock (milliseconds),
 * which is injectable for tests.
 */
public record MiniBatch(boolean enabled, long size, Duration allowLatency, LongSupplier clock) {
    public static final MiniBatch DISABLED = new MiniBatch(false, 0, Duration.ZERO, System::currentTimeMillis);

    public MiniBatch {
        Objects.requireNonNull(allowLatency, "allowLatency is null");
        Objects.requireNonNull(clock, "clock is null");
        if (enabled && (size <= 0 || allowLatency.isNegative() || allowLatency.isZero())) {
            throw new IllegalArgumentException("mini-batch needs a size and a latency above zero, got size " + size
                    + " and latency " + allowLatency);
        }
    }

    public static MiniBatch of(long size, Duration allowLatency) {
        return new MiniBatch(true, size, allowLatency, System::currentTimeMillis);
    }

    /** The same batching timed by {@code clock} (milliseconds), for tests. */
    public MiniBatch withClock(LongSupplier clock) {
        return new MiniBatch(enabled, size, allowLatency, clock);
    }

    @Override
    public String toString() {
        return enabled ? "size=" + size + ", latency=" + allowLatency.toMillis() + " ms" : "disabled";
    }
}
