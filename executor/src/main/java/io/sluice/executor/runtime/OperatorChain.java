package io.sluice.executor.runtime;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorFactory;
import io.sluice.executor.operators.Output;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import io.sluice.executor.state.KeyGroupRange;
import io.sluice.executor.state.KeyedStateStore;
import io.sluice.executor.state.StateSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operators of one task, each feeding the next by direct calls, the last feeding the task's output. */
final class OperatorChain {
    private final List<StreamOperator> operators;
    private final List<OperatorFactory> factories;
    private final List<KeyedStateStore> stores = new ArrayList<>();
    private int opened;
    private TaskRestore restore;
    private StateEnvironment state;

    OperatorChain(List<OperatorFactory> factories, int subtaskIndex, int parallelism) {
        this.factories = List.copyOf(factories);
        this.operators = new ArrayList<>(factories.size());
        for (OperatorFactory factory : factories) {
            operators.add(factory.create(subtaskIndex, parallelism));
        }
    }

    boolean isEmpty() {
        return operators.isEmpty();
    }

    /** Opens the operators from last to first, so each one's output is ready before it can emit. */
    void open(Output taskOutput, int subtaskIndex, int parallelism, JobMetrics metrics, TaskRestore restore,
            StateEnvironment state) throws Exception {
        this.restore = restore;
        this.state = state;
        for (int i = 0; i < operators.size(); i++) {
            stores.add(null);
        }
        Output next = taskOutput;
        List<Output> outputs = new ArrayList<>();
        for (int i = operators.size() - 1; i >= 0; i--) {
            outputs.add(0, next);
            next = forwardTo(operators.get(i));
        }
        for (int i = operators.size() - 1; i >= 0; i--) {
            int operator = i;
            OperatorContext context = new OperatorContext(factories.get(i).name(), subtaskIndex, parallelism, metrics,
                    restore.operatorStates(i), () -> store(operator), state.checkpointInterval());
            operators.get(i).open(context, outputs.get(i));
            opened++;
        }
    }

    private static Output forwardTo(StreamOperator operator) {
        return new Output() {
            @Override
            public void emit(RowKind kind, Object[] row) {
                try {
                    operator.processElement(0, kind, row);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new OperatorException(e);
                }
            }

            @Override
            public void emitWatermark(long watermark) {
                try {
                    operator.processWatermark(watermark);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new OperatorException(e);
                }
            }
        };
    }

    StreamOperator head() {
        return operators.get(0);
    }

    /** Where rows enter the chain: its first operator, or the task's output when the chain is empty. */
    Output input(Output taskOutput) {
        return operators.isEmpty() ? taskOutput : forwardTo(operators.get(0));
    }

    /** Each operator's own state at a barrier, in chain order (null where an operator has none). */
    List<byte[]> snapshotOperatorStates(long checkpointId) throws Exception {
        List<byte[]> states = new ArrayList<>(operators.size());
        for (StreamOperator operator : operators) {
            states.add(operator.snapshotState(checkpointId));
        }
        return states;
    }

    /** The keyed store of one operator, created on first use and restored from the checkpoint's snapshots. */
    private KeyedStateStore store(int operator) {
        KeyedStateStore store = stores.get(operator);
        if (store == null) {
            KeyGroupRange range = KeyGroupRange.of(restore.subtask(), restore.parallelism());
            List<StateSnapshot> snapshots = new ArrayList<>();
            Path base = restore.checkpoint().map(CompletedCheckpoint::directory).orElse(null);
            for (byte[] bytes : restore.keyedStates(operator)) {
                StateSnapshot snapshot = StateSnapshot.fromBytes(bytes, base);
                if (snapshot.keyGroupRange().intersects(range)) {
                    snapshots.add(snapshot);
                }
            }
            String id = "v" + restore.vertex() + "-s" + restore.subtask() + "-op" + operator;
            store = state.backend().create(id, range, state.workingDirectory().resolve(id), snapshots);
            stores.set(operator, store);
        }
        return store;
    }

    /** The keyed state snapshots of a chain: descriptions in chain order (null for operators without keyed state) and their sizes. */
    record KeyedSnapshots(List<byte[]> descriptions, long writtenBytes, long totalBytes) {
    }

    KeyedSnapshots snapshotKeyedStates(long checkpointId) {
        List<byte[]> states = new ArrayList<>(operators.size());
        long written = 0;
        long total = 0;
        for (int i = 0; i < operators.size(); i++) {
            KeyedStateStore store = stores.isEmpty() ? null : stores.get(i);
            if (store == null) {
                states.add(null);
                continue;
            }
            Path directory = state.storage().operatorDirectory(checkpointId, restore.vertex(), restore.subtask(), i);
            StateSnapshot snapshot = store.snapshot(checkpointId, directory);
            written += snapshot.writtenBytes();
            total += snapshot.totalBytes();
            states.add(snapshot.toBytes(state.storage().checkpointDirectory(checkpointId)));
        }
        return new KeyedSnapshots(states, written, total);
    }

    void notifyCheckpointComplete(long checkpointId) throws Exception {
        for (StreamOperator operator : operators) {
            operator.notifyCheckpointComplete(checkpointId);
        }
    }

    int size() {
        return operators.size();
    }

    /** Finishes the operators in order: each may emit its last rows into the next before that one finishes. */
    void finish() throws Exception {
        for (StreamOperator operator : operators) {
            operator.finish();
        }
    }

    /**
     * Closes every opened operator. Returns the failure the task ends with: the one it had, with
     * close failures suppressed into it, or else the first close failure (a sink that cannot close
     * its files has not delivered them).
     */
    Throwable close(Throwable failure) {
        Throwable result = failure;
        for (KeyedStateStore store : stores) {
            if (store != null) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    if (result == null) {
                        result = e;
                    } else {
                        result.addSuppressed(e);
                    }
                }
            }
        }
        for (int i = operators.size() - opened; i < operators.size(); i++) {
            try {
                operators.get(i).close();
            } catch (Exception e) {
                if (result == null) {
                    result = e;
                } else {
                    result.addSuppressed(e);
                }
            }
        }
        return result;
    }

    /** Wraps a checked exception thrown inside a chained call; unwrapped by the task. */
    static final class OperatorException extends RuntimeException {
        OperatorException(Exception cause) {
            super(cause);
        }
    }
}
