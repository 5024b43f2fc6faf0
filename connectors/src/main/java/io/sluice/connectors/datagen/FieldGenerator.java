package io.sluice.connectors.datagen;

import java.util.SplittableRandom;

/** Makes the values of one column. Immutable and shared by every reader of the table. */
interface FieldGenerator {

    /**
     * The value for the row with global index {@code rowIndex} (0-based over all subtasks).
     *
     * @param random this row's random source, seeded from the table's seed and {@code rowIndex}; draw
     *     from it in a fixed order so that a replayed row is the same
     * @param nowMillis the wall clock, for generators relative to now
     */
    Object generate(long rowIndex, SplittableRandom random, long nowMillis);

    /** How many rows this generator can make, or -1 when it never runs out. */
    default long length() {
        return -1;
    }
}
