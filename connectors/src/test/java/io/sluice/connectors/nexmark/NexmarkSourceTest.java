package io.sluice.connectors.nexmark;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.source;
import static io.sluice.connectors.nexmark.NexmarkTestTables.nexmark;
import static io.sluice.connectors.nexmark.NexmarkTestTables.read;
import static io.sluice.connectors.nexmark.NexmarkTestTables.schema;
import static io.sluice.connectors.nexmark.NexmarkTestTables.tableOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The source's contract: deterministic, the same events at any parallelism, exact replay, clear errors. */
class NexmarkSourceTest {
    private static final long EVENTS = 20_000;

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"person", "auction", "bid"})
    void shouldMakeTheSameEventsForTheSameSeed(String table) throws Exception {
        assertThat(read(table, EVENTS, 11, 2)).isEqualTo(read(table, EVENTS, 11, 2));
        assertThat(read(table, EVENTS, 11, 2)).isNotEqualTo(read(table, EVENTS, 12, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"person", "auction", "bid"})
    void shouldMakeTheSameEventsAtAnyParallelism(String table) throws Exception {
        List<List<Object>> one = read(table, EVENTS, 3, 1);
        assertThat(sorted(read(table, EVENTS, 3, 3))).isEqualTo(sorted(one));
        assertThat(sorted(read(table, EVENTS + 7, 3, 4))).isEqualTo(sorted(read(table, EVENTS + 7, 3, 1)));
    }

    @Test
    void shouldEmitEachSubtasksEventsInEventTimeOrderOnOneSplit() throws Exception {
        for (ConnectorTestSupport.SubtaskResult result : ConnectorTestSupport.readAll(nexmark("bid", EVENTS, 3), 3)) {
            assertThat(result.output().splits()).hasSize(1);
            ConnectorTestSupport.TestSourceOutput.TestSplit split = result.output().splits().values().iterator().next();
            assertThat(split.finished()).isTrue();
            List<Long> times = split.rows().stream().map(r -> (Long) r[5]).toList();
            assertThat(times).isSorted();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void shouldContinueExactlyAfterARestore(int parallelism) throws Exception {
        for (int s = 0; s < parallelism; s++) {
            List<byte[]> snapshots = new ArrayList<>();
            List<Integer> emittedAtSnapshot = new ArrayList<>();
            List<List<Object>> uninterrupted;
            try (ReaderRun run = ReaderRun.open(nexmark("bid", EVENTS, 5), s, parallelism, List.of())) {
                for (int polls : new int[] {0, 1, 2, 3}) {
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
                // the state's seed wins over the restored table's option
                try (ReaderRun restored = ReaderRun.open(nexmark("bid", EVENTS, 6), s, parallelism,
                        List.of(snapshots.get(i)))) {
                    restored.readToEnd();
                    assertThat(restored.rows()).as("subtask %d restored from snapshot %d", s, i)
                            .isEqualTo(uninterrupted.subList(emittedAtSnapshot.get(i), uninterrupted.size()));
                }
            }
        }
    }

    @Test
    void shouldRefuseARestoreAtAnotherParallelism() throws Exception {
        List<byte[]> states = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            try (ReaderRun run = ReaderRun.open(nexmark("bid", 5_000, 5), s, 2, List.of())) {
                states.add(run.poll(1).snapshot(1));
            }
        }
        assertThatThrownBy(() -> ReaderRun.open(nexmark("bid", 5_000, 5), 0, 3, states))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'bid': the nexmark state of the checkpoint cannot be restored")
                .hasMessageContaining("same parallelism");
    }

    @Test
    void shouldReadDeclaredColumnsByNameInAnyOrder() throws Exception {
        RowSchema schema = RowSchema.builder()
                .field("dateTime", LogicalType.of(TypeRoot.TIMESTAMP, 3))
                .field("PRICE", LogicalType.of(TypeRoot.BIGINT))
                .build();
        TableSource narrow = source("nexmark", "bid", schema, tableOptions("bid", 2_000, 5));
        List<List<Object>> full = read("bid", 2_000, 5, 2);
        List<List<Object>> projected = ConnectorTestSupport.rows(ConnectorTestSupport.readAll(narrow, 2));
        assertThat(projected).isEqualTo(full.stream().map(r -> List.of(r.get(5), r.get(2))).toList());
    }

    @Test
    void shouldRunWithoutEndWhenNoEventCountIsGiven() throws Exception {
        Map<String, String> opts = new HashMap<>(tableOptions("person", 1, 1));
        opts.remove("nexmark.events");
        TableSource unbounded = source("nexmark", "person", schema("person"), opts);
        assertThat(unbounded.isBounded()).isFalse();
        try (ReaderRun run = ReaderRun.open(unbounded, 0, 2, List.of())) {
            assertThat(run.poll(4).ended()).isFalse();
            assertThat(run.rows()).hasSize(4 * NexmarkReader.MAX_ROWS_PER_POLL);
        }
    }

    @Test
    void shouldThrottleToTheWallClockLimit() throws Exception {
        Map<String, String> opts = new HashMap<>(tableOptions("bid", 1_000_000, 1));
        opts.put("nexmark.max-events-per-second", "50");
        TableSource slow = source("nexmark", "bid", schema("bid"), opts);
        try (ReaderRun run = ReaderRun.open(slow, 0, 1, List.of())) {
            run.poll(1_000);
            // a bucket of one token at the start, 46 bids/s: far fewer than 1000 polls could make
            assertThat(run.rows().size()).isLessThan(10);
        }
    }

    @Test
    void shouldNameTheTableAndTheOptionOfABadOption() {
        assertThatThrownBy(() -> source("nexmark", "t", schema("bid"), options("nexmark.table", "bids")))
                .hasMessage("Table 't': option 'nexmark.table' must be 'person', 'auction' or 'bid', but is 'bids'");
        assertThatThrownBy(() -> source("nexmark", "t", schema("bid"), options()))
                .hasMessageContaining("Table 't'").hasMessageContaining("'nexmark.table'");
        assertThatThrownBy(() -> source("nexmark", "t", schema("bid"),
                options("nexmark.table", "bid", "nexmark.rate", "0")))
                .hasMessageContaining("Table 't': option 'nexmark.rate' must be a positive number");
        assertThatThrownBy(() -> source("nexmark", "t", schema("bid"),
                options("nexmark.table", "bid", "nexmark.events", "-5")))
                .hasMessageContaining("Table 't': option 'nexmark.events' must be an integer of at least 0");
    }

    @Test
    void shouldNameAnUnknownOrMistypedColumn() {
        RowSchema unknown = RowSchema.builder().field("bidPrice", LogicalType.of(TypeRoot.BIGINT)).build();
        assertThatThrownBy(() -> source("nexmark", "b", unknown, options("nexmark.table", "bid")))
                .hasMessage("Table 'b': column 'bidPrice' is not a column of the nexmark bid table; its columns are "
                        + "auction, bidder, price, channel, url, dateTime, extra");
        RowSchema mistyped = RowSchema.builder().field("price", LogicalType.of(TypeRoot.INTEGER)).build();
        assertThatThrownBy(() -> source("nexmark", "b", mistyped, options("nexmark.table", "bid")))
                .hasMessageContaining("Table 'b': column 'price' of the nexmark bid table must be BIGINT");
    }
}
