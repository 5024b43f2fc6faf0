package io.sluice.connectors.jdbc;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.jdbc.PostgresTestSupport.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.connector.TableSink;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options of {@code 'connector'='jdbc'}: errors name the table and the option; nothing connects here. */
class JdbcConnectorFactoryTest {
    private static final RowSchema SCHEMA = JdbcSinkTest.SCORES;
    private static final String PG = "jdbc:postgresql://localhost:5432/db";

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> options = options("url", PG, "table-name", "scores");
        options.putAll(options(keysAndValues));
        return options;
    }

    private static void assertOptionError(Map<String, String> options, List<String> key, String... fragments) {
        assertThatThrownBy(() -> sink("scores", SCHEMA, key, options))
                .isInstanceOf(SluiceException.class)
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .hasMessageStartingWith("Table 'scores': ")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void shouldListFlinksOptionNames() {
        assertThat(PostgresTestSupport.factory().supportedOptions()).contains("url", "table-name", "username",
                "password", "driver", "sink.buffer-flush.max-rows", "sink.buffer-flush.interval", "sink.max-retries",
                "sink.parallelism", "sink.delivery-guarantee");
    }

    @Test
    void shouldRequireUrlAndTableName() {
        assertOptionError(options("table-name", "scores"), List.of(), "missing required option 'url'");
        assertOptionError(options("url", PG), List.of(), "missing required option 'table-name'");
        assertOptionError(with("url", "postgresql://localhost/db"), List.of(), "option 'url'", "a JDBC URL");
    }

    @Test
    void shouldCheckNumbersDurationsAndTheGuarantee() {
        assertOptionError(with("sink.buffer-flush.max-rows", "-1"), List.of(), "'sink.buffer-flush.max-rows'",
                "zero or a positive integer");
        assertOptionError(with("sink.buffer-flush.interval", "soon"), List.of(), "'sink.buffer-flush.interval'",
                "a duration");
        assertOptionError(with("sink.max-retries", "many"), List.of(), "'sink.max-retries'", "an integer");
        assertOptionError(with("sink.parallelism", "0"), List.of(), "'sink.parallelism'", "a positive integer");
        assertOptionError(with("sink.delivery-guarantee", "twice"), List.of(), "'sink.delivery-guarantee'",
                "'exactly-once', 'at-least-once' or 'none'");
        assertOptionError(with("password", "secret"), List.of(), "option 'password' needs option 'username'");
    }

    @Test
    void shouldRefuseUpsertsWhereTheDialectHasNone() {
        assertOptionError(with("url", "jdbc:derby:memory:db"), List.of("player", "game"),
                "upserts by the primary key [player, game]", "'jdbc:derby:memory:db'", "drop the PRIMARY KEY");
        TableSink append = sink("scores", SCHEMA, List.of(), with("url", "jdbc:derby:memory:db"));
        assertThat(append.acceptsUpdates()).isFalse();
    }

    @Test
    void shouldRefuseColumnsWithoutAJdbcType() {
        RowSchema withInterval = RowSchema.builder().field("id", LogicalType.of(TypeRoot.INTEGER))
                .field("gap", LogicalType.of(TypeRoot.INTERVAL_DAY_TIME)).build();
        assertThatThrownBy(() -> sink("scores", withInterval, List.of(), with()))
                .hasMessageContaining("Table 'scores': column 'gap' cannot be stored by the jdbc connector");
    }

    @Test
    void shouldAcceptUpdatesWithAPrimaryKeyAndDescribeItself() {
        TableSink upsert = sink("scores", SCHEMA, List.of("player", "game"),
                with("url", PG + "?password=secret", "sink.delivery-guarantee", "exactly-once"));
        assertThat(upsert.acceptsUpdates()).isTrue();
        assertThat(upsert.isExactlyOnce()).isTrue();
        assertThat(upsert.describe()).isEqualTo("jdbc[url=" + PG + "?password=***, table-name=scores, upsert,"
                + " exactly-once]");

        TableSink append = sink("scores", SCHEMA, List.of(), with());
        assertThat(append.acceptsUpdates()).isFalse();
        assertThat(append.isExactlyOnce()).as("appends are repeated after a crash").isFalse();
        assertThat(sink("scores", SCHEMA, List.of("player", "game"), with()).isExactlyOnce())
                .as("upserts flushed at checkpoints rewrite the same rows").isTrue();
    }
}
