package io.sluice.connectors.datagen;

import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Generated rows. Row {@code g} (0-based over the whole table) is made by subtask {@code g % p}, so
 * the subtasks share sequences without gaps or duplicates and each advances through them evenly.
 * Replayable: the readers' positions and the seed are checkpointed (see {@link DataGenState}).
 * Without a {@code seed} option the seed is drawn once per table source and shared by its readers.
 */
final class DataGenTableSource implements TableSource {
    private final String tableName;
    private final FieldGenerator[] generators;
    private final long rowsPerSecond;
    private final long numberOfRows;
    private final long seed;
    private final long totalRows;

    DataGenTableSource(String tableName, FieldGenerator[] generators, long rowsPerSecond, long numberOfRows,
            Long seed) {
        this.tableName = tableName;
        this.generators = generators;
        this.rowsPerSecond = rowsPerSecond;
        this.numberOfRows = numberOfRows;
        this.seed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        long total = numberOfRows;
        for (FieldGenerator generator : generators) {
            if (generator.length() >= 0) {
                total = total < 0 ? generator.length() : Math.min(total, generator.length());
            }
        }
        this.totalRows = total;
    }

    /** Rows over all subtasks, or -1 when unbounded. */
    long totalRows() {
        return totalRows;
    }

    @Override
    public boolean isBounded() {
        return totalRows >= 0;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        return createReader(subtaskIndex, parallelism, System::nanoTime);
    }

    SourceReader createReader(int subtaskIndex, int parallelism, LongSupplier nanoClock) {
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtaskIndex + " of " + parallelism);
        }
        return new DataGenReader(tableName, generators, subtaskIndex, parallelism, totalRows,
                (double) rowsPerSecond / parallelism, seed, nanoClock);
    }

    @Override
    public String describe() {
        return "datagen[rows-per-second=" + rowsPerSecond
                + (numberOfRows >= 0 ? ", number-of-rows=" + numberOfRows : "") + "]";
    }
}
