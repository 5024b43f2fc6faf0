package io.sluice.connectors.kafka.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a transactional sink subtask has committed, kept as the committed offset of its consumer
 * group (see {@link TransactionalKafkaSinkWriter}): the offset is the newest checkpoint id, the
 * offset's metadata names the run and the checkpoint, {@code "<runId>:<checkpointId>"}, newest
 * first, followed by up to {@link #MAX_RUNS}-1 earlier runs ({@code ";<runId>:<checkpointId>"}).
 *
 * <p>The earlier runs are why a state restored a second time is still recognised after a newer
 * run committed (a savepoint resumed twice): without them, its transactions would be committed again.
 */
final class ProgressMarker {
    static final int MAX_RUNS = 16;
    static final ProgressMarker NONE = new ProgressMarker(List.of());

    /** One run's newest committed checkpoint. */
    record RunProgress(String runId, long checkpointId) {
        RunProgress {
            Objects.requireNonNull(runId, "runId is null");
            if (runId.isEmpty() || runId.contains(":") || runId.contains(";")) {
                throw new IllegalArgumentException("run id '" + runId + "'");
            }
        }
    }

    private final List<RunProgress> runs;

    private ProgressMarker(List<RunProgress> runs) {
        this.runs = List.copyOf(runs);
    }

    /** Reads offset metadata; text that is not a marker (someone else's group) reads as no progress. */
    static ProgressMarker parse(String metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return NONE;
        }
        List<RunProgress> runs = new ArrayList<>();
        for (String entry : metadata.split(";")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                return NONE;
            }
            try {
                runs.add(new RunProgress(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                return NONE;
            }
        }
        return new ProgressMarker(runs);
    }

    /** The newest checkpoint committed by {@code runId}, if this marker knows the run. */
    OptionalLong committedUpTo(String runId) {
        for (RunProgress run : runs) {
            if (run.runId().equals(runId)) {
                return OptionalLong.of(run.checkpointId());
            }
        }
        return OptionalLong.empty();
    }

    /** This marker after {@code runId} committed up to {@code checkpointId}: that run first, the oldest dropped. */
    ProgressMarker committed(String runId, long checkpointId) {
        List<RunProgress> next = new ArrayList<>();
        next.add(new RunProgress(runId, checkpointId));
        for (RunProgress run : runs) {
            if (!run.runId().equals(runId) && next.size() < MAX_RUNS) {
                next.add(run);
            }
        }
        return new ProgressMarker(next);
    }

    /** The committed offset: the newest run's checkpoint id. */
    long offset() {
        return runs.isEmpty() ? 0 : runs.get(0).checkpointId();
    }

    String metadata() {
        StringBuilder text = new StringBuilder();
        for (RunProgress run : runs) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(run.runId()).append(':').append(run.checkpointId());
        }
        return text.toString();
    }

    List<RunProgress> runs() {
        return runs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgressMarker other && runs.equals(other.runs);
    }

    @Override
    public int hashCode() {
        return runs.hashCode();
    }

    @Override
    public String toString() {
        return metadata();
    }
}
