package io.sluice.executor.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed job is started again from its latest checkpoint, as Flink's
 * {@code restart-strategy.type}: {@code none}, {@code fixed-delay} (a number of attempts with a fixed
 * pause) or {@code exponential-delay} (pauses growing by a factor up to a maximum).
 */
public record RestartStrategy(Type type, int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

    public enum Type { NONE, FIXED_DELAY, EXPONENTIAL_DELAY }

    public RestartStrategy {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(initialDelay, "initialDelay is null");
        Objects.requireNonNull(maxDelay, "maxDelay is null");
    }

    public static RestartStrategy none() {
        return new RestartStrategy(Type.NONE, 0, Duration.ZERO, Duration.ZERO, 1);
    }

    public static RestartStrategy fixedDelay(int attempts, Duration delay) {
        return new RestartStrategy(Type.FIXED_DELAY, attempts, delay, delay, 1);
    }

    public static RestartStrategy exponentialDelay(Duration initial, Duration max, double multiplier) {
        return new RestartStrategy(Type.EXPONENTIAL_DELAY, Integer.MAX_VALUE, initial, max, multiplier);
    }

    /** Whether a job that has already restarted {@code restarts} times may restart once more. */
    public boolean allowsRestart(int restarts) {
        return type != Type.NONE && restarts < maxAttempts;
    }

    /** The pause before restart number {@code restarts + 1}. */
    public Duration delayBefore(int restarts) {
        if (type != Type.EXPONENTIAL_DELAY) {
            return initialDelay;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, restarts);
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
