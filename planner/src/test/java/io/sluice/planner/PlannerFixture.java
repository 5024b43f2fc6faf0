package io.sluice.planner;

import io.sluice.executor.error.SluiceException;
import io.sluice.planner.calcite.SqlErrors;
import io.sluice.planner.catalog.Catalog;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlCreateView;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/** A catalog with a few tables, and planning of statements against it, for planner tests. */
final class PlannerFixture {
    static final String BIDS = "CREATE TABLE bids (\n"
            + "  auction BIGINT, bidder BIGINT, price DECIMAL(10, 2), channel STRING, url STRING,\n"
            + "  dateTime TIMESTAMP(3),\n"
            + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND\n"
            + ") WITH ('connector' = 'datagen', 'number-of-rows' = '10')";
    static final String NO_TIME = "CREATE TABLE plain (id BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen')";
    static final String SINK = "CREATE TABLE sink1 (a BIGINT, b DECIMAL(10, 2)) WITH ('connector' = 'blackhole')";

    final Planner planner = new Planner(new Catalog(), ConnectorRegistry.load());
    final PlannerConfig config = PlannerConfig.from(Map.of("parallelism.default", "4"));

    PlannerFixture(String... ddl) {
        for (String statement : ddl) {
            SqlNode node = parse(statement);
            if (node instanceof SqlCreateTable table) {
                planner.catalog().createTable(planner.definitions().table(table), false);
            } else {
                planner.catalog().createView(planner.definitions().view((SqlCreateView) node), false);
            }
        }
    }

    static SqlNode parse(String sql) {
        try {
            return SluiceSqlParser.parseStatement(sql);
        } catch (SqlParseException e) {
            throw SqlErrors.fromParse(e);
        }
    }

    PlannedJob insert(String sql) {
        return planner.planInserts("test", List.of(parse(sql)), config);
    }

    /** A statement set: the INSERTs planned into one job. */
    PlannedJob insertAll(String... inserts) {
        return planner.planInserts("test", java.util.Arrays.stream(inserts).map(PlannerFixture::parse).toList(), config);
    }

    PlannedJob query(String sql) {
        return query(sql, config);
    }

    /** Plans with settings beside the fixture's parallelism. */
    PlannedJob query(String sql, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("parallelism.default", "4");
        return query(sql, PlannerConfig.from(all));
    }

    private PlannedJob query(String sql, PlannerConfig config) {
        return planner.planQuery("test", parse(sql), config, schema -> new io.sluice.executor.connector.TableSink() {
            @Override
            public io.sluice.executor.connector.SinkWriter createWriter(int subtaskIndex, int parallelism) {
                throw new UnsupportedOperationException("plans are not run here");
            }

            @Override
            public boolean acceptsUpdates() {
                return true;
            }

            @Override
            public String describe() {
                return "collect";
            }
        });
    }

    /** The physical plan section of EXPLAIN. */
    static String physical(PlannedJob job) {
        String explain = job.explain();
        int start = explain.indexOf("== Physical Plan ==\n") + "== Physical Plan ==\n".length();
        return explain.substring(start, explain.indexOf("\n== Job Graph ==")).strip();
    }

    static String jobGraph(PlannedJob job) {
        return job.explain().substring(job.explain().indexOf("== Job Graph ==\n") + "== Job Graph ==\n".length()).strip();
    }

    SluiceException failure(Runnable action) {
        try {
            action.run();
        } catch (SluiceException e) {
            return e;
        }
        throw new AssertionError("expected a SluiceException");
    }
}
