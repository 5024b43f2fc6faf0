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

    // tests: the source task that emits this many rows first throws once
    private static final java.util.concurrent.atomic.AtomicLong FAIL_ONCE_AFTER_ROWS =
            new java.util.concurrent.atomic.AtomicLong(-1);

    // and, when armed so, only once a checkpoint has completed in this process since it was armed
    private static volatile boolean waitForCheckpoint;
    private static volatile boolean checkpointCompleted;

    private FaultInjection() {
    }

    /** Makes the next source task that has emitted {@code rows} rows throw, once (in-process recovery tests). */
    public static void failOnceAfterRows(long rows) {
        arm(rows, false);
    }

    /**
     * Like {@link #failOnceAfterRows}, but not before a checkpoint has completed: a test that checks the
     * restart resumed from a checkpoint then does not depend on how fast the source reads.
     */
    public static void failOnceAfterRowsAndACheckpoint(long rows) {
        arm(rows, true);
    }

    private static void arm(long rows, boolean afterCheckpoint) {
        checkpointCompleted = false;
        waitForCheckpoint = afterCheckpoint;
        FAIL_ONCE_AFTER_ROWS.set(rows);
    }

    /** Called by source tasks when a checkpoint has completed. */
    public static void checkpointCompleted() {
        checkpointCompleted = true;
    }

    /** Called by source tasks with the rows they emitted so far. */
    public static void failIfRequested(long rowsEmitted) {
        long threshold = FAIL_ONCE_AFTER_ROWS.get();
        if (threshold >= 0 && rowsEmitted >= threshold && (!waitForCheckpoint || checkpointCompleted)
                && FAIL_ONCE_AFTER_ROWS.compareAndSet(threshold, -1)) {
            throw new IllegalStateException("injected task failure after " + rowsEmitted + " rows");
        }
    }

    public static void crashIfRequested(String point, long checkpointId) {
        if (POINT != null && POINT.equals(point) && CHECKPOINT == checkpointId) {
            System.err.println("[FAULT] crashing at " + point + " of checkpoint " + checkpointId);
            Runtime.getRuntime().halt(137);
        }
    }
}
