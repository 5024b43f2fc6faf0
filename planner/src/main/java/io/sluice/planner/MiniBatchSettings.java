package io.sluice.planner;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.group.MiniBatch;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Flink's {@code table.exec.mini-batch.*} settings as set. Whether they fit together is checked
 * only when a query uses them ({@link #toMiniBatch}), as Flink does, so that {@code SET} statements
 * can come in any order.
 */
public record MiniBatchSettings(boolean enabled, Duration allowLatency, long size) {
    static final String ENABLED = "table.exec.mini-batch.enabled";
    static final String ALLOW_LATENCY = "table.exec.mini-batch.allow-latency";
    static final String SIZE = "table.exec.mini-batch.size";

    public MiniBatchSettings {
        Objects.requireNonNull(allowLatency, "allowLatency is null");
    }

    static MiniBatchSettings from(Map<String, String> settings) {
        return new MiniBatchSettings(bool(settings, ENABLED),
                PlannerConfig.duration(settings, ALLOW_LATENCY, Duration.ZERO), size(settings));
    }

    /** The mini-batch a group aggregate runs with; a clear error when enabled without a latency or a size. */
    public MiniBatch toMiniBatch() {
        if (!enabled) {
            return MiniBatch.DISABLED;
        }
        if (allowLatency.isZero() || allowLatency.isNegative()) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + ALLOW_LATENCY + "' must be greater than 0 when '"
                    + ENABLED + "' is true, such as '1 s'");
        }
        if (size <= 0) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + SIZE + "' must be greater than 0 when '"
                    + ENABLED + "' is true, such as '1000'");
        }
        return MiniBatch.of(size, allowLatency);
    }

    private static boolean bool(Map<String, String> settings, String key) {
        String value = settings.getOrDefault(key, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + key + "' must be true or false, but is '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static long size(Map<String, String> settings) {
        String value = settings.get(SIZE);
        if (value == null) {
            return -1; // Flink's default: unset
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + SIZE + "' must be a number of rows, but is '"
                    + value + "'");
        }
    }
}
