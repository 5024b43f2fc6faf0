package io.sluice.executor.checkpoint;

import java.util.Locale;

/**
 * Crashes the process at a named point of the checkpoint protocol, for crash tests that must hit
 * a window reliably: {@code SLUICE_CRASH_AT=<point>:<checkpoint id>} halts the JVM (as kill -9 would:
 * no shutdown hooks, no flushing) when that point is reached for that checkpoint. Unset, it costs a
 * field read.
 *
 * <p>Points: {@code before-metadata} (every task acknowledged, metadata not yet written),
 * {@code after-metadata} (checkpoint complete, no task notified), {@code before-sink-commit},
 * {@code during-sink-commit} (a sink committed part of its files), {@code after-sink-commit}.
 */
public final class FaultInjection {
    private static final String POINT;
    private static final long CHECKPOINT;

    static {
        String spec = System.getenv("SLUICE_CRASH_AT");
        String point = null;
        long checkpoint = -1;
        if (spec != null && spec.contains(":")) {
            point = spec.substring(0, spec.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            checkpoint = Long.parseLong(spec.substring(spec.indexOf(':') + 1).trim());
        }
        POINT = point;
        CHECKPOINT = checkpoint;
    }

    private FaultInjection() {
    }

    public static void crashIfRequested(String point, long checkpointId) {
        if (POINT != null && POINT.equals(point) && CHECKPOINT == checkpointId) {
            System.err.println("[FAULT] crashing at " + point + " of checkpoint " + checkpointId);
            Runtime.getRuntime().halt(137);
        }
    }
}
