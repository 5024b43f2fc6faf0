package io.sluice.connectors.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@value #NAME}: one row per exactly-once jdbc sink subtask, holding the newest checkpoint whose
 * rows it committed, written in the same transaction as those rows. A commit replayed after a crash
 * reads the row first and skips what it already covers.
 *
 * <pre>
 *   sink_id       VARCHAR(255)  job and sink table, stable across restarts (primary key, with subtask)
 *   subtask       INTEGER       the sink subtask whose checkpoint states the rows came from
 *   run_id        VARCHAR(64)   the run that wrote them: a job started afresh gets a new one, so it
 *                               never skips checkpoints because of an older run's row
 *   checkpoint_id BIGINT        the newest committed checkpoint of that subtask and run
 *   committed_at  TIMESTAMP     when (UTC), for people
 * </pre>
 */
final class ProgressTable {
    static final String NAME = "sluice_sink_progress";

    /** What a progress row says. */
    record Progress(String runId, long checkpointId) {
    }

    private final JdbcDialect dialect;

    ProgressTable(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Creates the table unless it exists. Subtasks starting together may race to create it: losing
     * that race is fine as long as the table is there afterwards.
     */
    void createIfMissing(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        String ddl = "CREATE TABLE " + NAME + " (sink_id VARCHAR(255) NOT NULL, subtask INTEGER NOT NULL,"
                + " run_id VARCHAR(64) NOT NULL, checkpoint_id BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (sink_id, subtask))";
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (!exists(connection)) {
                throw e;
            }
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(1);
            statement.executeQuery("SELECT checkpoint_id FROM " + NAME + " WHERE 1 = 0").close();
            connection.commit();
            return true;
        } catch (SQLException e) {
            // undefined table; a failed statement aborts a PostgreSQL transaction, so end it
            connection.rollback();
            return false;
        }
    }

    /** The row of {@code sinkId} and {@code subtask}, locked until the transaction ends where the database can. */
    Optional<Progress> read(Connection connection, String sinkId, int subtask) throws SQLException {
        String sql = "SELECT run_id, checkpoint_id FROM " + NAME + " WHERE sink_id = ? AND subtask = ?"
                + (dialect instanceof JdbcDialect.GenericDialect ? "" : " FOR UPDATE");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sinkId);
            statement.setInt(2, subtask);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(new Progress(result.getString(1), result.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /** Records that {@code progress} is committed, in the caller's transaction. */
    void write(Connection connection, String sinkId, int subtask, Progress progress) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String update = "UPDATE " + NAME + " SET run_id = ?, checkpoint_id = ?, committed_at = ?"
                + " WHERE sink_id = ? AND subtask = ?";
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setString(1, progress.runId());
            statement.setLong(2, progress.checkpointId());
            statement.setObject(3, now);
            statement.setString(4, sinkId);
            statement.setInt(5, subtask);
            if (statement.executeUpdate() > 0) {
                return;
            }
        }
        // no row yet: only this subtask writes it, and read() ran in this transaction, so no one else inserts it
        String insert = "INSERT INTO " + NAME + " (sink_id, subtask, run_id, checkpoint_id, committed_at)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, sinkId);
            statement.setInt(2, subtask);
            statement.setString(3, progress.runId());
            statement.setLong(4, progress.checkpointId());
            statement.setObject(5, now);
            statement.executeUpdate();
        }
    }
}
