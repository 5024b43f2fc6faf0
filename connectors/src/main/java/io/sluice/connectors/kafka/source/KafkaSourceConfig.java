package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated source options of a {@code kafka} table.
 *
 * <p>The default startup mode is Flink's, {@code group-offsets}, when {@code properties.group.id}
 * is given; without a group there are no committed offsets to start from (Flink refuses the
 * table then), so Sluice starts from {@code earliest-offset}. In {@code group-offsets} mode a
 * partition without a committed offset starts where {@code properties.auto.offset.reset} says; as in
 * Flink, when it is not set ({@code none}) such a partition fails the job with a message saying so.
 *
 * @param consumerProperties the {@code properties.*} options without their prefix, with the
 *     settings the source relies on: no auto-commit, {@code read_committed} unless the user chose
 *     otherwise, no topic auto-creation
 * @param missingGroupOffset where a partition without a committed offset of the group starts
 *     ({@code earliest}/{@code latest}), empty when that is an error
 * @param discoveryInterval how often new partitions and topics are looked for; zero when never
 *     (always zero for a bounded table, as in Flink)
 * @param apiTimeout the longest wait for the brokers in one call (Kafka's {@code default.api.timeout.ms})
 */
record KafkaSourceConfig(
        String tableName,
        TopicSelection topics,
        String bootstrapServers,
        Optional<String> groupId,
        Map<String, String> consumerProperties,
        StartupMode startupMode,
        long startupTimestamp,
        Map<Integer, Long> startupOffsets,
        Optional<String> missingGroupOffset,
        BoundedMode boundedMode,
        long boundedTimestamp,
        Map<Integer, Long> boundedOffsets,
        Duration discoveryInterval,
        Duration apiTimeout) {

    static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(60);

    KafkaSourceConfig {
        consumerProperties = Map.copyOf(consumerProperties);
        startupOffsets = Map.copyOf(startupOffsets);
        boundedOffsets = Map.copyOf(boundedOffsets);
    }

    static KafkaSourceConfig from(ConnectorOptions options) {
        TopicSelection topics = TopicSelection.from(options);
        String bootstrap = options.require(KafkaOptions.BOOTSTRAP_SERVERS);
        Optional<String> groupId = options.get(KafkaOptions.GROUP_ID).map(String::trim).filter(g -> !g.isEmpty());

        StartupMode startup = options.get(KafkaOptions.SCAN_STARTUP_MODE).map(v -> StartupMode.parse(options, v))
                .orElse(groupId.isPresent() ? StartupMode.GROUP_OFFSETS : StartupMode.EARLIEST_OFFSET);
        long startupTimestamp = -1;
        Map<Integer, Long> startupOffsets = Map.of();
        switch (startup) {
            case TIMESTAMP -> startupTimestamp = timestamp(options, KafkaOptions.SCAN_STARTUP_TIMESTAMP_MILLIS,
                    KafkaOptions.SCAN_STARTUP_MODE);
            case SPECIFIC_OFFSETS -> startupOffsets = specificOffsets(options, topics,
                    KafkaOptions.SCAN_STARTUP_SPECIFIC_OFFSETS, KafkaOptions.SCAN_STARTUP_MODE);
            case GROUP_OFFSETS -> requireGroup(options, groupId, KafkaOptions.SCAN_STARTUP_MODE);
            default -> { }
        }

        BoundedMode bounded = options.get(KafkaOptions.SCAN_BOUNDED_MODE).map(v -> BoundedMode.parse(options, v))
                .orElse(BoundedMode.UNBOUNDED);
        long boundedTimestamp = -1;
        Map<Integer, Long> boundedOffsets = Map.of();
        switch (bounded) {
            case TIMESTAMP -> boundedTimestamp = timestamp(options, KafkaOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS,
                    KafkaOptions.SCAN_BOUNDED_MODE);
            case SPECIFIC_OFFSETS -> boundedOffsets = specificOffsets(options, topics,
                    KafkaOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS, KafkaOptions.SCAN_BOUNDED_MODE);
            case GROUP_OFFSETS -> requireGroup(options, groupId, KafkaOptions.SCAN_BOUNDED_MODE);
            default -> { }
        }

        Optional<String> reset = options.get(KafkaOptions.PROPERTIES_PREFIX + "auto.offset.reset")
                .map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (reset.isPresent() && !reset.get().matches("earliest|latest|none")) {
            throw options.invalid(KafkaOptions.PROPERTIES_PREFIX + "auto.offset.reset", reset.get(),
                    "'earliest', 'latest' or 'none'");
        }
        Duration discovery = bounded == BoundedMode.UNBOUNDED ? discoveryInterval(options) : Duration.ZERO;
        Duration apiTimeout = Duration.ofMillis(options.getLong(
                KafkaOptions.PROPERTIES_PREFIX + "default.api.timeout.ms", DEFAULT_API_TIMEOUT.toMillis()));
        return new KafkaSourceConfig(options.tableName(), topics, bootstrap, groupId,
                consumerProperties(options, startup), startup, startupTimestamp, startupOffsets,
                reset.filter(r -> !r.equals("none")), bounded, boundedTimestamp, boundedOffsets, discovery,
                apiTimeout);
    }

    private static long timestamp(ConnectorOptions options, String key, String modeKey) {
        if (!options.contains(key)) {
            throw options.error("option '" + key + "' is required when '" + modeKey + "' is 'timestamp'");
        }
        long millis = options.getLong(key, -1);
        if (millis < 0) {
            throw options.invalid(key, options.require(key), "milliseconds since the epoch (not negative)");
        }
        return millis;
    }

    private static Map<Integer, Long> specificOffsets(ConnectorOptions options, TopicSelection topics, String key,
            String modeKey) {
        if (!options.contains(key)) {
            throw options.error("option '" + key + "' is required when '" + modeKey + "' is 'specific-offsets'");
        }
        if (!topics.isSingleTopic()) {
            throw options.error("'" + modeKey + "' = 'specific-offsets' needs a single topic in option '"
                    + KafkaOptions.TOPIC + "' (as in Flink)");
        }
        return SpecificOffsets.parse(options, key);
    }

    private static void requireGroup(ConnectorOptions options, Optional<String> groupId, String modeKey) {
        if (groupId.isEmpty()) {
            throw options.error("'" + modeKey + "' = 'group-offsets' needs option '" + KafkaOptions.GROUP_ID
                    + "', the consumer group whose committed offsets to use");
        }
    }

    private static Duration discoveryInterval(ConnectorOptions options) {
        String key = KafkaOptions.SCAN_TOPIC_PARTITION_DISCOVERY;
        if (options.get(key).map(v -> v.trim().equalsIgnoreCase("disabled")).orElse(false)) {
            return Duration.ZERO;
        }
        Duration interval = options.getDuration(key, DEFAULT_DISCOVERY_INTERVAL);
        if (interval.isNegative()) {
            throw options.invalid(key, options.require(key), "a duration, or 0 to disable discovery");
        }
        return interval;
    }

    private static Map<String, String> consumerProperties(ConnectorOptions options, StartupMode startup) {
        Map<String, String> props = new HashMap<>();
        options.asMap().forEach((key, value) -> {
            if (key.startsWith(KafkaOptions.PROPERTIES_PREFIX)) {
                props.put(key.substring(KafkaOptions.PROPERTIES_PREFIX.length()), value);
            }
        });
        // the engine owns the offsets: they live in checkpoints, the group's are only informational
        props.put("enable.auto.commit", "false");
        props.putIfAbsent("isolation.level", "read_committed");
        props.putIfAbsent("allow.auto.create.topics", "false");
        // only used when a position is out of range (records deleted by retention)
        props.putIfAbsent("auto.offset.reset", startup == StartupMode.LATEST_OFFSET ? "latest" : "earliest");
        return props;
    }

    boolean isBounded() {
        return boundedMode != BoundedMode.UNBOUNDED;
    }
}
