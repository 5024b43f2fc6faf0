package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcDialectTest {
    private static final List<String> COLUMNS = List.of("k", "window_start", "cnt");
    private static final List<String> KEY = List.of("k", "window_start");

    @Test
    void postgresUpsertsWithOnConflict() {
        JdbcDialect dialect = JdbcDialect.forUrl("jdbc:postgresql://h/db");
        assertThat(dialect.upsertStatement("app.results", COLUMNS, KEY)).contains(
                "INSERT INTO \"app\".\"results\" (\"k\", \"window_start\", \"cnt\") VALUES (?, ?, ?)"
                        + " ON CONFLICT (\"k\", \"window_start\") DO UPDATE SET \"cnt\" = EXCLUDED.\"cnt\"");
        assertThat(dialect.upsertStatement("t", KEY, KEY)).hasValueSatisfying(
                sql -> assertThat(sql).endsWith("ON CONFLICT (\"k\", \"window_start\") DO NOTHING"));
        assertThat(dialect.deleteStatement("t", KEY))
                .isEqualTo("DELETE FROM \"t\" WHERE \"k\" = ? AND \"window_start\" = ?");
    }

    @Test
    void mysqlAndMariaDbUpsertWithOnDuplicateKey() {
        for (String url : List.of("jdbc:mysql://h/db", "jdbc:mariadb://h/db")) {
            JdbcDialect dialect = JdbcDialect.forUrl(url);
            assertThat(dialect.upsertStatement("results", COLUMNS, KEY)).contains(
                    "INSERT INTO `results` (`k`, `window_start`, `cnt`) VALUES (?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE `cnt` = VALUES(`cnt`)");
        }
        assertThat(JdbcDialect.forUrl("jdbc:mysql://h/db").quoteIdentifier("we`ird")).isEqualTo("`we``ird`");
    }

    @Test
    void otherDatabasesAppendOnly() {
        JdbcDialect dialect = JdbcDialect.forUrl("jdbc:h2:mem:x");
        assertThat(dialect.upsertStatement("t", COLUMNS, KEY)).isEmpty();
        assertThat(dialect.insertStatement("t", List.of("a", "b\"c")))
                .isEqualTo("INSERT INTO \"t\" (\"a\", \"b\"\"c\") VALUES (?, ?)");
    }
}
