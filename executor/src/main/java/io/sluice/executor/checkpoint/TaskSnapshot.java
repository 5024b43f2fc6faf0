package io.sluice.executor.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one subtask of one vertex contributed to a checkpoint: its reader's positions (sources only)
 * and, per operator of its chain, the operator's own state and the description of its keyed state
 * snapshot. Absent parts are null.
 */
public record TaskSnapshot(int vertex, int subtask, byte[] sourceState, List<byte[]> operatorStates,
        List<byte[]> keyedStates) {

    public TaskSnapshot {
        operatorStates = Collections.unmodifiableList(new ArrayList<>(operatorStates));
        keyedStates = Collections.unmodifiableList(new ArrayList<>(keyedStates));
        if (operatorStates.size() != keyedStates.size()) {
            throw new IllegalArgumentException("one operator state and one keyed state per chained operator");
        }
    }
}
