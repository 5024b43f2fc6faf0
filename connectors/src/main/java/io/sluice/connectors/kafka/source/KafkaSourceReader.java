package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.connectors.kafka.source.KafkaSourceState.Position;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions one subtask owns ({@link PartitionOwnership}) with a consumer that is
 * {@code assign}ed them: the engine, not a consumer group, decides who reads what and where.
 *
 * <p>A poll of the consumer returns more records than one {@code pollNext} may emit, so they are
 * buffered; each partition's position is the offset after the last record emitted from it. Only
 * when the buffer is empty does the consumer's own position count, which is further when the log
 * holds records a {@code read_committed} consumer never sees (transaction markers, aborted data).
 * A checkpoint takes those positions, and a restored reader seeks to them.
 *
 * <p>Unbounded readers look for new partitions (and topics matching the pattern) every discovery
 * interval and read them from their beginning. Bounded readers end when every owned partition has
 * reached its stop offset.
 */
final class KafkaSourceReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);
    static final int MAX_RECORDS_PER_POLL = 256;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(10);
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Positions of snapshots waiting for their checkpoint to complete, kept for the group commit. */
    private static final int MAX_PENDING_COMMITS = 64;

    private final KafkaSourceConfig config;
    private final KafkaRecordLayout layout;
    private final int physicalSize;
    private final List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata;
    private final int subtask;
    private final int parallelism;

    private KafkaConsumer<byte[], byte[]> consumer;
    private BrokerCalls broker;
    private OffsetResolver offsets;
    private KafkaRowDecoder decoder;
    /** Every partition this subtask owns, finished ones included, in the order they were found. */
    private final Map<TopicPartition, PartitionSplit> splits = new LinkedHashMap<>();
    private Iterator<ConsumerRecord<byte[], byte[]>> buffer = Collections.emptyIterator();
    private PartitionSplit lastSplit;
    private long nextDiscoveryNanos;
    private final NavigableMap<Long, Map<TopicPartition, OffsetAndMetadata>> pendingCommits = new TreeMap<>();

    KafkaSourceReader(KafkaSourceConfig config, KafkaRecordLayout layout, int physicalSize,
            List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata, int subtask, int parallelism) {
        this.config = config;
        this.layout = layout;
        this.physicalSize = physicalSize;
        this.metadata = List.copyOf(metadata);
        this.subtask = subtask;
        this.parallelism = parallelism;
    }

    @Override
    public void open(SourceContext context) {
        decoder = new KafkaRowDecoder(config.tableName(), layout, physicalSize, metadata, context);
        consumer = createConsumer();
        broker = new BrokerCalls(consumer, config);
        offsets = new OffsetResolver(config, broker);
        Set<TopicPartition> existing = discover(config.apiTimeout(), true);
        List<byte[]> restored = context.restoredState();
        if (restored.isEmpty()) {
            List<TopicPartition> owned = owned(existing);
            Map<TopicPartition, Long> starts = offsets.startOffsets(owned);
            Map<TopicPartition, Long> stops = offsets.stopOffsets(starts);
            for (TopicPartition partition : owned) {
                add(new PartitionSplit(partition, starts.get(partition), stops.get(partition)));
            }
        } else {
            Map<TopicPartition, Position> known = restore(restored);
            for (Position p : known.values()) {
                if (PartitionOwnership.owns(subtask, parallelism, p.partition())) {
                    add(new PartitionSplit(p.partition(), p.nextOffset(), p.stopOffset()));
                }
            }
            // partitions that appeared after the checkpoint; a bounded table reads only what it started with
            if (!config.isBounded()) {
                existing.removeAll(known.keySet());
                addNewPartitions(existing);
            }
        }
        assignAndSeek(new ArrayList<>(splits.values()));
        nextDiscoveryNanos = System.nanoTime() + config.discoveryInterval().toNanos();
    }

    private KafkaConsumer<byte[], byte[]> createConsumer() {
        Map<String, Object> props = new HashMap<>(config.consumerProperties());
        props.computeIfPresent("client.id", (k, id) -> id + "-" + subtask);
        try {
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (ConfigException e) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "Table '" + config.tableName()
                    + "': the Kafka consumer refuses the 'properties.*' options: " + e.getMessage(), e);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName()
                    + "': cannot create a Kafka consumer for bootstrap servers '" + config.bootstrapServers() + "': "
                    + cause.getMessage(), e);
        }
    }

    /** The partitions of the table's topics now; with {@code initial}, a listed topic that does not exist fails. */
    private Set<TopicPartition> discover(Duration timeout, boolean initial) {
        Map<String, List<PartitionInfo>> topics = broker.listTopics(timeout);
        Set<TopicPartition> partitions = new TreeSet<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        topics.forEach((topic, infos) -> {
            if (config.topics().includes(topic)) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        });
        if (initial) {
            List<String> missing = config.topics().topics().stream().filter(t -> !topics.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName() + "': topic"
                        + (missing.size() == 1 ? " '" + missing.get(0) + "' does" : "s " + missing + " do")
                        + " not exist at '" + config.bootstrapServers() + "'");
            }
        }
        return partitions;
    }

    private List<TopicPartition> owned(Set<TopicPartition> partitions) {
        return partitions.stream().filter(p -> PartitionOwnership.owns(subtask, parallelism, p)).toList();
    }

    /** The positions of every restored state (one, or all old subtasks' on rescale), of topics still read. */
    private Map<TopicPartition, Position> restore(List<byte[]> states) {
        Map<TopicPartition, Position> positions = new LinkedHashMap<>();
        for (byte[] bytes : states) {
            KafkaSourceState state = KafkaSourceState.decode(bytes,
                    "Table '" + config.tableName() + "': the Kafka source state of the checkpoint");
            for (Position p : state.positions()) {
                if (config.topics().includes(p.partition().topic())) {
                    positions.put(p.partition(), p);
                }
            }
        }
        return positions;
    }

    private List<PartitionSplit> addNewPartitions(Set<TopicPartition> found) {
        List<TopicPartition> fresh = owned(found).stream().filter(p -> !splits.containsKey(p)).toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> starts = offsets.newPartitionOffsets(fresh);
        List<PartitionSplit> added = new ArrayList<>();
        for (TopicPartition partition : fresh) {
            PartitionSplit split = new PartitionSplit(partition, starts.get(partition), OffsetResolver.NO_STOP);
            add(split);
            added.add(split);
        }
        return added;
    }

    private void add(PartitionSplit split) {
        splits.put(split.partition(), split);
    }

    /** Assigns every owned partition; seeks only {@code toSeek}, since reassigning keeps the others' positions. */
    private void assignAndSeek(List<PartitionSplit> toSeek) {
        try {
            consumer.assign(new ArrayList<>(splits.keySet()));
            for (PartitionSplit split : toSeek) {
                if (split.finished()) {
                    consumer.pause(List.of(split.partition()));
                } else {
                    consumer.seek(split.partition(), split.nextOffset());
                }
            }
        } catch (KafkaException e) {
            throw BrokerCalls.failed(config, "assigning partitions " + splits.keySet(), e);
        }
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) throws InterruptedException {
        registerSplits(output);
        if (config.isBounded() && allFinished()) {
            return ReadStatus.END_OF_INPUT;
        }
        if (!buffer.hasNext()) {
            maybeDiscover(output);
            if (splits.isEmpty()) {
                return ReadStatus.NOTHING_AVAILABLE;
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(POLL_TIMEOUT);
            } catch (InterruptException e) {
                // the task is being cancelled: say so as the runtime expects, not as a Kafka failure
                throw (InterruptedException) new InterruptedException("source cancelled").initCause(e);
            } catch (KafkaException e) {
                throw BrokerCalls.failed(config, "reading " + splits.keySet(), e);
            }
            buffer = records.iterator();
            if (!buffer.hasNext()) {
                catchUpWithConsumer();
                return config.isBounded() && allFinished() ? ReadStatus.END_OF_INPUT : ReadStatus.NOTHING_AVAILABLE;
            }
        }
        for (int n = 0; n < MAX_RECORDS_PER_POLL && buffer.hasNext(); n++) {
            emit(buffer.next());
        }
        if (!buffer.hasNext()) {
            catchUpWithConsumer();
        }
        return config.isBounded() && allFinished() ? ReadStatus.END_OF_INPUT : ReadStatus.MORE_AVAILABLE;
    }

    /** Makes every owned partition a split of the runtime at once, so a silent partition can hold back (or idle). */
    private void registerSplits(SourceOutput output) {
        for (PartitionSplit split : splits.values()) {
            if (!split.registered()) {
                split.register(output.split(split.splitId()));
            }
        }
    }

    private void emit(ConsumerRecord<byte[], byte[]> record) {
        PartitionSplit split = splitOf(record);
        if (split == null || split.finished()) {
            return;
        }
        if (split.isPastEnd(record.offset())) {
            finish(split);
            return;
        }
        Object[] row = decoder.decode(record);
        split.advanceTo(record.offset() + 1);
        if (row != null) {
            split.output().collect(row);
        }
        if (split.reachedEnd()) {
            finish(split);
        }
    }

    /** The split of a record; a poll returns records grouped by partition, so the last one usually matches. */
    private PartitionSplit splitOf(ConsumerRecord<byte[], byte[]> record) {
        PartitionSplit last = lastSplit;
        if (last == null || last.partition().partition() != record.partition()
                || !last.partition().topic().equals(record.topic())) {
            last = splits.get(new TopicPartition(record.topic(), record.partition()));
            lastSplit = last;
        }
        return last;
    }

    /**
     * With every polled record emitted, the consumer's position is exactly where this reader stands,
     * possibly past records it never returns (transaction markers, aborted records).
     */
    private void catchUpWithConsumer() {
        for (PartitionSplit split : splits.values()) {
            if (split.finished()) {
                continue;
            }
            try {
                split.advanceTo(consumer.position(split.partition(), config.apiTimeout()));
            } catch (KafkaException e) {
                throw BrokerCalls.failed(config, "reading the position in " + split.partition(), e);
            }
            if (split.reachedEnd()) {
                finish(split);
            }
        }
    }

    private void finish(PartitionSplit split) {
        split.finish();
        consumer.pause(List.of(split.partition()));
    }

    private boolean allFinished() {
        for (PartitionSplit split : splits.values()) {
            if (!split.finished()) {
                return false;
            }
        }
        return true;
    }

    /** Looks for new partitions when the interval has passed; a broker that does not answer is asked again later. */
    private void maybeDiscover(SourceOutput output) {
        if (config.discoveryInterval().isZero() || System.nanoTime() < nextDiscoveryNanos) {
            return;
        }
        nextDiscoveryNanos = System.nanoTime() + config.discoveryInterval().toNanos();
        Set<TopicPartition> found;
        try {
            found = discover(DISCOVERY_TIMEOUT.compareTo(config.apiTimeout()) < 0 ? DISCOVERY_TIMEOUT
                    : config.apiTimeout(), false);
        } catch (SluiceException e) {
            LOG.warn("Table '{}': looking for new Kafka partitions failed, trying again in {}: {}",
                    config.tableName(), config.discoveryInterval(), e.getMessage());
            return;
        }
        List<PartitionSplit> added = addNewPartitions(found);
        if (!added.isEmpty()) {
            LOG.info("Table '{}': subtask {} reads new partitions from their beginning: {}", config.tableName(),
                    subtask, added.stream().map(PartitionSplit::splitId).toList());
            assignAndSeek(added);
            registerSplits(output);
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        List<Position> positions = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (PartitionSplit split : splits.values()) {
            positions.add(split.position());
            commit.put(split.partition(), new OffsetAndMetadata(split.nextOffset()));
        }
        if (config.groupId().isPresent()) {
            pendingCommits.put(checkpointId, commit);
            while (pendingCommits.size() > MAX_PENDING_COMMITS) {
                pendingCommits.pollFirstEntry();
            }
        }
        return new KafkaSourceState(subtask, parallelism, positions).encode();
    }

    /** Commits the completed checkpoint's positions to the consumer group: for monitoring only, never read back. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map.Entry<Long, Map<TopicPartition, OffsetAndMetadata>> completed = pendingCommits.floorEntry(checkpointId);
        if (completed == null) {
            return;
        }
        pendingCommits.headMap(checkpointId, true).clear();
        if (completed.getValue().isEmpty()) {
            return;
        }
        consumer.commitAsync(completed.getValue(), (committed, error) -> {
            if (error != null) {
                LOG.warn("Table '{}': committing offsets of checkpoint {} to group '{}' failed (they are informational"
                        + " only; the checkpoint holds the positions): {}", config.tableName(), completed.getKey(),
                        config.groupId().orElse(""), error.toString());
            }
        });
    }

    @Override
    public void close() {
        if (decoder != null && decoder.tombstones() > 0) {
            LOG.info("Table '{}': subtask {} skipped {} records with a null value", config.tableName(), subtask,
                    decoder.tombstones());
        }
        if (consumer != null) {
            // a cancelled task is interrupted; closing with the flag set makes the client log an error
            // for every fetch it abandons, so close first and restore the flag after
            boolean interrupted = Thread.interrupted();
            try {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } catch (InterruptException e) {
                interrupted = true;
            } finally {
                consumer = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
