package io.sluice.connectors.kafka;

import io.sluice.connectors.format.Formats;
import java.util.HashSet;
import java.util.Set;

/** The option names of the {@code kafka} and {@code upsert-kafka} connectors, as in Flink. */
public final class KafkaOptions {
    public static final String TOPIC = "topic";
    public static final String TOPIC_PATTERN = "topic-pattern";
    public static final String PROPERTIES_PREFIX = "properties.";
    public static final String BOOTSTRAP_SERVERS = "properties.bootstrap.servers";
    public static final String GROUP_ID = "properties.group.id";

    public static final String FORMAT = "format";
    public static final String KEY_FORMAT = "key.format";
    public static final String VALUE_FORMAT = "value.format";
    public static final String KEY_FIELDS = "key.fields";
    public static final String KEY_FIELDS_PREFIX = "key.fields-prefix";
    public static final String VALUE_FIELDS_INCLUDE = "value.fields-include";

    public static final String SCAN_STARTUP_MODE = "scan.startup.mode";
    public static final String SCAN_STARTUP_SPECIFIC_OFFSETS = "scan.startup.specific-offsets";
    public static final String SCAN_STARTUP_TIMESTAMP_MILLIS = "scan.startup.timestamp-millis";
    public static final String SCAN_BOUNDED_MODE = "scan.bounded.mode";
    public static final String SCAN_BOUNDED_SPECIFIC_OFFSETS = "scan.bounded.specific-offsets";
    public static final String SCAN_BOUNDED_TIMESTAMP_MILLIS = "scan.bounded.timestamp-millis";
    public static final String SCAN_TOPIC_PARTITION_DISCOVERY = "scan.topic-partition-discovery.interval";
    public static final String SCAN_WATERMARK_IDLE_TIMEOUT = "scan.watermark.idle-timeout";

    public static final String SINK_DELIVERY_GUARANTEE = "sink.delivery-guarantee";
    public static final String SINK_TRANSACTIONAL_ID_PREFIX = "sink.transactional-id-prefix";
    public static final String SINK_PARTITIONER = "sink.partitioner";
    public static final String SINK_PARALLELISM = "sink.parallelism";
    public static final String SINK_BUFFER_FLUSH_MAX_ROWS = "sink.buffer-flush.max-rows";
    public static final String SINK_BUFFER_FLUSH_INTERVAL = "sink.buffer-flush.interval";

    private KafkaOptions() {
    }

    /** The options of the {@code kafka} connector, formats' options included. */
    public static Set<String> kafkaOptions() {
        Set<String> options = new HashSet<>(Set.of(TOPIC, TOPIC_PATTERN, FORMAT, KEY_FORMAT, VALUE_FORMAT, KEY_FIELDS,
                KEY_FIELDS_PREFIX, VALUE_FIELDS_INCLUDE, SCAN_STARTUP_MODE, SCAN_STARTUP_SPECIFIC_OFFSETS,
                SCAN_STARTUP_TIMESTAMP_MILLIS, SCAN_BOUNDED_MODE, SCAN_BOUNDED_SPECIFIC_OFFSETS,
                SCAN_BOUNDED_TIMESTAMP_MILLIS, SCAN_TOPIC_PARTITION_DISCOVERY, SCAN_WATERMARK_IDLE_TIMEOUT,
                SINK_DELIVERY_GUARANTEE, SINK_TRANSACTIONAL_ID_PREFIX, SINK_PARTITIONER, SINK_PARALLELISM));
        options.addAll(Formats.supportedOptions(FORMAT));
        options.addAll(Formats.supportedOptions(KEY_FORMAT));
        options.addAll(Formats.supportedOptions(VALUE_FORMAT));
        return Set.copyOf(options);
    }

    /** The options of the {@code upsert-kafka} connector, formats' options included. */
    public static Set<String> upsertKafkaOptions() {
        Set<String> options = new HashSet<>(Set.of(TOPIC, KEY_FORMAT, VALUE_FORMAT, KEY_FIELDS_PREFIX,
                VALUE_FIELDS_INCLUDE, SCAN_WATERMARK_IDLE_TIMEOUT, SINK_DELIVERY_GUARANTEE,
                SINK_TRANSACTIONAL_ID_PREFIX, SINK_PARALLELISM, SINK_BUFFER_FLUSH_MAX_ROWS,
                SINK_BUFFER_FLUSH_INTERVAL));
        options.addAll(Formats.supportedOptions(KEY_FORMAT));
        options.addAll(Formats.supportedOptions(VALUE_FORMAT));
        return Set.copyOf(options);
    }
}
