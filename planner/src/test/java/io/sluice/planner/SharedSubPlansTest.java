package io.sluice.planner;

import static io.sluice.planner.PlannerFixture.jobGraph;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.graph.Partitioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identical sub-plans of one job, across its sinks, run as one vertex whose output fans out. */
class SharedSubPlansTest {
    private static final String COUNTS = "SELECT auction, COUNT(*) AS cnt FROM bids GROUP BY auction";
    private static final String WINDOW_COUNTS = "SELECT auction, window_start, window_end, COUNT(*) AS num "
            + "FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
            + "GROUP BY auction, window_start, window_end";

    private final PlannerFixture fixture = new PlannerFixture(PlannerFixture.BIDS, PlannerFixture.SINK,
            "CREATE TABLE sink2 (a BIGINT, b DECIMAL(10, 2)) WITH ('connector' = 'blackhole')");

    @Test
    void selfJoinOfOneAggregateBuildsTheSourceAndTheAggregateOnce() {
        PlannedJob job = fixture.query("SELECT l.auction, l.cnt, r.cnt FROM (" + COUNTS + ") l JOIN (" + COUNTS
                + ") r ON l.auction = r.auction");
        JobGraph graph = job.graph();
        assertThat(graph.vertices()).hasSize(3);
        assertThat(named(graph, "Source: bids")).hasSize(1);
        JobVertex aggregate = single(graph, "GroupAggregate");
        JobVertex join = single(graph, "Join[INNER]");
        List<JobEdge> outputs = graph.outputsOf(aggregate.id());
        assertThat(outputs).extracting(JobEdge::target).containsExactly(join.id(), join.id());
        assertThat(outputs).extracting(JobEdge::targetInput).containsExactly(0, 1);
        assertThat(outputs).extracting(JobEdge::partitioning).containsOnly(Partitioning.hash(new int[] {0}));
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: GroupAggregate (parallelism 4) <- HASH[0] from vertex 0; "
                + "shared by vertex 2 (input 0), vertex 2 (input 1)\n"
                + "Vertex 2: Join[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[0] from vertex 1 <- HASH[0] from vertex 1");
    }

    @Test
    void hotItemsComputeTheirWindowAggregateOnceForTheJoinAndForItsMaximum() {
        // Nexmark q5's shape: the window counts, joined with the maximum count per window
        PlannedJob job = fixture.query("SELECT c.auction, c.num FROM (" + WINDOW_COUNTS + ") c "
                + "JOIN (SELECT MAX(num) AS maxn, window_start, window_end FROM (" + WINDOW_COUNTS + ") "
                + "GROUP BY window_start, window_end) m "
                + "ON c.window_start = m.window_start AND c.window_end = m.window_end AND c.num >= m.maxn");
        JobGraph graph = job.graph();
        assertThat(named(graph, "Source: bids")).hasSize(1);
        JobVertex windows = single(graph, "WindowAggregate[HOP(slide=2000ms, size=10000ms)]");
        assertThat(graph.outputsOf(windows.id())).hasSize(2)
                .allSatisfy(edge -> assertThat(edge.partitioning()).isEqualTo(Partitioning.FORWARD));
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: WindowAggregate[HOP(slide=2000ms, size=10000ms)] (parallelism 4) <- HASH[1] from vertex 0; "
                + "shared by vertex 2, vertex 3\n"
                + "Vertex 2: Calc (parallelism 4) <- FORWARD from vertex 1\n"
                + "Vertex 3: Calc (parallelism 4) <- FORWARD from vertex 1\n"
                + "Vertex 4: WindowAggregate[WINDOWED INPUT] -> Calc (parallelism 4) <- HASH[0] from vertex 3\n"
                + "Vertex 5: WindowJoin[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[1] from vertex 2 <- HASH[1] from vertex 4");
    }

    @Test
    void subQueriesWithAnotherFilterConstantShareOnlyTheSource() {
        PlannedJob job = fixture.query("SELECT l.auction FROM "
                + "(SELECT auction, COUNT(*) AS cnt FROM bids WHERE price > 10 GROUP BY auction) l JOIN "
                + "(SELECT auction, COUNT(*) AS cnt FROM bids WHERE price > 20 GROUP BY auction) r "
                + "ON l.auction = r.auction");
        JobGraph graph = job.graph();
        JobVertex source = single(graph, "Source: bids");
        assertThat(graph.outputsOf(source.id())).hasSize(2);
        assertThat(named(graph, "GroupAggregate")).hasSize(2)
                .allSatisfy(aggregate -> assertThat(graph.outputsOf(aggregate.id())).hasSize(1));
        // each filter runs in its own Calc after the shared scan
        assertThat(named(graph, "Calc")).hasSize(3);
    }

    @Test
    void subQueriesOverOtherColumnsAreNotMerged() {
        PlannedJob job = fixture.query("SELECT l.auction FROM (" + COUNTS + ") l JOIN "
                + "(SELECT bidder, COUNT(*) AS cnt FROM bids GROUP BY bidder) r ON l.auction = r.bidder");
        JobGraph graph = job.graph();
        assertThat(named(graph, "Source: bids")).hasSize(1);
        assertThat(named(graph, "GroupAggregate")).hasSize(2)
                .allSatisfy(aggregate -> assertThat(graph.outputsOf(aggregate.id())).hasSize(1));
        PlannedJob sums = fixture.query("SELECT l.auction FROM (" + COUNTS + ") l JOIN "
                + "(SELECT auction, SUM(bidder) AS cnt FROM bids GROUP BY auction) r ON l.auction = r.auction");
        assertThat(named(sums.graph(), "GroupAggregate")).hasSize(2);
    }

    @Test
    void statementSetOfTwoInsertsReadsTheTableOnce() {
        PlannedJob job = fixture.insertAll("INSERT INTO sink1 SELECT auction, price FROM bids WHERE price > 10",
                "INSERT INTO sink2 SELECT bidder, price FROM bids");
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids (parallelism 4); shared by vertex 1, vertex 2\n"
                + "Vertex 1: Calc -> Sink: sink1 (parallelism 4) <- FORWARD from vertex 0\n"
                + "Vertex 2: Calc -> Sink: sink2 (parallelism 4) <- FORWARD from vertex 0");
    }

    @Test
    void twoInsertsOfTheSameRowsWriteThemTwiceFromOneComputation() {
        // sinks are never merged: each INSERT writes its rows, the query before them runs once
        PlannedJob job = fixture.insertAll("INSERT INTO sink1 SELECT auction, price FROM bids WHERE price > 10",
                "INSERT INTO sink1 SELECT auction, price FROM bids WHERE price > 10");
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4); shared by vertex 1, vertex 2\n"
                + "Vertex 1: Sink: sink1 (parallelism 4) <- FORWARD from vertex 0\n"
                + "Vertex 2: Sink: sink1 (parallelism 4) <- FORWARD from vertex 0");
    }

    @Test
    void valuesAreMergedOnlyWithTheSameRows() {
        assertThat(named(fixture.query("SELECT * FROM (VALUES (1), (2)) UNION ALL SELECT * FROM (VALUES (3), (4))")
                .graph(), "Source: VALUES")).hasSize(2);
        assertThat(named(fixture.query("SELECT * FROM (VALUES (1), (2)) UNION ALL SELECT * FROM (VALUES (1), (2))")
                .graph(), "Source: VALUES")).hasSize(1);
    }

    @Test
    void reuseTurnedOffBuildsEveryCopy() {
        String selfJoin = "SELECT l.auction, l.cnt, r.cnt FROM (" + COUNTS + ") l JOIN (" + COUNTS
                + ") r ON l.auction = r.auction";
        PlannedJob job = fixture.query(selfJoin, Map.of("table.optimizer.reuse-sub-plan-enabled", "false"));
        assertThat(jobGraph(job)).isEqualTo(""
                + "Vertex 0: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 1: GroupAggregate (parallelism 4) <- HASH[0] from vertex 0\n"
                + "Vertex 2: Source: bids -> Calc (parallelism 4)\n"
                + "Vertex 3: GroupAggregate (parallelism 4) <- HASH[0] from vertex 2\n"
                + "Vertex 4: Join[INNER] -> Calc -> Sink: result (parallelism 4) "
                + "<- HASH[0] from vertex 1 <- HASH[0] from vertex 3");
    }

    @Test
    void sourceReuseTurnedOffStillSharesLargerSubPlans() {
        Map<String, String> noSourceReuse = Map.of("table.optimizer.reuse-source-enabled", "false");
        PlannedJob union = fixture.query("SELECT auction FROM bids UNION ALL SELECT auction + 1 FROM bids",
                noSourceReuse);
        assertThat(named(union.graph(), "Source: bids")).hasSize(2);
        PlannedJob selfJoin = fixture.query("SELECT l.auction, l.cnt, r.cnt FROM (" + COUNTS + ") l JOIN (" + COUNTS
                + ") r ON l.auction = r.auction", noSourceReuse);
        assertThat(selfJoin.graph().vertices()).hasSize(3);
    }

    @Test
    void reuseSettingsMustBeBooleans() {
        assertThat(fixture.failure(() -> fixture.query("SELECT auction FROM bids",
                Map.of("table.optimizer.reuse-sub-plan-enabled", "yes"))).code()).isEqualTo(ErrorCode.OPTION_ERROR);
    }

    /** The vertices whose chain runs the operator, named with or without its "[…]" details. */
    private static List<JobVertex> named(JobGraph graph, String operator) {
        return graph.vertices().stream().filter(v -> java.util.Arrays.stream(v.name().split(" -> "))
                .anyMatch(name -> name.equals(operator) || name.startsWith(operator + "["))).toList();
    }

    private static JobVertex single(JobGraph graph, String operator) {
        List<JobVertex> vertices = named(graph, operator);
        assertThat(vertices).as("vertices running %s", operator).hasSize(1);
        return vertices.get(0);
    }
}
