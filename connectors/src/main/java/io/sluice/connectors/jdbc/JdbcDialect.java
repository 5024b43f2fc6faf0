package io.sluice.connectors.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What differs between databases in the statements a jdbc sink writes: quoting of identifiers and
 * the upsert statement. Chosen by the URL; a database without a known dialect can be appended to
 * only, since standard SQL has no upsert every database understands ({@code MERGE} differs too much).
 */
abstract class JdbcDialect {

    static JdbcDialect forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return new MySqlDialect();
        }
        return new GenericDialect();
    }

    /** For messages: {@code PostgreSQL}. */
    abstract String name();

    abstract String quoteIdentifier(String identifier);

    /** A possibly schema-qualified table name ({@code schema.table}), each part quoted. */
    final String quoteTableName(String tableName) {
        return java.util.Arrays.stream(tableName.split("\\.", -1)).map(this::quoteIdentifier)
                .collect(Collectors.joining("."));
    }

    /**
     * {@code INSERT} of all {@code columns} that updates the other columns of an existing row with
     * the same {@code keyColumns}; empty when the database has no such statement.
     */
    abstract Optional<String> upsertStatement(String table, List<String> columns, List<String> keyColumns);

    final String insertStatement(String table, List<String> columns) {
        return "INSERT INTO " + quoteTableName(table) + " (" + quotedList(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    final String deleteStatement(String table, List<String> keyColumns) {
        return "DELETE FROM " + quoteTableName(table) + " WHERE " + keyColumns.stream()
                .map(c -> quoteIdentifier(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    final String updateStatement(String table, List<String> setColumns, List<String> keyColumns) {
        return "UPDATE " + quoteTableName(table) + " SET "
                + setColumns.stream().map(c -> quoteIdentifier(c) + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + keyColumns.stream().map(c -> quoteIdentifier(c) + " = ?")
                .collect(Collectors.joining(" AND "));
    }

    final String quotedList(List<String> columns) {
        return columns.stream().map(this::quoteIdentifier).collect(Collectors.joining(", "));
    }

    static String doubleQuoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c}. */
    static final class PostgresDialect extends JdbcDialect {
        @Override
        String name() {
            return "PostgreSQL";
        }

        @Override
        String quoteIdentifier(String identifier) {
            return doubleQuoted(identifier);
        }

        @Override
        Optional<String> upsertStatement(String table, List<String> columns, List<String> keyColumns) {
            List<String> others = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
            String onConflict = others.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + others.stream()
                    .map(c -> quoteIdentifier(c) + " = EXCLUDED." + quoteIdentifier(c))
                    .collect(Collectors.joining(", "));
            return Optional.of(insertStatement(table, columns) + " ON CONFLICT (" + quotedList(keyColumns) + ")"
                    + onConflict);
        }
    }

    /** {@code INSERT … ON DUPLICATE KEY UPDATE c = VALUES(c)}; MariaDB understands the same. */
    static final class MySqlDialect extends JdbcDialect {
        @Override
        String name() {
            return "MySQL";
        }

        @Override
        String quoteIdentifier(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }

        @Override
        Optional<String> upsertStatement(String table, List<String> columns, List<String> keyColumns) {
            List<String> others = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
            // with key columns only there is nothing to update; assigning a key column to itself is a no-op
            List<String> updated = others.isEmpty() ? keyColumns.subList(0, 1) : others;
            return Optional.of(insertStatement(table, columns) + " ON DUPLICATE KEY UPDATE " + updated.stream()
                    .map(c -> quoteIdentifier(c) + " = VALUES(" + quoteIdentifier(c) + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Any other database: standard double-quoted identifiers, no upsert. */
    static final class GenericDialect extends JdbcDialect {
        @Override
        String name() {
            return "generic SQL";
        }

        @Override
        String quoteIdentifier(String identifier) {
            return doubleQuoted(identifier);
        }

        @Override
        Optional<String> upsertStatement(String table, List<String> columns, List<String> keyColumns) {
            return Optional.empty();
        }
    }
}
