package io.sluice.planner;

import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The session settings planning depends on, read from Flink's configuration keys.
 *
 * @param parallelism {@code parallelism.default}: tasks per operator, default the number of cores
 * @param timeZone {@code table.local-time-zone}
 * @param watermarkInterval {@code pipeline.auto-watermark-interval}, default 200 ms
 * @param idleTimeout {@code table.exec.source.idle-timeout}, default 0 (disabled)
 * @param stateTtl {@code table.exec.state.ttl}: how long a group aggregate keeps a group that is
 *     not updated, by processing time; default 0 (forever)
 * @param miniBatch {@code table.exec.mini-batch.*}: whether and how the group aggregate batches its input
 * @param reuse {@code table.optimizer.reuse-*}: whether identical sub-plans and scans run once
 */
public record PlannerConfig(int parallelism, ZoneId timeZone, Duration watermarkInterval, Duration idleTimeout,
        Duration stateTtl, MiniBatchSettings miniBatch, SubPlanReuse reuse) {
    public PlannerConfig {
        Objects.requireNonNull(timeZone, "timeZone is null");
        Objects.requireNonNull(watermarkInterval, "watermarkInterval is null");
        Objects.requireNonNull(idleTimeout, "idleTimeout is null");
        Objects.requireNonNull(stateTtl, "stateTtl is null");
        Objects.requireNonNull(miniBatch, "miniBatch is null");
        Objects.requireNonNull(reuse, "reuse is null");
    }

    public static PlannerConfig from(Map<String, String> settings) {
        int parallelism = Runtime.getRuntime().availableProcessors();
        String p = settings.get("parallelism.default");
        if (p != null) {
            try {
                parallelism = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                parallelism = -1;
            }
            if (parallelism < 1 || parallelism > io.sluice.executor.data.KeyGroups.MAX_PARALLELISM) {
                throw new SluiceException(ErrorCode.OPTION_ERROR, "'parallelism.default' must be an integer from 1 to "
                        + io.sluice.executor.data.KeyGroups.MAX_PARALLELISM + ", but is '" + p + "'");
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        String z = settings.get("table.local-time-zone");
        if (z != null && !z.equalsIgnoreCase("default")) {
            try {
                zone = ZoneId.of(z);
            } catch (RuntimeException e) {
                throw new SluiceException(ErrorCode.OPTION_ERROR, "'table.local-time-zone' is not a time zone: '" + z + "'");
            }
        }
        return new PlannerConfig(parallelism, zone,
                duration(settings, "pipeline.auto-watermark-interval", Duration.ofMillis(200)),
                duration(settings, "table.exec.source.idle-timeout", Duration.ZERO),
                duration(settings, "table.exec.state.ttl", Duration.ZERO),
                MiniBatchSettings.from(settings), SubPlanReuse.from(settings));
    }

    /** A duration setting in Flink's syntax, or the default when unset; a bad value names the key. */
    public static Duration duration(Map<String, String> settings, String key, Duration defaultValue) {
        String value = settings.get(key);
        if (value == null) {
            return defaultValue;
        }
        return ConnectorOptions.parseDuration(value).orElseThrow(() -> new SluiceException(ErrorCode.OPTION_ERROR,
                "'" + key + "' must be a duration such as '200 ms' or '5 s', but is '" + value + "'"));
    }
}
