package io.sluice.executor.data;

/**
 * Maps keys to key groups and key groups to subtasks. Keyed state is stored per key group, so a job
 * can be restored at another parallelism by handing whole key groups to the new subtasks.
 */
public final class KeyGroups {
    /** The number of key groups: the highest parallelism a keyed operator can be rescaled to. */
    public static final int MAX_PARALLELISM = 128;

    private KeyGroups() {
    }

    public static int keyGroupOf(int keyHash) {
        return Math.floorMod(murmurMix(keyHash), MAX_PARALLELISM);
    }

    /** The subtask owning a key group: contiguous ranges of key groups per subtask. */
    public static int subtaskOf(int keyGroup, int parallelism) {
        return keyGroup * parallelism / MAX_PARALLELISM;
    }

    // the finalizer of MurmurHash3: spreads poor hashCodes (small integers) over all key groups
    private static int murmurMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
