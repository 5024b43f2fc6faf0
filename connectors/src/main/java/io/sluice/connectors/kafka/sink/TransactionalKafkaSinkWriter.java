package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.connectors.kafka.sink.KafkaSinkState.PendingTransaction;
import io.sluice.connectors.kafka.sink.TransactionCommitter.CommitHook;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * The exactly-once Kafka sink ({@code sink.delivery-guarantee = exactly-once}) with
 * <em>commit-time transactions</em>: no Kafka transaction is open while a checkpoint is in flight.
 *
 * <p>Why: committing a transaction after a crash needs another producer instance to finish it.
 * kafka-clients 4.4.0 has no public API for that (KIP-939's prepare/complete is not public in
 * 4.4.0), and resuming by producer id and epoch needs reflection into the producer's
 * {@code TransactionManager}, which broke with transactions v2. So the records themselves are the
 * pre-commit, kept in the checkpoint, and the transaction is made at commit time:
 * <pre>
 *   write            → the record is serialized and buffered for the next checkpoint; nothing is sent
 *   snapshotState(N) → the buffer is sealed as pending transaction N; the state holds the run id and
 *                      every pending transaction with its records (durable in checkpoint N)
 *   notify(N)        → one Kafka transaction (transactional id &lt;prefix&gt;-&lt;subtask&gt;): begin, send the
 *                      records of every pending transaction &lt;= N in order, add the progress marker
 *                      (offset N, metadata "&lt;runId&gt;:N", consumer group &lt;prefix&gt;-&lt;subtask&gt;, partition 0
 *                      of the topic) with sendOffsetsToTransaction, commit; records and marker become
 *                      visible together
 *   open(restored)   → for each inherited old subtask j: initTransactions for &lt;prefix&gt;-&lt;j&gt; (fences
 *                      its zombie and aborts the transaction a crash left open, so read_committed
 *                      readers are not held back), read group &lt;prefix&gt;-&lt;j&gt;'s marker; pending
 *                      transactions at or below the checkpoint the marker records for the state's run
 *                      are committed already and skipped, the rest are committed in one transaction
 *                      with a marker under the state's run id. Then a new run id is drawn.
 * </pre>
 *
 * <p>Run ids: the marker tells "run R committed up to checkpoint N". Checkpoint ids alone are not
 * enough, since a job started afresh (or from an older savepoint) counts checkpoints again under the
 * same transactional ids. A restored state's transactions are committed under the state's own run
 * id, and only afterwards does the writer draw a new one for what it writes: if it crashes again
 * before its next checkpoint, the same state is restored and must recognise the marker it just
 * wrote. The marker also keeps a few earlier runs ({@link ProgressMarker}), so restoring one state
 * twice (a savepoint) does not commit it twice after a newer run committed.
 *
 * <p>A fresh start (no state) also initializes its own transactional id once, aborting a
 * transaction left open by an earlier run of the same sink that crashed while committing.
 *
 * <p>Transaction timeout: a transaction only spans one commit, never a checkpoint interval, so
 * {@code transaction.timeout.ms} needs to cover one commit; it must not exceed the broker's
 * {@code transaction.max.timeout.ms}, which is checked at open ({@link TransactionTimeouts}).
 *
 * <p>Memory: the records of one checkpoint interval (and of checkpoints whose completion has not
 * arrived yet) are held in memory and in the checkpoint; a writer fails with a clear error when they
 * pass a quarter of the heap, rather than running out of memory.
 *
 * <p>The end of bounded input commits nothing itself: with checkpoints the runtime takes a final
 * checkpoint after the last row and delivers its completion before {@link #finish()}, so every
 * record is committed through a checkpoint, and a crash after the end never commits rows twice.
 */
final class TransactionalKafkaSinkWriter implements SinkWriter {
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    private final KafkaSinkConfig config;
    private final int subtaskIndex;
    private final long maxHeldBytes;
    private final TransactionCommitter committer;
    private final List<PendingTransaction> pending = new ArrayList<>();

    private KafkaClients clients;
    private String prefix;
    private String transactionalId;
    private KafkaProducer<byte[], byte[]> producer;
    private long transactionTimeoutMs;
    /** The marker of this subtask's group as this writer last wrote or read it. */
    private ProgressMarker marker = ProgressMarker.NONE;
    private String runId;
    private RecordEncoder encoder;
    private UpsertReduceBuffer reducer;
    private List<SinkRecord> current = new ArrayList<>();
    private long heldBytes;

    TransactionalKafkaSinkWriter(KafkaSinkConfig config, int subtaskIndex) {
        this(config, subtaskIndex, Runtime.getRuntime().maxMemory() / 4);
    }

    TransactionalKafkaSinkWriter(KafkaSinkConfig config, int subtaskIndex, long maxHeldBytes) {
        this.config = config;
        this.subtaskIndex = subtaskIndex;
        this.maxHeldBytes = maxHeldBytes;
        this.committer = new TransactionCommitter(config.tableName());
    }

    static String transactionalId(String prefix, int subtask) {
        return prefix + "-" + subtask;
    }

    /** Tests: simulate a crash at a step of a commit by throwing from {@code hook}. */
    void commitHook(CommitHook hook) {
        committer.hook(hook);
    }

    @Override
    public void open(SinkContext context) {
        if (context.checkpointInterval().isEmpty()) {
            throw config.options().error("option '" + KafkaOptions.SINK_DELIVERY_GUARANTEE + "' = 'exactly-once'"
                    + " needs checkpoints, which mark the sink's transactions, but the job runs without them; set"
                    + " 'execution.checkpointing.interval' (e.g. SET 'execution.checkpointing.interval' = '10 s')"
                    + " and keep state in 'state.dir' (--state-dir) so a restart can commit, or use 'at-least-once'");
        }
        try {
            recoverAndStart(context);
        } catch (RuntimeException e) {
            // the runtime closes only writers that opened
            close();
            throw e;
        }
    }

    private void recoverAndStart(SinkContext context) {
        clients = new KafkaClients(config);
        prefix = config.transactionalIdPrefix().orElse(context.stableSinkId());
        transactionalId = transactionalId(prefix, subtaskIndex);
        try (Admin admin = clients.admin()) {
            transactionTimeoutMs = TransactionTimeouts.choose(config, admin, clients);
            for (KafkaSinkState state : inheritedStates(context)) {
                recover(state, admin);
            }
            if (producer == null) {
                // a fresh start: initializing our id aborts what an earlier run may have left open
                producer = clients.initializedTransactionalProducer(transactionalId, transactionTimeoutMs);
                marker = readMarker(admin, transactionalId, config.topic());
            }
        }
        int partitionCount = config.partitioning() == SinkPartitioning.DEFAULT ? 0 : clients.partitionCount(producer);
        encoder = new RecordEncoder(config, new PartitionChooser(config.partitioning(), subtaskIndex, partitionCount));
        reducer = config.buffering().map(UpsertReduceBuffer::new).orElse(null);
        // only now: until here, commits were made under the restored states' run ids
        runId = UUID.randomUUID().toString().replace("-", "");
    }

    private List<KafkaSinkState> inheritedStates(SinkContext context) {
        List<KafkaSinkState> states = new ArrayList<>();
        for (byte[] bytes : context.restoredState()) {
            if (bytes.length > 0) {
                states.add(KafkaSinkState.decode(bytes, "Table '" + config.tableName()
                        + "': the Kafka sink state of the checkpoint"));
            }
        }
        states.sort(Comparator.comparingInt(KafkaSinkState::subtask));
        return states;
    }

    /** Commits what {@code state} pre-committed and its old run did not commit; see the class comment. */
    private void recover(KafkaSinkState state, Admin admin) {
        String id = state.transactionalId();
        boolean own = id.equals(transactionalId);
        KafkaProducer<byte[], byte[]> recovering = clients.initializedTransactionalProducer(id, transactionTimeoutMs);
        try {
            ProgressMarker found = readMarker(admin, id, state.topic());
            OptionalLong committed = found.committedUpTo(state.runId());
            List<PendingTransaction> remaining = state.pending().stream()
                    .filter(t -> committed.isEmpty() || t.checkpointId() > committed.getAsLong())
                    .toList();
            ProgressMarker next = found;
            if (!remaining.isEmpty()) {
                long last = remaining.get(remaining.size() - 1).checkpointId();
                next = found.committed(state.runId(), last);
                committer.commit(recovering, id, state.topic(), recordsOf(remaining), next, last);
            }
            if (own) {
                producer = recovering;
                marker = next;
                recovering = null;
            }
        } finally {
            if (recovering != null) {
                recovering.close(Duration.ZERO);
            }
        }
    }

    /** The progress marker of group {@code group} on partition 0 of {@code topic}; none when never written. */
    private ProgressMarker readMarker(Admin admin, String group, String topic) {
        try {
            // requireStable: wait for a transactional offset commit still being completed
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? ProgressMarker.NONE : ProgressMarker.parse(offset.metadata());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw clients.external("interrupted while reading the progress of group '" + group + "'", e);
        } catch (Exception e) {
            throw clients.external("cannot read the committed progress of consumer group '" + group + "'", e);
        }
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        SinkRecord record = encoder.encode(kind, row);
        if (record == null) {
            return;
        }
        if (reducer == null) {
            hold(record);
            return;
        }
        reducer.add(record);
        if (reducer.isDue()) {
            reducer.drain().forEach(this::hold);
        }
    }

    private void hold(SinkRecord record) {
        current.add(record);
        heldBytes += record.sizeInBytes();
        if (heldBytes > maxHeldBytes) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName() + "': the exactly-once"
                    + " Kafka sink keeps the records of a checkpoint interval in memory until the checkpoint completes,"
                    + " and they passed " + (maxHeldBytes >> 20) + " MiB (a quarter of the heap); shorten"
                    + " 'execution.checkpointing.interval' or give the JVM more memory");
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        if (reducer != null) {
            reducer.drain().forEach(this::hold);
        }
        if (!current.isEmpty()) {
            pending.add(new PendingTransaction(checkpointId, current));
            current = new ArrayList<>();
        }
        return new KafkaSinkState(prefix, config.topic(), subtaskIndex, runId, pending).encode();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<PendingTransaction> due = pending.stream().filter(t -> t.checkpointId() <= checkpointId).toList();
        if (due.isEmpty()) {
            return;
        }
        ProgressMarker next = marker.committed(runId, checkpointId);
        committer.commit(producer, transactionalId, config.topic(), recordsOf(due), next, checkpointId);
        marker = next;
        pending.removeAll(due);
        for (PendingTransaction transaction : due) {
            transaction.records().forEach(r -> heldBytes -= r.sizeInBytes());
        }
    }

    private static List<SinkRecord> recordsOf(List<PendingTransaction> transactions) {
        List<SinkRecord> records = new ArrayList<>();
        transactions.forEach(t -> records.addAll(t.records()));
        return records;
    }

    @Override
    public void finish() {
        if (reducer != null) {
            reducer.drain().forEach(this::hold);
        }
        if (!current.isEmpty() || !pending.isEmpty()) {
            // the runtime's final checkpoint should have taken and committed everything by now
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Table '" + config.tableName() + "': the input ended"
                    + " with " + (current.size() + recordsOf(pending).size()) + " records not committed through a"
                    + " checkpoint; the exactly-once Kafka sink commits only when a checkpoint completes");
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            // an open transaction (a failed commit) is aborted by the producer, or by the next run's initTransactions
            KafkaClients.close(producer, Duration.ofSeconds(5));
            producer = null;
        }
    }
}
