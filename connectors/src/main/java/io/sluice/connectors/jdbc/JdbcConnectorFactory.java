package io.sluice.connectors.jdbc;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.RowSchema;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code 'connector'='jdbc'}: a sink into a database table (upsert by primary key on PostgreSQL and
 * MySQL/MariaDB, append elsewhere), optionally exactly once, and a bounded source reading a whole
 * table, with Flink's option names.
 */
public final class JdbcConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "jdbc";
    public static final String URL = "url";
    public static final String TABLE_NAME = "table-name";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String DRIVER = "driver";
    public static final String BUFFER_FLUSH_MAX_ROWS = "sink.buffer-flush.max-rows";
    public static final String BUFFER_FLUSH_INTERVAL = "sink.buffer-flush.interval";
    public static final String MAX_RETRIES = "sink.max-retries";
    public static final String SINK_PARALLELISM = "sink.parallelism";
    public static final String DELIVERY_GUARANTEE = ExactlyOnceJdbcWriter.DELIVERY_GUARANTEE;
    public static final String SCAN_FETCH_SIZE = "scan.fetch-size";
    static final int DEFAULT_MAX_ROWS = 100;
    static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    static final int DEFAULT_MAX_RETRIES = 3;

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of(URL, TABLE_NAME, USERNAME, PASSWORD, DRIVER, BUFFER_FLUSH_MAX_ROWS, BUFFER_FLUSH_INTERVAL,
                MAX_RETRIES, SINK_PARALLELISM, DELIVERY_GUARANTEE, SCAN_FETCH_SIZE);
    }

    @Override
    public TableSink createSink(TableContext context) {
        ConnectorOptions options = context.options();
        JdbcConnectionOptions connection = connection(context);
        RowSchema schema = context.physicalSchema();
        checkTypes(options, schema);
        int[] keyFields = keyFields(context);
        JdbcDialect dialect = JdbcDialect.forUrl(connection.url());
        if (keyFields.length > 0
                && dialect.upsertStatement(connection.tableName(), schema.names(), context.primaryKey()).isEmpty()) {
            throw options.error("the jdbc sink upserts by the primary key " + context.primaryKey()
                    + " with PostgreSQL ('jdbc:postgresql:') and MySQL/MariaDB ('jdbc:mysql:', 'jdbc:mariadb:')"
                    + " only, but option '" + URL + "' is '" + connection.maskedUrl()
                    + "'; drop the PRIMARY KEY to append");
        }
        int maxRows = nonNegative(options, BUFFER_FLUSH_MAX_ROWS, DEFAULT_MAX_ROWS);
        Duration interval = options.getDuration(BUFFER_FLUSH_INTERVAL, DEFAULT_FLUSH_INTERVAL);
        int maxRetries = nonNegative(options, MAX_RETRIES, DEFAULT_MAX_RETRIES);
        if (options.contains(SINK_PARALLELISM) && options.getInt(SINK_PARALLELISM, 1) <= 0) {
            throw options.invalid(SINK_PARALLELISM, options.require(SINK_PARALLELISM), "a positive integer");
        }
        DeliveryGuarantee guarantee = DeliveryGuarantee.parse(options, DELIVERY_GUARANTEE);
        return new JdbcTableSink(new JdbcSinkConfig(connection, dialect, schema, keyFields, guarantee, maxRows,
                interval, maxRetries));
    }

    @Override
    public TableSource createSource(TableContext context) {
        ConnectorOptions options = context.options();
        JdbcConnectionOptions connection = connection(context);
        checkTypes(options, context.physicalSchema());
        int fetchSize = nonNegative(options, SCAN_FETCH_SIZE, 0);
        return new JdbcTableSource(connection, JdbcDialect.forUrl(connection.url()), context.physicalSchema(),
                fetchSize);
    }

    private static JdbcConnectionOptions connection(TableContext context) {
        ConnectorOptions options = context.options();
        String url = options.require(URL).trim();
        if (!url.startsWith("jdbc:")) {
            throw options.invalid(URL, url, "a JDBC URL such as 'jdbc:postgresql://host:5432/db'");
        }
        String tableName = options.require(TABLE_NAME).trim();
        if (tableName.isEmpty()) {
            throw options.invalid(TABLE_NAME, tableName, "a table name");
        }
        Optional<String> username = options.get(USERNAME);
        Optional<String> password = options.get(PASSWORD);
        if (password.isPresent() && username.isEmpty()) {
            throw options.error("option '" + PASSWORD + "' needs option '" + USERNAME + "'");
        }
        return new JdbcConnectionOptions(context.tableName(), url, tableName, username, password,
                options.get(DRIVER).map(String::trim));
    }

    private static void checkTypes(ConnectorOptions options, RowSchema schema) {
        for (int i = 0; i < schema.size(); i++) {
            Optional<String> problem = JdbcValues.unsupported(schema.type(i));
            if (problem.isPresent()) {
                throw options.error("column '" + schema.name(i) + "' cannot be stored by the jdbc connector: "
                        + problem.get());
            }
        }
    }

    private static int[] keyFields(TableContext context) {
        int[] fields = new int[context.primaryKey().size()];
        for (int i = 0; i < fields.length; i++) {
            String column = context.primaryKey().get(i);
            fields[i] = context.physicalSchema().indexOf(column);
            if (fields[i] < 0) {
                throw context.options().error("primary key column '" + column + "' is not a physical column");
            }
        }
        return fields;
    }

    private static int nonNegative(ConnectorOptions options, String key, int defaultValue) {
        int value = options.getInt(key, defaultValue);
        if (value < 0) {
            throw options.invalid(key, options.require(key), "zero or a positive integer");
        }
        return value;
    }
}
