package io.sluice.cli;

import io.sluice.executor.checkpoint.ByteSizes;
import io.sluice.executor.checkpoint.CheckpointStats;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.server.RunningJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports on stderr how the running jobs advance, one line per job:
 * {@code [job] rows in 1,234,567 (612,000/s) | rows out 1,200 | watermark 2024-01-01 00:00:10.000
 * | checkpoints 12 (last: 35 ms, 1.2 MiB written)}, the last part once a checkpoint completed.
 * Every second in place on a terminal, every five seconds as plain lines otherwise (logs, CI).
 */
final class ProgressReporter implements AutoCloseable {
    static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final CliOutput output;
    private final Supplier<List<RunningJob>> jobs;
    private final Duration interval;
    private final Map<RunningJob, Sample> previous = new HashMap<>();
    private final Thread thread;

    private record Sample(long rowsIn, long nanos) {
    }

    ProgressReporter(CliOutput output, Supplier<List<RunningJob>> jobs) {
        this.output = output;
        this.jobs = jobs;
        this.interval = output.progressInPlace() ? TERMINAL_INTERVAL : PLAIN_INTERVAL;
        this.thread = new Thread(this::run, "sluice-progress");
        thread.setDaemon(true);
    }

    ProgressReporter start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval.toMillis());
                List<String> lines = new ArrayList<>();
                for (RunningJob job : jobs.get()) {
                    lines.add(line(job, System.nanoTime()));
                }
                output.progress(lines);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String line(RunningJob job, long nowNanos) {
        JobMetrics metrics = job.metrics();
        long rowsIn = metrics.rowsIn().sum();
        Sample before = previous.getOrDefault(job, new Sample(0, nanosSince(job)));
        previous.put(job, new Sample(rowsIn, nowNanos));
        double seconds = Math.max(1e-3, (nowNanos - before.nanos()) / 1e9);
        long rate = Math.round((rowsIn - before.rowsIn()) / seconds);
        StringBuilder line = new StringBuilder()
                .append('[').append(job.name()).append("] rows in ").append(JobTracker.number(rowsIn))
                .append(" (").append(JobTracker.number(rate)).append("/s)")
                .append(" | rows out ").append(JobTracker.number(metrics.rowsOut().sum()));
        String watermark = watermark(metrics.sinkWatermark());
        if (watermark != null) {
            line.append(" | watermark ").append(watermark);
        }
        metrics.lastCheckpoint().ifPresent(last -> line.append(" | ").append(checkpoints(metrics.completedCheckpoints(), last)));
        return line.toString();
    }

    /** {@code checkpoints 12 (last: 35 ms, 1.2 MiB written)}. */
    static String checkpoints(long count, CheckpointStats last) {
        return "checkpoints " + JobTracker.number(count) + " (last: " + JobTracker.number(last.durationMillis()) + " ms, "
                + ByteSizes.format(last.writtenBytes()) + " written)";
    }

    /** The job's start on the {@link System#nanoTime} clock, for the first rate. */
    private static long nanosSince(RunningJob job) {
        long ageNanos = Duration.between(job.startTime(), java.time.Instant.now()).toNanos();
        return System.nanoTime() - Math.max(0, ageNanos);
    }

    /** Null while there is none yet; watermarks are shown as zone-less timestamps (UTC). */
    static String watermark(long watermark) {
        if (watermark == Long.MIN_VALUE) {
            return null;
        }
        if (watermark == Long.MAX_VALUE) {
            return "end of input";
        }
        return SqlValueFormat.timestamp(watermark, 3);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.endProgress();
    }
}
