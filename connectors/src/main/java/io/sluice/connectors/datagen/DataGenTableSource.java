package io.sluice.connectors.datagen;

import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.function.LongSupplier;

/**
 * Generated rows. Row {@code g} (0-based over the whole table) is made by subtask {@code g % p}, so
 * the subtasks share sequences without gaps or duplicates and each advances through them evenly.
 */
final class DataGenTableSource implements TableSource {
    private final FieldGenerator[] generators;
    private final long rowsPerSecond;
    private final long numberOfRows;
    private final Long seed;
    private final long totalRows;

    DataGenTableSource(FieldGenerator[] generators, long rowsPerSecond, long numberOfRows, Long seed) {
        this.generators = generators;
        this.rowsPerSecond = rowsPerSecond;
        this.numberOfRows = numberOfRows;
        this.seed = seed;
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
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        return createReader(subtaskIndex, parallelism, System::nanoTime);
    }

    SourceReader createReader(int subtaskIndex, int parallelism, LongSupplier nanoClock) {
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtaskIndex + " of " + parallelism);
        }
        long rows = totalRows < 0 ? -1 : rowsOfSubtask(totalRows, subtaskIndex, parallelism);
        Long subtaskSeed = seed == null ? null : seed * 0x9E3779B97F4A7C15L + subtaskIndex;
        return new DataGenReader(generators, subtaskIndex, parallelism, rows,
                (double) rowsPerSecond / parallelism, subtaskSeed, nanoClock);
    }

    /** How many of the global row indexes {@code s, s + p, s + 2p, ...} are below {@code total}. */
    static long rowsOfSubtask(long total, int subtask, int parallelism) {
        return total > subtask ? (total - subtask - 1) / parallelism + 1 : 0;
    }

    @Override
    public String describe() {
        return "datagen[rows-per-second=" + rowsPerSecond
                + (numberOfRows >= 0 ? ", number-of-rows=" + numberOfRows : "") + "]";
    }
}
