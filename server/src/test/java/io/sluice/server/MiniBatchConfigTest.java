package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

/**
 * {@code SET 'table.exec.mini-batch.*'} reaches the group aggregate (shown in EXPLAIN); the settings
 * are checked together when a query uses them, so they can be set in any order. Batching itself is
 * tested in the executor's {@code GroupAggregateMiniBatchTest}.
 */
class MiniBatchConfigTest {
    private static final String SOURCE = "CREATE TABLE src (k BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10')";
    private static final String QUERY = "EXPLAIN SELECT k, COUNT(*) FROM src GROUP BY k";

    private static String plan(SqlTestRunner sql) throws Exception {
        return ((StatementResult.Explain) sql.run(QUERY).get(0)).plan();
    }

    @Test
    void explainShowsTheMiniBatchOfTheGroupAggregateOnlyWhenEnabled() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(SOURCE);
            assertThat(plan(sql)).contains("StreamGroupAggregate").doesNotContain("miniBatch");
            sql.run("SET 'table.exec.mini-batch.enabled' = 'true';\n"
                    + "SET 'table.exec.mini-batch.allow-latency' = '2 s';\n"
                    + "SET 'table.exec.mini-batch.size' = '5000'");
            assertThat(plan(sql)).contains("miniBatch=[size=5000, latency=2000 ms]");
            sql.run("SET 'table.exec.mini-batch.enabled' = 'false'");
            assertThat(plan(sql)).doesNotContain("miniBatch");
        }
    }

    @Test
    void enabledWithoutALatencyIsAnErrorNamingTheOption() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(SOURCE + ";\nSET 'table.exec.mini-batch.enabled' = 'true';\n"
                    + "SET 'table.exec.mini-batch.size' = '100'");
            assertThatThrownBy(() -> plan(sql))
                    .isInstanceOfSatisfying(SluiceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                    .hasMessageContaining("'table.exec.mini-batch.allow-latency' must be greater than 0");
        }
    }

    @Test
    void enabledWithoutASizeIsAnErrorNamingTheOption() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(SOURCE + ";\nSET 'table.exec.mini-batch.enabled' = 'true';\n"
                    + "SET 'table.exec.mini-batch.allow-latency' = '1 s'");
            assertThatThrownBy(() -> plan(sql))
                    .hasMessageContaining("'table.exec.mini-batch.size' must be greater than 0");
            sql.run("SET 'table.exec.mini-batch.size' = '0'");
            assertThatThrownBy(() -> plan(sql))
                    .hasMessageContaining("'table.exec.mini-batch.size' must be greater than 0");
        }
    }

    @Test
    void valuesOfTheWrongFormAreRefusedWhenSet() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            assertThatThrownBy(() -> sql.run("SET 'table.exec.mini-batch.enabled' = 'yes'"))
                    .hasMessageContaining("'table.exec.mini-batch.enabled' must be true or false");
            assertThatThrownBy(() -> sql.run("SET 'table.exec.mini-batch.allow-latency' = 'soon'"))
                    .hasMessageContaining("'table.exec.mini-batch.allow-latency' must be a duration");
            assertThatThrownBy(() -> sql.run("SET 'table.exec.mini-batch.size' = 'many'"))
                    .hasMessageContaining("'table.exec.mini-batch.size' must be a number of rows");
        }
    }
}
