package io.sluice.connectors.jdbc;

import io.sluice.connectors.jdbc.JdbcSinkState.PendingTransaction;
import io.sluice.connectors.jdbc.ProgressTable.Progress;
import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each checkpoint's rows in one database transaction once the checkpoint completes
 * (DESIGN.md §5), together with this subtask's row in {@link ProgressTable}, so that a commit
 * replayed after a crash is skipped instead of applied twice.
 *
 * <pre>
 *   write            → the change is buffered (the last change per key, with a primary key)
 *   snapshotState(N) → the buffer is sealed as pending transaction N; the state holds every pending
 *                      transaction with its rows, and this subtask's run id
 *   notify(N)        → one database transaction: read the progress row (sink id, subtask); apply the
 *                      pending transactions ≤ N newer than the checkpoint it records (all of them when
 *                      it names another run); set it to (run id, N); commit
 *   open(restored)   → for each inherited old subtask's state, the same procedure with that old
 *                      subtask's progress row and run id, for all its pending transactions; the
 *                      checkpoint restored is complete, so all of them are to be committed
 *   finish()         → whatever is still pending is committed the same way
 * </pre>
 *
 * <p>The run id is made when a subtask starts without a state of its own (a fresh job, or a new
 * subtask after scaling up) and kept in its states from then on: a progress row with another run
 * id was written by a run this state knows nothing of, and means nothing of this state is
 * committed. Rows of a pending transaction are nowhere in the database until its commit, so a
 * crash before it (before the barrier, after the snapshot, before or during the commit) loses
 * nothing that the restored checkpoint does not hold, and a crash after it is caught by the
 * progress row.
 */
final class ExactlyOnceJdbcWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceJdbcWriter.class);
    static final String DELIVERY_GUARANTEE = "sink.delivery-guarantee";

    private final JdbcSinkConfig config;
    private final int subtaskIndex;
    private final TableStatements statements;
    private final ProgressTable progressTable;
    private final RowCodec codec;
    private final ChangeBuffer buffer;
    private final List<PendingTransaction> pending = new ArrayList<>();
    private JdbcSession session;
    private String sinkId;
    private String runId;

    ExactlyOnceJdbcWriter(JdbcSinkConfig config, int subtaskIndex) {
        this.config = config;
        this.subtaskIndex = subtaskIndex;
        this.statements = config.statements();
        this.progressTable = new ProgressTable(config.dialect());
        this.codec = new RowCodec(config.schema());
        this.buffer = new ChangeBuffer(config.keyFields());
    }

    @Override
    public void open(SinkContext context) {
        if (context.checkpointInterval().isEmpty()) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "Table '" + config.connection().sluiceTable()
                    + "': option '" + DELIVERY_GUARANTEE + "' = 'exactly-once' commits at checkpoints, but the job"
                    + " runs without them; set 'execution.checkpointing.interval'");
        }
        sinkId = context.stableSinkId();
        session = new JdbcSession(config.connection(), config.maxRetries());
        try {
            progressTable.createIfMissing(session.connection());
        } catch (SQLException e) {
            throw config.connection().error("cannot create the progress table '" + ProgressTable.NAME + "': "
                    + JdbcConnectionOptions.describe(e), e);
        }
        List<JdbcSinkState> inherited = new ArrayList<>();
        for (byte[] bytes : context.restoredState()) {
            if (bytes.length > 0) {
                inherited.add(JdbcSinkState.decode(bytes, codec, "Table '" + config.connection().sluiceTable()
                        + "': the jdbc sink state of the checkpoint"));
            }
        }
        inherited.sort(Comparator.comparingInt(JdbcSinkState::subtask));
        runId = inherited.stream().filter(s -> s.subtask() == subtaskIndex).map(JdbcSinkState::runId)
                .findFirst().orElseGet(() -> UUID.randomUUID().toString());
        for (JdbcSinkState state : inherited) {
            commit(state.subtask(), state.runId(), state.pending());
        }
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        Change change = config.toChange(kind, row);
        if (change != null) {
            buffer.add(change);
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        if (!buffer.isEmpty()) {
            pending.add(new PendingTransaction(checkpointId, buffer.changes()));
            buffer.clear();
        }
        return new JdbcSinkState(runId, subtaskIndex, pending).encode(codec);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<PendingTransaction> due = pending.stream().filter(t -> t.checkpointId() <= checkpointId).toList();
        commit(subtaskIndex, runId, due);
        pending.removeAll(due);
    }

    @Override
    public void finish() {
        commit(subtaskIndex, runId, pending);
        pending.clear();
        if (!buffer.isEmpty()) {
            // the runtime takes a final checkpoint before finishing, so this is not expected; such rows
            // are covered by no checkpoint and can be written at least once only
            LOG.warn("Table '{}': {} rows arrived after the last checkpoint; writing them without a checkpoint",
                    config.connection().sluiceTable(), buffer.size());
            List<Change> changes = buffer.changes();
            session.transaction("write the rows after the last checkpoint", connection -> {
                statements.execute(connection, changes);
                return null;
            });
            buffer.clear();
        }
    }

    /**
     * Commits the transactions of {@code subtask}'s run {@code run} that its progress row does not
     * cover yet, in one database transaction that also moves the row to the newest of them.
     */
    private void commit(int subtask, String run, List<PendingTransaction> transactions) {
        if (transactions.isEmpty()) {
            return;
        }
        long newest = transactions.stream().mapToLong(PendingTransaction::checkpointId).max().getAsLong();
        session.transaction("commit checkpoint " + newest + " of sink subtask " + subtask, connection -> {
            long committed = progressTable.read(connection, sinkId, subtask)
                    .filter(p -> p.runId().equals(run)).map(Progress::checkpointId).orElse(-1L);
            ChangeBuffer merged = new ChangeBuffer(config.keyFields());
            for (PendingTransaction transaction : transactions) {
                if (transaction.checkpointId() > committed) {
                    merged.addAll(transaction.changes());
                }
            }
            if (newest <= committed) {
                return null; // committed before a crash; the progress row says so
            }
            statements.execute(connection, merged.changes());
            progressTable.write(connection, sinkId, subtask, new Progress(run, newest));
            // crash tests: the rows and the progress row are written, the transaction is not committed
            FaultInjection.crashIfRequested("during-sink-commit", newest);
            return null;
        });
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
