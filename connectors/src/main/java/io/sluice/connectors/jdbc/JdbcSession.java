package io.sluice.connectors.jdbc;

import io.sluice.executor.error.SluiceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer's connection, and transactions on it that are retried on transient failures: a lost
 * connection (reconnecting first), a deadlock or serialization failure, a server shutting down.
 * Other errors (a constraint violated, a missing column) fail at once, since repeating cannot help.
 * Not thread-safe.
 */
final class JdbcSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSession.class);
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** The work of one transaction; it must be safe to run again after a rollback. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcConnectionOptions options;
    private final int maxRetries;
    private Connection connection;

    JdbcSession(JdbcConnectionOptions options, int maxRetries) {
        this.options = options;
        this.maxRetries = maxRetries;
    }

    JdbcConnectionOptions options() {
        return options;
    }

    /** Connects now, so that a wrong URL or password fails when the job starts. */
    Connection connection() {
        if (connection == null) {
            Connection opened = options.connect();
            try {
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                closeQuietly(opened);
                throw options.error("cannot start a transaction: " + JdbcConnectionOptions.describe(e), e);
            }
            connection = opened;
        }
        return connection;
    }

    /** Runs {@code work} and commits, retrying up to {@code 'sink.max-retries'} times. */
    <T> T transaction(String what, Work<T> work) {
        for (int attempt = 0; ; attempt++) {
            Connection current;
            try {
                current = connection();
            } catch (SluiceException e) {
                if (attempt >= maxRetries) {
                    throw e;
                }
                LOG.warn("Table '{}': cannot reconnect (attempt {} of {}), retrying: {}", options.sluiceTable(),
                        attempt + 1, maxRetries + 1, e.getMessage());
                backOff(attempt);
                continue;
            }
            try {
                T result = work.run(current);
                current.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(current);
                if (!isTransient(e) || attempt >= maxRetries) {
                    String attempts = attempt == 0 ? "" : " (after " + (attempt + 1) + " attempts)";
                    throw options.error("cannot " + what + attempts + ": " + JdbcConnectionOptions.describe(e), e);
                }
                LOG.warn("Table '{}': cannot {} (attempt {} of {}), retrying: {}", options.sluiceTable(), what,
                        attempt + 1, maxRetries + 1, JdbcConnectionOptions.describe(e));
                reconnectIfBroken();
                backOff(attempt);
            }
        }
    }

    static boolean isTransient(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            String state = cause.getSQLState();
            // connection exception, transaction rollback (deadlock, serialization), insufficient
            // resources, operator intervention (server shutting down)
            if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                    || state.startsWith("57"))) {
                return true;
            }
            if (cause == cause.getNextException()) {
                break;
            }
        }
        return false;
    }

    private void reconnectIfBroken() {
        boolean valid;
        try {
            valid = connection != null && connection.isValid(5);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void backOff(int attempt) {
        long millis = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(io.sluice.executor.error.ErrorCode.JOB_FAILED, "interrupted while retrying");
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            // the connection is likely broken; reconnectIfBroken replaces it
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
        connection = null;
    }
}
