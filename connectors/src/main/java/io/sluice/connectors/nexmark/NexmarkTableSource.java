package io.sluice.connectors.nexmark;

import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.function.LongSupplier;

/**
 * One Nexmark table. Its events are its share of the global event sequence of {@code events} events
 * (unbounded when negative); subtask {@code s} of {@code p} makes the table's ordinals
 * {@code s, s + p, ...}, so the union over the subtasks is the same at any parallelism.
 */
final class NexmarkTableSource implements TableSource {
    private final String tableName;
    private final NexmarkTable table;
    private final NexmarkOptions options;
    /** For each declared column, the index of the standard column it reads. */
    private final int[] projection;

    NexmarkTableSource(String tableName, NexmarkTable table, NexmarkOptions options, int[] projection) {
        this.tableName = tableName;
        this.table = table;
        this.options = options;
        this.projection = projection.clone();
    }

    @Override
    public boolean isBounded() {
        return options.events() >= 0;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    /** Rows of this table over all subtasks, or -1 when unbounded. */
    long totalRows() {
        return options.events() < 0 ? -1 : table.count(options.events());
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        return createReader(subtaskIndex, parallelism, System::nanoTime);
    }

    SourceReader createReader(int subtaskIndex, int parallelism, LongSupplier nanoClock) {
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtaskIndex + " of " + parallelism);
        }
        double rowsPerSecond = options.maxEventsPerSecond() <= 0 ? 0
                : options.maxEventsPerSecond() * table.proportion() / NexmarkTable.EPOCH / parallelism;
        return new NexmarkReader(tableName, table, options, projection, subtaskIndex, parallelism, totalRows(),
                rowsPerSecond, nanoClock);
    }

    @Override
    public String describe() {
        return "nexmark[table=" + table.sqlName() + (options.events() >= 0 ? ", events=" + options.events() : "")
                + ", rate=" + options.rate() + ", seed=" + options.seed() + "]";
    }
}
