package io.sluice.executor.testing;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source a test drives while the job runs: it tells a subtask to emit a row on a split, to finish
 * a split, or to end, and the subtask's reader does so on its next polls, in order. Each subtask's
 * splits are fixed up front and registered on the reader's first poll, so none of them can be
 * overtaken before it has produced anything.
 */
public final class ScriptedSource implements TableSource {
    private final boolean bounded;
    private final List<List<String>> splitsPerSubtask;
    private final List<BlockingQueue<Command>> commands = new ArrayList<>();
    private final AtomicLong emittedRows = new AtomicLong();
    private final AtomicInteger closedReaders = new AtomicInteger();

    private sealed interface Command {
    }

    private record Emit(String split, Object[] row) implements Command {
    }

    private record KeepEmitting(String split, Object[] row) implements Command {
    }

    private record FinishSplit(String split) implements Command {
    }

    private enum End implements Command { INSTANCE }

    /** A source of {@code splitsPerSubtask.size()} subtasks; an empty list is a subtask without splits. */
    public ScriptedSource(boolean bounded, List<List<String>> splitsPerSubtask) {
        this.bounded = bounded;
        this.splitsPerSubtask = List.copyOf(splitsPerSubtask);
        for (int i = 0; i < splitsPerSubtask.size(); i++) {
            commands.add(new LinkedBlockingQueue<>());
        }
    }

    public ScriptedSource emit(int subtask, String split, Object... row) {
        commands.get(subtask).add(new Emit(split, row));
        return this;
    }

    /** From now on, whenever the subtask has nothing else to do, it emits this row again: a split that stays busy. */
    public ScriptedSource keepEmitting(int subtask, String split, Object... row) {
        commands.get(subtask).add(new KeepEmitting(split, row));
        return this;
    }

    public ScriptedSource finishSplit(int subtask, String split) {
        commands.get(subtask).add(new FinishSplit(split));
        return this;
    }

    /** The subtask's reader reports end of input once it reaches this command. */
    public ScriptedSource end(int subtask) {
        commands.get(subtask).add(End.INSTANCE);
        return this;
    }

    public ScriptedSource endAll() {
        for (int i = 0; i < commands.size(); i++) {
            end(i);
        }
        return this;
    }

    /** Rows handed to the runtime so far (counted when {@code collect} returned). */
    public long emittedRows() {
        return emittedRows.get();
    }

    public int closedReaders() {
        return closedReaders.get();
    }

    @Override
    public boolean isBounded() {
        return bounded;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        if (parallelism != splitsPerSubtask.size()) {
            throw new IllegalArgumentException("scripted for " + splitsPerSubtask.size() + " subtasks, run at " + parallelism);
        }
        return new Reader(splitsPerSubtask.get(subtaskIndex), commands.get(subtaskIndex));
    }

    @Override
    public String describe() {
        return "scripted";
    }

    private final class Reader implements SourceReader {
        private final List<String> splits;
        private final BlockingQueue<Command> queue;
        private boolean registered;
        private KeepEmitting keepEmitting;

        Reader(List<String> splits, BlockingQueue<Command> queue) {
            this.splits = splits;
            this.queue = queue;
        }

        @Override
        public void open(SourceContext context) {
        }

        @Override
        public ReadStatus pollNext(SourceOutput output) {
            if (!registered) {
                splits.forEach(output::split);
                registered = true;
            }
            Command command = queue.poll();
            if (command == null) {
                if (keepEmitting != null) {
                    collect(output, keepEmitting.split(), keepEmitting.row());
                }
                return ReadStatus.NOTHING_AVAILABLE;
            }
            if (command instanceof Emit emit) {
                collect(output, emit.split(), emit.row());
            } else if (command instanceof KeepEmitting keep) {
                keepEmitting = keep;
            } else if (command instanceof FinishSplit finish) {
                output.split(finish.split()).finish();
            } else {
                return ReadStatus.END_OF_INPUT;
            }
            return ReadStatus.MORE_AVAILABLE;
        }

        private void collect(SourceOutput output, String split, Object[] row) {
            output.split(split).collect(row.clone());
            emittedRows.incrementAndGet();
        }

        @Override
        public void close() {
            closedReaders.incrementAndGet();
        }
    }
}
