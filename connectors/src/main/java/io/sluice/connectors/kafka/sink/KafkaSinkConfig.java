package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka sink's validated options, read once when the sink is made so that option errors surface
 * at planning, before any writer runs.
 *
 * @param options the table's options, for errors that name the table and an option
 * @param topic the one topic written to
 * @param clientProperties the {@code properties.*} options without the prefix, for the producer and admin client
 * @param layout which columns go to the key and the value, and their formats
 * @param upsert {@code upsert-kafka}: +I/+U are keyed values, -D tombstones, -U nothing
 * @param transactionalIdPrefix {@code sink.transactional-id-prefix} when given
 * @param timestampIndex the row position of the writable metadata column {@code timestamp}, or -1
 * @param buffering the upsert reduce buffer ({@code sink.buffer-flush.*}), when enabled
 */
record KafkaSinkConfig(ConnectorOptions options, String topic, Map<String, String> clientProperties,
        KafkaRecordLayout layout, boolean upsert, DeliveryGuarantee guarantee, SinkPartitioning partitioning,
        Optional<String> transactionalIdPrefix, int timestampIndex, Optional<UpsertBuffering> buffering) {

    static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";

    /** Keep the last change per key; send when {@code maxRows} keys are buffered or {@code interval} passed. */
    record UpsertBuffering(int maxRows, Duration interval) {
    }

    KafkaSinkConfig {
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(topic, "topic is null");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(layout, "layout is null");
        Objects.requireNonNull(guarantee, "guarantee is null");
        Objects.requireNonNull(partitioning, "partitioning is null");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix is null");
        Objects.requireNonNull(buffering, "buffering is null");
    }

    String tableName() {
        return options.tableName();
    }

    static KafkaSinkConfig of(TableContext table, KafkaRecordLayout layout, boolean upsert) {
        ConnectorOptions options = table.options();
        options.require(KafkaOptions.BOOTSTRAP_SERVERS);
        String topic = topic(options);
        DeliveryGuarantee guarantee = DeliveryGuarantee.from(options);
        SinkPartitioning partitioning = SinkPartitioning.from(options);
        Optional<String> prefix = options.get(KafkaOptions.SINK_TRANSACTIONAL_ID_PREFIX).map(String::trim);
        if (prefix.isPresent() && prefix.get().isEmpty()) {
            throw options.invalid(KafkaOptions.SINK_TRANSACTIONAL_ID_PREFIX, "", "a non-empty name");
        }
        Map<String, String> client = new HashMap<>();
        options.asMap().forEach((key, value) -> {
            if (key.startsWith(KafkaOptions.PROPERTIES_PREFIX)) {
                client.put(key.substring(KafkaOptions.PROPERTIES_PREFIX.length()), value);
            }
        });
        String timeoutKey = KafkaOptions.PROPERTIES_PREFIX + TRANSACTION_TIMEOUT;
        if (options.contains(timeoutKey) && options.getLong(timeoutKey, 0) <= 0) {
            throw options.invalid(timeoutKey, options.require(timeoutKey), "a positive number of milliseconds");
        }
        return new KafkaSinkConfig(options, topic, client, layout, upsert, guarantee, partitioning, prefix,
                timestampIndex(table), buffering(options, upsert));
    }

    /** The user's {@code properties.transaction.timeout.ms}, when given. */
    Optional<Long> transactionTimeoutMs() {
        return Optional.ofNullable(clientProperties.get(TRANSACTION_TIMEOUT)).map(v -> Long.parseLong(v.trim()));
    }

    private static String topic(ConnectorOptions options) {
        if (options.contains(KafkaOptions.TOPIC_PATTERN)) {
            throw options.error("option '" + KafkaOptions.TOPIC_PATTERN + "' is for reading; a sink writes to the one"
                    + " topic named by option '" + KafkaOptions.TOPIC + "'");
        }
        String topic = options.require(KafkaOptions.TOPIC).trim();
        if (topic.isEmpty() || topic.contains(";")) {
            throw options.invalid(KafkaOptions.TOPIC, topic, "one topic name (a sink writes to a single topic)");
        }
        return topic;
    }

    private static int timestampIndex(TableContext table) {
        List<MetadataColumn> metadata = table.metadataColumns();
        for (int i = 0; i < metadata.size(); i++) {
            String key = metadata.get(i).key();
            if (key.equals("timestamp")) {
                return table.physicalSchema().size() + i;
            }
            throw table.options().error("metadata key '" + key + "' cannot be written; the Kafka sink writes 'timestamp'");
        }
        return -1;
    }

    /** Flink's rule: both options greater than zero enable the buffer, neither disables it. */
    private static Optional<UpsertBuffering> buffering(ConnectorOptions options, boolean upsert) {
        boolean rowsGiven = options.contains(KafkaOptions.SINK_BUFFER_FLUSH_MAX_ROWS);
        boolean intervalGiven = options.contains(KafkaOptions.SINK_BUFFER_FLUSH_INTERVAL);
        if (!upsert || (!rowsGiven && !intervalGiven)) {
            return Optional.empty();
        }
        int maxRows = options.getInt(KafkaOptions.SINK_BUFFER_FLUSH_MAX_ROWS, 0);
        Duration interval = options.getDuration(KafkaOptions.SINK_BUFFER_FLUSH_INTERVAL, Duration.ZERO);
        if (maxRows <= 0 && interval.isZero()) {
            return Optional.empty();
        }
        if (maxRows <= 0 || interval.isZero()) {
            throw options.error("options '" + KafkaOptions.SINK_BUFFER_FLUSH_MAX_ROWS + "' and '"
                    + KafkaOptions.SINK_BUFFER_FLUSH_INTERVAL + "' must both be greater than zero to enable the"
                    + " sink buffer (or both be left out)");
        }
        return Optional.of(new UpsertBuffering(maxRows, interval));
    }
}
