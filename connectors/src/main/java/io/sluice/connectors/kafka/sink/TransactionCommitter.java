package io.sluice.connectors.kafka.sink;

import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Commits records together with a progress marker in one Kafka transaction, so that a reader
 * ({@code read_committed}) and a restarted sink see both or neither.
 *
 * <p>The marker is the committed offset of consumer group {@code group} on partition 0 of the
 * output topic: partition 0 exists as long as the topic does, and a transaction can only commit
 * offsets of a partition the broker knows. No consumer ever joins the group; it only records
 * progress ({@link ProgressMarker}).
 */
final class TransactionCommitter {

    /** The steps of one commit, where tests simulate a crash. */
    enum CommitStep {
        /** The transaction has begun; nothing is sent. */
        BEGUN,
        /** One more record has been handed to the producer. */
        RECORD_SENT,
        /** The marker is part of the transaction; commitTransaction comes next. */
        MARKER_SENT,
        /** The transaction is committed. */
        COMMITTED
    }

    /** Package-private test hook: called at each step; throwing from it leaves the producer as a crash would. */
    interface CommitHook {
        CommitHook NONE = (step, checkpointId) -> { };

        void reached(CommitStep step, long checkpointId);
    }

    private final String tableName;
    private CommitHook hook = CommitHook.NONE;

    TransactionCommitter(String tableName) {
        this.tableName = tableName;
    }

    void hook(CommitHook hook) {
        this.hook = hook;
    }

    /**
     * Sends {@code records} to {@code topic} and the marker to {@code group} in one transaction of
     * {@code producer}, then commits it. A failure is thrown as it is (nothing is aborted here): the
     * job restarts, and the restarted writer's {@code initTransactions} aborts what is left open.
     */
    void commit(KafkaProducer<byte[], byte[]> producer, String transactionalId, String topic, List<SinkRecord> records,
            ProgressMarker marker, long checkpointId) {
        try {
            producer.beginTransaction();
            hook.reached(CommitStep.BEGUN, checkpointId);
            for (SinkRecord record : records) {
                producer.send(record.toProducerRecord(topic));
                hook.reached(CommitStep.RECORD_SENT, checkpointId);
            }
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(marker.offset(), marker.metadata())),
                    new ConsumerGroupMetadata(transactionalId));
            hook.reached(CommitStep.MARKER_SENT, checkpointId);
            // crash tests of the whole process: the transaction is open, its records are on the broker
            FaultInjection.crashIfRequested("during-sink-commit", checkpointId);
            producer.commitTransaction();
            hook.reached(CommitStep.COMMITTED, checkpointId);
        } catch (ProducerFencedException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': another producer with"
                    + " transactional id '" + transactionalId + "' took over while committing checkpoint "
                    + checkpointId + " (does another job use the same 'sink.transactional-id-prefix'?)", e);
        } catch (KafkaException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + tableName + "': cannot commit the Kafka"
                    + " transaction of checkpoint " + checkpointId + " (transactional id '" + transactionalId + "'): "
                    + e, e);
        }
    }
}
