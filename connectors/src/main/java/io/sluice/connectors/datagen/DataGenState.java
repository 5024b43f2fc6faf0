package io.sluice.connectors.datagen;

import io.sluice.connectors.state.StateBytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one datagen subtask has still to emit: global row indexes as a list of progressions, emitted
 * in order, and the seed from which every row's random values derive.
 *
 * <p>A fresh subtask {@code s} of {@code p} owns {@code s, s + p, s + 2p, ...}. Its last progression
 * never ends (rows past the table's total are simply not emitted), and the last progressions of all
 * subtasks together always cover every index from some point on, one residue class modulo the
 * parallelism each. That is what makes rescaling exact: from the states of all old subtasks, the
 * indexes not yet emitted are the old subtasks' finite progressions, the parts of their unbounded
 * ones below {@code M} (the highest point any of them reached), and everything from {@code M} on. The
 * finite parts are laid end to end and dealt round-robin to the new subtasks (each new subtask's deal
 * from one progression is again a progression); everything from {@code M} on is interleaved afresh:
 * new subtask {@code t} of {@code p'} owns {@code M + t, M + t + p', ...}. Every subtask computes the
 * same deal from the same old states, so none is emitted twice and none is lost.
 *
 * <pre>
 *   int magic 'DGEN', int version 1, long seed, int subtask, int parallelism,
 *   int n, n x (long start, long step, long count)        count -1: unbounded
 * </pre>
 */
record DataGenState(long seed, int subtask, int parallelism, List<IndexProgression> remaining) {
    private static final int MAGIC = 0x4447454E;
    private static final int VERSION = 1;

    DataGenState {
        remaining = List.copyOf(remaining);
    }

    static DataGenState fresh(long seed, int subtask, int parallelism) {
        return new DataGenState(seed, subtask, parallelism,
                List.of(new IndexProgression(subtask, parallelism, IndexProgression.UNBOUNDED)));
    }

    byte[] encode() {
        return StateBytes.encode(MAGIC, VERSION, out -> {
            out.writeLong(seed);
            out.writeInt(subtask);
            out.writeInt(parallelism);
            out.writeInt(remaining.size());
            for (IndexProgression p : remaining) {
                out.writeLong(p.start());
                out.writeLong(p.step());
                out.writeLong(p.count());
            }
        });
    }

    static DataGenState decode(byte[] bytes, String what) {
        DataGenState state = StateBytes.decode(bytes, MAGIC, VERSION, what, DataGenState::read);
        state.check(what);
        return state;
    }

    private static DataGenState read(DataInputStream in) throws IOException {
        long seed = in.readLong();
        int subtask = in.readInt();
        int parallelism = in.readInt();
        int n = StateBytes.readCount(in, 24);
        List<IndexProgression> remaining = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                remaining.add(new IndexProgression(in.readLong(), in.readLong(), in.readLong()));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        return new DataGenState(seed, subtask, parallelism, remaining);
    }

    private void check(String what) {
        if (parallelism <= 0 || subtask < 0 || subtask >= parallelism) {
            throw StateBytes.corrupt(what, "subtask " + subtask + " of " + parallelism);
        }
        for (int i = 0; i < remaining.size(); i++) {
            if (remaining.get(i).isUnbounded() != (i == remaining.size() - 1)) {
                throw StateBytes.corrupt(what, "subtask " + subtask + " must end with exactly one unbounded range");
            }
        }
        if (remaining.get(remaining.size() - 1).step() != parallelism) {
            throw StateBytes.corrupt(what, "subtask " + subtask + "'s unbounded range does not step by "
                    + parallelism);
        }
    }

    /**
     * The state of new subtask {@code subtask} of {@code parallelism} restored from the states of a
     * checkpoint: its own when the parallelism is unchanged, else its deal of every old subtask's
     * remaining indexes (see the class comment).
     */
    static DataGenState restore(List<byte[]> states, int subtask, int parallelism, String what) {
        List<DataGenState> old = new ArrayList<>();
        for (byte[] bytes : states) {
            old.add(decode(bytes, what));
        }
        old.sort(Comparator.comparingInt(DataGenState::subtask));
        int oldParallelism = old.get(0).parallelism();
        if (old.size() == 1 && oldParallelism == parallelism) {
            if (old.get(0).subtask() != subtask) {
                throw StateBytes.corrupt(what, "it belongs to subtask " + old.get(0).subtask() + ", not " + subtask);
            }
            return old.get(0);
        }
        checkComplete(old, oldParallelism, what);
        return redistribute(old, subtask, parallelism);
    }

    private static void checkComplete(List<DataGenState> old, int oldParallelism, String what) {
        Set<Long> residues = new HashSet<>();
        for (int i = 0; i < old.size(); i++) {
            DataGenState state = old.get(i);
            if (state.subtask() != i || state.parallelism() != oldParallelism || state.seed() != old.get(0).seed()) {
                throw StateBytes.corrupt(what, "to rescale, the states of all " + oldParallelism
                        + " old subtasks are needed, of one run");
            }
            residues.add(state.tail().start() % oldParallelism);
        }
        if (old.size() != oldParallelism || residues.size() != oldParallelism) {
            throw StateBytes.corrupt(what, "to rescale, the states of all " + oldParallelism
                    + " old subtasks are needed, of one run");
        }
    }

    private IndexProgression tail() {
        return remaining.get(remaining.size() - 1);
    }

    private static DataGenState redistribute(List<DataGenState> old, int subtask, int parallelism) {
        long frontier = 0;
        for (DataGenState state : old) {
            frontier = Math.max(frontier, state.tail().start());
        }
        List<IndexProgression> leftovers = new ArrayList<>();
        for (DataGenState state : old) {
            leftovers.addAll(state.remaining().subList(0, state.remaining().size() - 1));
        }
        for (DataGenState state : old) {
            IndexProgression tail = state.tail();
            long below = (frontier - tail.start() + tail.step() - 1) / tail.step();
            if (below > 0) {
                leftovers.add(tail.limit(below));
            }
        }
        List<IndexProgression> mine = new ArrayList<>();
        long position = 0;
        for (IndexProgression p : leftovers) {
            long first = Math.floorMod(subtask - position, (long) parallelism);
            IndexProgression deal = p.every(first, parallelism);
            if (deal != null) {
                mine.add(deal);
            }
            position += p.count();
        }
        mine.add(new IndexProgression(frontier + subtask, parallelism, IndexProgression.UNBOUNDED));
        return new DataGenState(old.get(0).seed(), subtask, parallelism, mine);
    }
}
