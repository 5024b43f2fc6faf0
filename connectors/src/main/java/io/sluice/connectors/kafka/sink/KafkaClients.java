package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes the sink's Kafka clients from the table's {@code properties.*} and turns their failures into errors. */
final class KafkaClients {
    private final KafkaSinkConfig config;

    KafkaClients(KafkaSinkConfig config) {
        this.config = config;
    }

    /** A producer without transactions: idempotent and {@code acks=all} unless the user says otherwise. */
    KafkaProducer<byte[], byte[]> plainProducer() {
        Map<String, Object> props = producerProperties();
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A transactional producer for {@code transactionalId}, initialized: {@code initTransactions}
     * fences any other producer with this id (a zombie of a crashed run) and aborts the transaction
     * it left open, so that it no longer holds back {@code read_committed} readers.
     *
     * @param timeoutMs the {@code transaction.timeout.ms} to use, or 0 for the user's or Kafka's default
     */
    KafkaProducer<byte[], byte[]> initializedTransactionalProducer(String transactionalId, long timeoutMs) {
        Map<String, Object> props = producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (timeoutMs > 0) {
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(timeoutMs));
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            producer.close(java.time.Duration.ZERO);
            if (isTimeoutAboveMaximum(e)) {
                throw timeoutAboveBrokerMaximum(String.valueOf(props.getOrDefault(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TransactionTimeouts.PRODUCER_DEFAULT_MS
                                + " (Kafka's default)")), "the broker's " + TransactionTimeouts.BROKER_MAXIMUM, e);
            }
            throw external("cannot initialize the transactional producer '" + transactionalId + "'", e);
        }
    }

    /**
     * The broker refused the transaction timeout. The 4.4.0 producer reports it as a plain
     * {@code KafkaException} carrying the error's message, not as {@link InvalidTxnTimeoutException}.
     */
    private static boolean isTimeoutAboveMaximum(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidTxnTimeoutException || (t.getMessage() != null
                    && t.getMessage().contains(Errors.INVALID_TRANSACTION_TIMEOUT.message()))) {
                return true;
            }
        }
        return false;
    }

    Admin admin() {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        return Admin.create(props);
    }

    /** The topic's partition count, for the fixed and round-robin partitioners. */
    int partitionCount(KafkaProducer<byte[], byte[]> producer) {
        try {
            int count = producer.partitionsFor(config.topic()).size();
            if (count == 0) {
                throw external("topic '" + config.topic() + "' has no partitions", null);
            }
            return count;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw external("cannot read the partitions of topic '" + config.topic() + "'", e);
        }
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        // a consumer setting the Kafka source shares with the sink; the producer would warn about it
        props.remove("group.id");
        return props;
    }

    SluiceException timeoutAboveBrokerMaximum(String given, String brokerMaximum, Throwable cause) {
        return new SluiceException(ErrorCode.OPTION_ERROR, "Table '" + config.tableName() + "': option '"
                + KafkaOptions.PROPERTIES_PREFIX + KafkaSinkConfig.TRANSACTION_TIMEOUT + "' is " + given
                + " ms, more than " + brokerMaximum + "; lower it (this sink keeps a transaction open only while it"
                + " commits one checkpoint, so a minute or two is plenty) or raise the broker's maximum", cause);
    }

    SluiceException external(String what, Throwable cause) {
        String reason = cause == null ? "" : ": " + unwrap(cause);
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + config.tableName() + "': " + what + reason,
                cause);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    }

    /**
     * Closes a producer from a task that may have been interrupted (a cancelled job): with the flag
     * set the client logs an error joining its I/O thread, so close first and restore the flag after.
     */
    static void close(org.apache.kafka.clients.producer.Producer<?, ?> producer, java.time.Duration timeout) {
        boolean interrupted = Thread.interrupted();
        try {
            producer.close(timeout);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
