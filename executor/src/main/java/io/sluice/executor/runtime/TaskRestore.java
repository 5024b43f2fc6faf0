package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CompletedCheckpoint;
import java.util.List;
import java.util.Optional;

/** The parts of a restored checkpoint that one subtask starts from; nothing on a fresh start. */
record TaskRestore(Optional<CompletedCheckpoint> checkpoint, int vertex, int subtask, int parallelism) {

    static TaskRestore fresh(int vertex, int subtask, int parallelism) {
        return new TaskRestore(Optional.empty(), vertex, subtask, parallelism);
    }

    List<byte[]> sourceStates() {
        return checkpoint.map(c -> c.sourceStates(vertex, subtask, parallelism)).orElse(List.of());
    }

    List<byte[]> operatorStates(int operator) {
        return checkpoint.map(c -> c.operatorStates(vertex, operator, subtask, parallelism)).orElse(List.of());
    }

    List<byte[]> keyedStates(int operator) {
        return checkpoint.map(c -> c.keyedStates(vertex, operator)).orElse(List.of());
    }
}
