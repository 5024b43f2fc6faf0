package io.sluice.connectors.datagen;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.connectors.ConnectorTestSupport.TestSourceOutput;
import io.sluice.executor.connector.SourceReader.ReadStatus;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataGenCheckpointTest {
    private static final RowSchema SCHEMA = RowSchema.builder()
            .field("seq", LogicalType.of(TypeRoot.BIGINT))
            .field("r", LogicalType.of(TypeRoot.BIGINT))
            .field("s", LogicalType.string())
            .field("n", LogicalType.of(TypeRoot.INTEGER))
            .build();
    private static final int ROWS = 3000;

    private static TableSource datagen(boolean seeded) {
        List<String> opts = new ArrayList<>(List.of("rows-per-second", "1000000000",
                "fields.seq.kind", "sequence", "fields.seq.start", "0", "fields.seq.end", String.valueOf(ROWS - 1),
                "fields.s.length", "12", "fields.s.var-len", "true", "fields.n.null-rate", "0.3"));
        if (seeded) {
            opts.addAll(List.of("seed", "7"));
        }
        return source("datagen", "gen", SCHEMA, options(opts.toArray(String[]::new)));
    }

    private static List<Long> sequence(List<List<Object>> rows) {
        return rows.stream().map(r -> (Long) r.get(0)).toList();
    }

    private static List<Long> allSequence() {
        return LongStream.range(0, ROWS).boxed().toList();
    }

    @Test
    void shouldBeReplayable() {
        assertThat(datagen(false).isReplayable()).isTrue();
    }

    @ParameterizedTest(name = "parallelism {0}, seed option {1}")
    @CsvSource({"1, true", "1, false", "3, true", "3, false"})
    void shouldReplayExactlyTheRowsAfterTheSnapshot(int parallelism, boolean seeded) throws Exception {
        TableSource source = datagen(seeded);
        for (int s = 0; s < parallelism; s++) {
            List<byte[]> snapshots = new ArrayList<>();
            List<Integer> emittedAtSnapshot = new ArrayList<>();
            List<List<Object>> uninterrupted;
            try (ReaderRun run = ReaderRun.open(source, s, parallelism, List.of())) {
                for (int polls : new int[] {0, 1, 1, 1}) {
                    run.poll(polls);
                    snapshots.add(run.snapshot(snapshots.size() + 1));
                    emittedAtSnapshot.add(run.rows().size());
                }
                run.readToEnd();
                snapshots.add(run.snapshot(99));
                emittedAtSnapshot.add(run.rows().size());
                uninterrupted = run.rows();
            }
            assertThat(emittedAtSnapshot.get(3)).isBetween(1, uninterrupted.size() - 1);

            for (int i = 0; i < snapshots.size(); i++) {
                // another table source: without a seed option it draws another seed, the state must win
                try (ReaderRun restored = ReaderRun.open(datagen(seeded), s, parallelism, List.of(snapshots.get(i)))) {
                    restored.readToEnd();
                    assertThat(restored.rows()).as("subtask %d restored from snapshot %d", s, i)
                            .isEqualTo(uninterrupted.subList(emittedAtSnapshot.get(i), uninterrupted.size()));
                    assertThat(restored.output().splits().get("datagen-" + s).finished()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2, 3", "3, 1", "1, 2", "3, 3"})
    void shouldCoverEveryRowExactlyOnceAcrossARescale(int from, int to) throws Exception {
        TableSource source = datagen(false);
        List<ReaderRun> old = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        List<List<Object>> beforeSnapshot = new ArrayList<>();
        for (int s = 0; s < from; s++) {
            ReaderRun run = ReaderRun.open(source, s, from, List.of()).poll(1 + 3 * s); // uneven progress
            states.add(run.snapshot(1));
            beforeSnapshot.addAll(run.rows());
            old.add(run);
        }
        List<List<Object>> uninterrupted = new ArrayList<>();
        for (ReaderRun run : old) {
            uninterrupted.addAll(run.readToEnd().rows());
            run.close();
        }

        List<List<Object>> afterRestore = new ArrayList<>();
        for (int t = 0; t < to; t++) {
            List<byte[]> restored = from == to ? List.of(states.get(t)) : states;
            try (ReaderRun run = ReaderRun.open(datagen(false), t, to, restored)) {
                afterRestore.addAll(run.readToEnd().rows());
            }
        }

        List<List<Object>> all = new ArrayList<>(beforeSnapshot);
        all.addAll(afterRestore);
        assertThat(sequence(all)).containsExactlyInAnyOrderElementsOf(allSequence());
        assertThat(all).containsExactlyInAnyOrderElementsOf(uninterrupted);
    }

    @Test
    void shouldCoverEveryRowExactlyOnceAcrossTwoRescalesAndMatchAnUninterruptedRun() throws Exception {
        List<List<Object>> emitted = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            try (ReaderRun run = ReaderRun.open(datagen(true), s, 2, List.of()).poll(2 + 4 * s)) {
                states.add(run.snapshot(1));
                emitted.addAll(run.rows());
            }
        }
        List<byte[]> states3 = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            try (ReaderRun run = ReaderRun.open(datagen(true), t, 3, states).poll(t == 1 ? 0 : 3 + t)) {
                states3.add(run.snapshot(2));
                emitted.addAll(run.rows());
            }
        }
        try (ReaderRun run = ReaderRun.open(datagen(true), 0, 1, states3)) {
            emitted.addAll(run.readToEnd().rows());
        }

        List<List<Object>> uninterrupted;
        try (ReaderRun run = ReaderRun.open(datagen(true), 0, 1, List.of())) {
            uninterrupted = run.readToEnd().rows();
        }
        assertThat(sequence(emitted)).containsExactlyInAnyOrderElementsOf(allSequence());
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(uninterrupted);
    }

    /** Random chains of progress and rescales: emitted and remaining indexes always partition [0, bound). */
    @Test
    void shouldPartitionTheIndexSpaceAcrossAnyChainOfRescales() {
        Random random = new Random(42);
        int bound = 5000;
        for (int trial = 0; trial < 200; trial++) {
            int parallelism = 1 + random.nextInt(5);
            List<DataGenState> states = new ArrayList<>();
            for (int s = 0; s < parallelism; s++) {
                states.add(DataGenState.fresh(9, s, parallelism));
            }
            BitSet emitted = new BitSet();
            for (int step = 0; step < 1 + random.nextInt(4); step++) {
                List<byte[]> encoded = new ArrayList<>();
                for (DataGenState state : states) {
                    encoded.add(take(state, random.nextInt(300), emitted).encode());
                }
                int next = 1 + random.nextInt(5);
                states = new ArrayList<>();
                for (int t = 0; t < next; t++) {
                    List<byte[]> restored = next == parallelism ? List.of(encoded.get(t)) : encoded;
                    states.add(DataGenState.restore(restored, t, next, "test"));
                }
                parallelism = next;
            }
            BitSet covered = (BitSet) emitted.clone();
            for (DataGenState state : states) {
                for (IndexProgression p : state.remaining()) {
                    for (long i = 0, g = p.start(); g < bound && (p.isUnbounded() || i < p.count()); i++, g += p.step()) {
                        assertThat(covered.get((int) g)).as("trial %d: index %d twice", trial, g).isFalse();
                        covered.set((int) g);
                    }
                }
            }
            assertThat(covered.nextClearBit(0)).as("trial %d: first index missing", trial).isEqualTo(bound);
        }
    }

    /** Emits {@code n} indexes of a state as a reader would, marking them; returns what is left. */
    private static DataGenState take(DataGenState state, long n, BitSet emitted) {
        List<IndexProgression> left = new ArrayList<>(state.remaining());
        while (n > 0) {
            IndexProgression head = left.get(0);
            long now = head.isUnbounded() ? n : Math.min(n, head.count());
            for (long i = 0; i < now; i++) {
                long g = head.start() + i * head.step();
                assertThat(emitted.get((int) g)).as("index %d emitted twice", g).isFalse();
                emitted.set((int) g);
            }
            n -= now;
            IndexProgression rest = head.skip(now);
            if (rest.isEmpty()) {
                left.remove(0);
            } else {
                left.set(0, rest);
            }
        }
        return new DataGenState(state.seed(), state.subtask(), state.parallelism(), left);
    }

    @Test
    void shouldRestartTheThrottleFromTheRestorePoint() throws Exception {
        DataGenTableSource source = (DataGenTableSource) source("datagen", "gen", SCHEMA,
                options("rows-per-second", "10", "seed", "1"));
        AtomicLong clock = new AtomicLong();
        byte[] state;
        try (ReaderRun run = ReaderRun.open(source.createReader(0, 1, clock::get), 0, 1, List.of())) {
            clock.addAndGet(10_000_000_000L); // ten seconds of backpressure: one second of rows is due
            run.poll(2);
            assertThat(run.rows()).hasSize(10);
            state = run.snapshot(1);
        }
        clock.addAndGet(60_000_000_000L);
        var reader = source.createReader(0, 1, clock::get);
        try (ReaderRun restored = ReaderRun.open(reader, 0, 1, List.of(state))) {
            TestSourceOutput output = restored.output();
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.MORE_AVAILABLE);
            assertThat(reader.pollNext(output)).isEqualTo(ReadStatus.NOTHING_AVAILABLE);
            assertThat(output.rows()).hasSize(1).first().satisfies(r -> assertThat(r[0]).isNotNull());
        }
    }

    @Test
    void shouldFailOnAStateItCannotRead() throws Exception {
        byte[] state;
        try (ReaderRun run = ReaderRun.open(datagen(true), 0, 1, List.of()).poll(1)) {
            state = run.snapshot(1);
        }
        byte[] truncated = Arrays.copyOf(state, state.length - 3);
        assertThatThrownBy(() -> ReaderRun.open(datagen(true), 0, 1, List.of(truncated)))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageStartingWith("Table 'gen': the datagen state of the checkpoint cannot be restored: ");
        byte[] other = state.clone();
        other[0] = 'X';
        assertThatThrownBy(() -> ReaderRun.open(datagen(true), 0, 1, List.of(other)))
                .hasMessageContaining("written by another connector");
        assertThatThrownBy(() -> ReaderRun.open(datagen(true), 0, 2, List.of(state, state)))
                .hasMessageContaining("the states of all 1 old subtasks are needed");
    }
}
