package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SET 'table.exec.state.ttl'} reaches the group aggregate (shown in EXPLAIN) in each of
 * Flink's duration forms; expiry itself is tested with an injected clock in the executor's
 * {@code GroupAggregateStateTtlTest}.
 */
class StateTtlConfigTest {
    private static final String SOURCE = "CREATE TABLE src (k BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10')";
    private static final String QUERY = "EXPLAIN SELECT k, COUNT(*) FROM src GROUP BY k";

    private static String plan(SqlTestRunner sql) throws Exception {
        return ((StatementResult.Explain) sql.run(QUERY).get(0)).plan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600000", "1 h", "60 min", "3600 s"})
    void anHourInAnyFormIsTheGroupAggregatesTtl(String ttl) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(SOURCE + ";\nSET 'table.exec.state.ttl' = '" + ttl + "'");
            assertThat(plan(sql)).contains("stateTtl=[3600000 ms]");
        }
    }

    @Test
    void aDayAndTheDefault() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(SOURCE);
            assertThat(plan(sql)).contains("StreamGroupAggregate").doesNotContain("stateTtl");
            sql.run("SET 'table.exec.state.ttl' = '1 d'");
            assertThat(plan(sql)).contains("stateTtl=[86400000 ms]");
            sql.run("SET 'table.exec.state.ttl' = '0'");
            assertThat(plan(sql)).doesNotContain("stateTtl");
        }
    }

    @Test
    void aValueThatIsNotADurationIsRefusedNamingTheKey() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            assertThatThrownBy(() -> sql.run("SET 'table.exec.state.ttl' = 'an hour'"))
                    .hasMessageContaining("'table.exec.state.ttl' must be a duration")
                    .hasMessageContaining("'an hour'");
        }
    }
}
