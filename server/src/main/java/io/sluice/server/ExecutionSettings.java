package io.sluice.server;

import io.sluice.executor.checkpoint.CheckpointConfig;
import io.sluice.planner.PlannerConfig;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.RestartStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Flink's configuration keys for checkpoints and restarts from the session settings:
 * {@code state.dir}, {@code execution.checkpointing.interval}, {@code state.checkpoints.num-retained},
 * {@code state.backend} (or {@code state.backend.type}), {@code restart-strategy.*},
 * {@code execution.savepoint.path} (the savepoint or checkpoint a job starts from),
 * {@code state.savepoints.dir} (where STOP JOB … WITH SAVEPOINT writes; default
 * {@code <job dir>/savepoints}).
 *
 * <p>With a state directory and no interval, checkpoints are taken every 5 s: resuming is the point
 * of giving a state directory. Without checkpoints no restart is attempted, as in Flink.
 */
record ExecutionSettings(Optional<Path> stateDir, Duration interval, int retained, String backend,
        RestartStrategy restartStrategy, Optional<Path> savepointPath, Optional<Path> savepointsDir) {
    static final Duration DEFAULT_INTERVAL_WITH_STATE_DIR = Duration.ofSeconds(5);

    static ExecutionSettings from(Map<String, String> settings) {
        Optional<Path> stateDir = Optional.ofNullable(settings.get("state.dir")).map(Path::of);
        Duration interval = PlannerConfig.duration(settings, "execution.checkpointing.interval",
                stateDir.isPresent() ? DEFAULT_INTERVAL_WITH_STATE_DIR : Duration.ZERO);
        int retained = integer(settings, "state.checkpoints.num-retained", 3);
        String backend = settings.getOrDefault("state.backend",
                settings.getOrDefault("state.backend.type", "hashmap")).toLowerCase(Locale.ROOT);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new SluiceException(ErrorCode.OPTION_ERROR,
                    "'state.backend' must be 'hashmap' or 'rocksdb', but is '" + backend + "'");
        }
        Optional<Path> savepoint = Optional.ofNullable(settings.get("execution.savepoint.path")).map(Path::of);
        Optional<Path> savepointsDir = Optional.ofNullable(settings.get("state.savepoints.dir")).map(Path::of);
        return new ExecutionSettings(stateDir, interval, retained, backend, restartStrategy(settings, interval), savepoint,
                savepointsDir);
    }

    private static RestartStrategy restartStrategy(Map<String, String> settings, Duration interval) {
        String type = settings.getOrDefault("restart-strategy.type", settings.get("restart-strategy"));
        if (type == null) {
            return interval.isZero() ? RestartStrategy.none()
                    : RestartStrategy.fixedDelay(Integer.MAX_VALUE, Duration.ofSeconds(1));
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "none", "off", "disable" -> RestartStrategy.none();
            case "fixed-delay", "fixeddelay" -> RestartStrategy.fixedDelay(
                    integer(settings, "restart-strategy.fixed-delay.attempts", Integer.MAX_VALUE),
                    PlannerConfig.duration(settings, "restart-strategy.fixed-delay.delay", Duration.ofSeconds(1)));
            case "exponential-delay" -> RestartStrategy.exponentialDelay(
                    PlannerConfig.duration(settings, "restart-strategy.exponential-delay.initial-backoff", Duration.ofSeconds(1)),
                    PlannerConfig.duration(settings, "restart-strategy.exponential-delay.max-backoff", Duration.ofMinutes(1)),
                    decimal(settings, "restart-strategy.exponential-delay.backoff-multiplier", 2.0));
            default -> throw new SluiceException(ErrorCode.OPTION_ERROR, "'restart-strategy.type' must be 'none', "
                    + "'fixed-delay' or 'exponential-delay', but is '" + type + "'");
        };
    }

    CheckpointConfig checkpointConfig(Path jobDirectory) {
        // without checkpoints the backend still matters: RocksDB holds state larger than memory
        return interval.isZero() ? new CheckpointConfig(Duration.ZERO, Optional.empty(), retained, backend)
                : new CheckpointConfig(interval, Optional.of(jobDirectory), retained, backend, savepointsDir);
    }

    private static int integer(Map<String, String> settings, String key, int defaultValue) {
        String value = settings.get(key);
        try {
            int parsed = value == null ? defaultValue : Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + key + "' must be a positive integer, but is '"
                    + value + "'");
        }
    }

    private static double decimal(Map<String, String> settings, String key, double defaultValue) {
        String value = settings.get(key);
        try {
            return value == null ? defaultValue : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + key + "' must be a number, but is '" + value + "'");
        }
    }
}
