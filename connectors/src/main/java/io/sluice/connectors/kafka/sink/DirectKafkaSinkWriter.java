package io.sluice.connectors.kafka.sink;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The {@code none} and {@code at-least-once} Kafka sink: a plain (idempotent) producer sends each
 * record as it comes. At-least-once flushes the producer at every checkpoint, so checkpoint N is
 * complete only when everything before its barrier is acknowledged by the broker; a replay after a
 * crash may repeat what followed. {@code none} does not wait at checkpoints. Both flush at the end
 * of input. The first failed send fails the job (at the next write, checkpoint or the end).
 *
 * <p>With the upsert reduce buffer, changes wait in the buffer (last one per key) until it holds
 * {@code max-rows} keys, its interval passes (a timer thread drains it, under {@link #lock}), a
 * checkpoint or the end of input.
 */
final class DirectKafkaSinkWriter implements SinkWriter {
    private final KafkaSinkConfig config;
    private final int subtaskIndex;
    private final Object lock = new Object();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Callback onCompletion = (metadata, exception) -> {
        if (exception != null) {
            sendFailure.compareAndSet(null, exception);
        }
    };

    private KafkaClients clients;
    private KafkaProducer<byte[], byte[]> producer;
    private RecordEncoder encoder;
    private UpsertReduceBuffer reducer;
    private ScheduledExecutorService flushTimer;
    private boolean finished;

    DirectKafkaSinkWriter(KafkaSinkConfig config, int subtaskIndex) {
        this.config = config;
        this.subtaskIndex = subtaskIndex;
    }

    @Override
    public void open(SinkContext context) {
        try {
            start();
        } catch (RuntimeException e) {
            // the runtime closes only writers that opened
            close();
            throw e;
        }
    }

    private void start() {
        clients = new KafkaClients(config);
        producer = clients.plainProducer();
        int partitionCount = config.partitioning() == SinkPartitioning.DEFAULT ? 0 : clients.partitionCount(producer);
        encoder = new RecordEncoder(config, new PartitionChooser(config.partitioning(), subtaskIndex, partitionCount));
        if (config.buffering().isPresent()) {
            reducer = new UpsertReduceBuffer(config.buffering().get());
            long interval = reducer.intervalMillis();
            flushTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "upsert-kafka flush of " + config.tableName() + " (" + subtaskIndex + ")");
                thread.setDaemon(true);
                return thread;
            });
            flushTimer.scheduleWithFixedDelay(this::drainOnTimer, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        throwIfSendFailed();
        SinkRecord record = encoder.encode(kind, row);
        if (record == null) {
            return;
        }
        if (reducer == null) {
            send(record);
            return;
        }
        synchronized (lock) {
            reducer.add(record);
            if (reducer.isDue()) {
                reducer.drain().forEach(this::send);
            }
        }
    }

    private void send(SinkRecord record) {
        try {
            producer.send(record.toProducerRecord(config.topic()), onCompletion);
        } catch (RuntimeException e) {
            sendFailure.compareAndSet(null, e);
        }
    }

    private void drainOnTimer() {
        synchronized (lock) {
            reducer.drain().forEach(this::send);
        }
    }

    private void drainReducer() {
        if (reducer != null) {
            synchronized (lock) {
                reducer.drain().forEach(this::send);
            }
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        drainReducer();
        if (config.guarantee() == DeliveryGuarantee.AT_LEAST_ONCE) {
            producer.flush();
        }
        throwIfSendFailed();
        return new byte[0];
    }

    @Override
    public void finish() {
        drainReducer();
        producer.flush();
        throwIfSendFailed();
        finished = true;
    }

    private void throwIfSendFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName()
                    + "': cannot write to Kafka topic '" + config.topic() + "': " + failure, failure);
        }
    }

    @Override
    public void close() {
        if (flushTimer != null) {
            flushTimer.shutdownNow();
        }
        if (producer != null) {
            // after a failure, drop what is still buffered: a closing writer publishes nothing more
            KafkaClients.close(producer, finished ? Duration.ofSeconds(30) : Duration.ZERO);
            producer = null;
        }
    }
}
