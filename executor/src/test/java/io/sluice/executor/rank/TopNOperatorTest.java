package io.sluice.executor.rank;

import static io.sluice.executor.testing.OperatorHarness.delete;
import static io.sluice.executor.testing.OperatorHarness.insert;
import static io.sluice.executor.testing.OperatorHarness.updateAfter;
import static io.sluice.executor.testing.OperatorHarness.updateBefore;
import static io.sluice.executor.testing.OperatorHarness.verifyOperator;
import static io.sluice.executor.testing.OperatorHarness.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Input rows are {@code [partition, price, id]}, ranked by price descending. The harness also
 * snapshots and restores the operator between inputs, on the heap and the RocksDB backend.
 */
class TopNOperatorTest {
    private static final int[] BY_PARTITION = {0};
    private static final SortOrder BY_PRICE_DESC = SortOrder.descending(1);

    private static OperatorHarness<TopNOperator> topN(long n, boolean rankNumber, boolean updating) {
        return verifyOperator(() -> new TopNOperator(BY_PARTITION, BY_PRICE_DESC, RankRange.top(n), rankNumber, updating));
    }

    @Test
    void withRankNumbersEachRankIsUpdatedWhenItsRowChanges() {
        topN(2, true, false)
                .input(insert("a", 10L, 1), insert("a", 30L, 2), insert("a", 20L, 3), insert("a", 5L, 4),
                        insert("b", 7L, 5))
                .expectOutput(
                        insert("a", 10L, 1, 1L),
                        // 30 takes rank 1: 10 moves to rank 2
                        updateBefore("a", 10L, 1, 1L), updateAfter("a", 30L, 2, 1L),
                        insert("a", 10L, 1, 2L),
                        // 20 takes rank 2 and pushes 10 out
                        updateBefore("a", 10L, 1, 2L), updateAfter("a", 20L, 3, 2L),
                        // 5 ranks below the top 2: nothing
                        insert("b", 7L, 5, 1L));
    }

    @Test
    void withoutRankNumbersOnlyRowsEnteringAndLeavingAreEmitted() {
        topN(2, false, false)
                .input(insert("a", 10L, 1), insert("a", 30L, 2), insert("a", 20L, 3), insert("a", 5L, 4))
                .expectOutput(
                        insert("a", 10L, 1),
                        insert("a", 30L, 2),
                        delete("a", 10L, 1), insert("a", 20L, 3));
    }

    @Test
    void tiesKeepArrivalOrder() {
        topN(2, true, false)
                .input(insert("a", 10L, 1), insert("a", 10L, 2), insert("a", 10L, 3), insert("a", 11L, 4))
                .expectOutput(
                        insert("a", 10L, 1, 1L),
                        // a tie ranks after the rows already there
                        insert("a", 10L, 2, 2L),
                        updateBefore("a", 10L, 2, 2L), updateAfter("a", 10L, 1, 2L),
                        updateBefore("a", 10L, 1, 1L), updateAfter("a", 11L, 4, 1L));
    }

    @Test
    void aRankRangeShowsOnlyItsRanks() {
        verifyOperator(() -> new TopNOperator(BY_PARTITION, BY_PRICE_DESC, new RankRange(2, 3), true, false))
                .input(insert("a", 10L, 1), insert("a", 20L, 2), insert("a", 30L, 3))
                .expectOutput(
                        insert("a", 10L, 1, 2L),
                        updateBefore("a", 10L, 1, 2L), updateAfter("a", 20L, 2, 2L), insert("a", 10L, 1, 3L));
    }

    @Test
    void aRetractedRowLeavesAndTheNextOneMovesUp() {
        topN(2, true, true)
                .input(insert("a", 10L, 1), insert("a", 30L, 2), insert("a", 20L, 3),
                        // the input updates 30 to 5: it leaves the top 2 and 10 comes back
                        updateBefore("a", 30L, 2), updateAfter("a", 5L, 2),
                        delete("a", 20L, 3), delete("a", 10L, 1), delete("a", 5L, 2),
                        // never seen: ignored
                        delete("a", 99L, 9))
                .expectOutput(
                        insert("a", 10L, 1, 1L),
                        updateBefore("a", 10L, 1, 1L), updateAfter("a", 30L, 2, 1L), insert("a", 10L, 1, 2L),
                        updateBefore("a", 10L, 1, 2L), updateAfter("a", 20L, 3, 2L),
                        // -U 30: 20 and 10 move up
                        updateBefore("a", 30L, 2, 1L), updateAfter("a", 20L, 3, 1L),
                        updateBefore("a", 20L, 3, 2L), updateAfter("a", 10L, 1, 2L),
                        // +U 5: below the top 2
                        // -D 20: 10 moves up, 5 comes in
                        updateBefore("a", 20L, 3, 1L), updateAfter("a", 10L, 1, 1L),
                        updateBefore("a", 10L, 1, 2L), updateAfter("a", 5L, 2, 2L),
                        // -D 10, -D 5
                        updateBefore("a", 10L, 1, 1L), updateAfter("a", 5L, 2, 1L), delete("a", 5L, 2, 2L),
                        delete("a", 5L, 2, 1L));
    }

    @Test
    void retractionsWithoutRankNumbersDeleteAndInsert() {
        topN(1, false, true)
                .input(insert("a", 10L, 1), insert("a", 30L, 2), delete("a", 30L, 2), insert("a", 10L, 1))
                .expectOutput(
                        insert("a", 10L, 1),
                        delete("a", 10L, 1), insert("a", 30L, 2),
                        // the duplicate 10 that follows ranks second: the top 1 does not change
                        delete("a", 30L, 2), insert("a", 10L, 1));
    }

    @Test
    void watermarksPassThrough() {
        topN(1, false, false).input(insert("a", 1L, 1), watermark(5)).expectOutput(insert("a", 1L, 1), watermark(5));
    }

    /** Random inserts and retractions: the replayed changelog equals a top-N computed from scratch. */
    @Test
    void theReplayedChangelogIsTheTopNOfWhatRemains() {
        Random random = new Random(3);
        List<OperatorHarness.Row> input = new ArrayList<>();
        Map<String, List<Object[]>> live = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            String partition = "p" + random.nextInt(3);
            List<Object[]> rows = live.computeIfAbsent(partition, p -> new ArrayList<>());
            if (!rows.isEmpty() && random.nextInt(3) == 0) {
                Object[] row = rows.remove(random.nextInt(rows.size()));
                input.add(delete(row));
            } else {
                Object[] row = {partition, (long) random.nextInt(20), i};
                rows.add(row);
                input.add(insert(row));
            }
        }
        for (boolean rankNumber : new boolean[] {true, false}) {
            List<OperatorHarness.Row> output = topN(3, rankNumber, true).input(input).run().rows();
            List<List<Object>> result = new ArrayList<>();
            for (OperatorHarness.Row row : output) {
                if (row.kind().isAccumulate()) {
                    result.add(row.fields());
                } else {
                    assertThat(result.remove(row.fields())).as("retracted %s was in the result", row).isTrue();
                }
            }
            List<List<Object>> expected = new ArrayList<>();
            live.forEach((partition, rows) -> {
                List<Object[]> sorted = new ArrayList<>(rows);
                // by price descending, ties by arrival (the id grows with arrival)
                sorted.sort((a, b) -> a[1].equals(b[1]) ? Integer.compare((Integer) a[2], (Integer) b[2])
                        : Long.compare((Long) b[1], (Long) a[1]));
                for (int i = 0; i < Math.min(3, sorted.size()); i++) {
                    List<Object> fields = new ArrayList<>(List.of(sorted.get(i)));
                    if (rankNumber) {
                        fields.add(i + 1L);
                    }
                    expected.add(fields);
                }
            });
            assertThat(result).as("rank numbers: %s", rankNumber).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
