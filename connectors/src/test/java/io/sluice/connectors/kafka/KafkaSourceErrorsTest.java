package io.sluice.connectors.kafka;

import static io.sluice.connectors.ConnectorTestSupport.row;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.BID;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.options;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.record;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Option mistakes, malformed records and unreachable brokers: each reported naming the table and what is wrong. */
@Tag("integration")
@Timeout(120)
class KafkaSourceErrorsTest {
    private static final long TS = 1_700_000_000_000L;

    private static void assertOptionError(Map<String, String> options, String... fragments) {
        assertThatThrownBy(() -> source(BID, options))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .hasMessageStartingWith("Table 'bids': ")
                .message().contains(fragments);
    }

    @Test
    void missingTopicNamesTheOptions() {
        assertOptionError(options(null), "missing option 'topic' (or 'topic-pattern')");
    }

    @Test
    void topicAndPatternTogetherAreRefused() {
        assertOptionError(options("bids", "topic-pattern", "b.*"),
                "options 'topic' and 'topic-pattern' cannot both be set");
    }

    @Test
    void badPatternNamesTheOption() {
        assertOptionError(options(null, "topic-pattern", "bids[("), "option 'topic-pattern' must be a Java regular"
                + " expression", "'bids[('");
    }

    @Test
    void missingBootstrapServersNamesTheOption() {
        assertOptionError(options("bids", "properties.bootstrap.servers", null),
                "missing required option 'properties.bootstrap.servers'");
    }

    @Test
    void unknownStartupModeListsTheModes() {
        assertOptionError(options("bids", "scan.startup.mode", "first"), "option 'scan.startup.mode' must be one of"
                + " 'earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets', but is 'first'");
    }

    @Test
    void unknownBoundedModeListsTheModes() {
        assertOptionError(options("bids", "scan.bounded.mode", "never"), "option 'scan.bounded.mode' must be one of"
                + " 'unbounded', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets', but is 'never'");
    }

    @Test
    void badSpecificOffsetsTextNamesTheOptionAndTheEntry() {
        assertOptionError(options("bids", "scan.startup.mode", "specific-offsets",
                "scan.startup.specific-offsets", "partition:0,offset:42;partition:one,offset:3"),
                "option 'scan.startup.specific-offsets' must be a list such as 'partition:0,offset:42;partition:1,offset:300'",
                "cannot read 'partition:one,offset:3'");
        assertOptionError(options("bids", "scan.bounded.mode", "specific-offsets",
                "scan.bounded.specific-offsets", "partition:0,offset:1;partition:0,offset:2"),
                "option 'scan.bounded.specific-offsets'", "partition 0 is given twice");
    }

    @Test
    void modesWithoutTheirValuesNameTheMissingOption() {
        assertOptionError(options("bids", "scan.startup.mode", "specific-offsets"),
                "option 'scan.startup.specific-offsets' is required when 'scan.startup.mode' is 'specific-offsets'");
        assertOptionError(options("bids", "scan.startup.mode", "timestamp"),
                "option 'scan.startup.timestamp-millis' is required when 'scan.startup.mode' is 'timestamp'");
        assertOptionError(options("bids", "scan.bounded.mode", "timestamp"),
                "option 'scan.bounded.timestamp-millis' is required when 'scan.bounded.mode' is 'timestamp'");
        assertOptionError(options("bids", "scan.startup.mode", "timestamp", "scan.startup.timestamp-millis", "soon"),
                "option 'scan.startup.timestamp-millis' must be an integer, but is 'soon'");
    }

    @Test
    void groupOffsetsNeedAGroup() {
        assertOptionError(options("bids", "scan.startup.mode", "group-offsets"),
                "'scan.startup.mode' = 'group-offsets' needs option 'properties.group.id'");
        assertOptionError(options("bids", "scan.bounded.mode", "group-offsets"),
                "'scan.bounded.mode' = 'group-offsets' needs option 'properties.group.id'");
    }

    @Test
    void specificOffsetsNeedASingleTopic() {
        assertOptionError(options("a;b", "scan.startup.mode", "specific-offsets",
                "scan.startup.specific-offsets", "partition:0,offset:1"),
                "'scan.startup.mode' = 'specific-offsets' needs a single topic in option 'topic'");
    }

    @Test
    void badAutoOffsetResetAndDiscoveryIntervalNameTheOption() {
        assertOptionError(options("bids", "properties.auto.offset.reset", "smallest"),
                "option 'properties.auto.offset.reset' must be 'earliest', 'latest' or 'none', but is 'smallest'");
        assertOptionError(options("bids", "scan.topic-partition-discovery.interval", "often"),
                "option 'scan.topic-partition-discovery.interval' must be a duration");
    }

    @Test
    void unknownMetadataKeyNamesTableAndKey() {
        assertThatThrownBy(() -> source(BID, options("bids"),
                List.of(new MetadataColumn("headers", LogicalType.string()))))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'bids': connector 'kafka' has no metadata key 'headers'")
                .hasMessageContaining("'topic', 'partition', 'offset', 'timestamp', 'timestamp-type', 'leader-epoch'");
    }

    @Test
    void malformedValueFailsNamingTableTopicPartitionAndOffset() {
        String topic = KafkaTestSupport.newReadyTopic("malformed", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record(null, "{\"id\": 1, \"name\": \"a\"}"),
                record(null, "{\"id\": \"one\"}")), TS);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        assertThatThrownBy(() -> ConnectorTestSupport.readAll(source, 1))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
                .hasMessageContaining("Table 'bids': malformed JSON at topic " + topic + " partition 0 offset 1")
                .hasMessageContaining("'one'");
    }

    @Test
    void malformedValuesAreSkippedAndCountedWhenConfigured() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("skipped", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record(null, "{\"id\": 1, \"name\": \"a\"}"), record(null, "{nope"),
                record(null, "{\"id\": 3, \"name\": \"c\"}")), TS);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset",
                "json.ignore-parse-errors", "true"));

        ConnectorTestSupport.SubtaskResult result = ConnectorTestSupport.readAll(source, 1).get(0);

        assertThat(result.output().rowLists()).containsExactly(row(1L, "a"), row(3L, "c"));
        assertThat(result.context().skipped()).containsOnlyKeys("topic " + topic + " partition 0 offset 1");
    }

    @Test
    void malformedKeyIsSkippedOrFailsByTheKeyFormatsOption() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("badkey", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record("{\"id\": 1}", "{\"name\": \"a\"}"),
                record("{broken", "{\"name\": \"b\"}")), TS);
        RowSchema schema = RowSchema.builder().field("id", LogicalType.of(TypeRoot.BIGINT))
                .field("name", LogicalType.string()).build();
        Map<String, String> keyed = options(topic, "format", null, "key.format", "json", "key.fields", "id",
                "value.format", "json", "value.fields-include", "EXCEPT_KEY", "scan.bounded.mode", "latest-offset");
        Map<String, String> skipping = new java.util.HashMap<>(keyed);
        skipping.put("key.json.ignore-parse-errors", "true");

        assertThatThrownBy(() -> ConnectorTestSupport.readAll(source(schema, keyed), 1))
                .hasMessageContaining("Table 'bids': malformed JSON at topic " + topic + " partition 0 offset 1 (key)");
        ConnectorTestSupport.SubtaskResult result = ConnectorTestSupport.readAll(source(schema, skipping), 1).get(0);
        assertThat(result.output().rowLists()).containsExactly(row(1L, "a"));
        assertThat(result.context().skipped()).containsOnlyKeys("topic " + topic + " partition 0 offset 1 (key)");
    }

    @Test
    void missingTopicFailsAtOpenNamingTopicAndServers() {
        TableSource source = source(BID, options("no-such-topic-" + System.nanoTime()));

        assertThatThrownBy(() -> ConnectorTestSupport.readSubtask(source, 0, 1))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessageContaining("Table 'bids': topic 'no-such-topic-")
                .hasMessageContaining("does not exist at '" + KafkaTestSupport.bootstrapServers() + "'");
    }

    @Test
    void unreachableBrokerFailsAfterTheApiTimeoutNamingTheServers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TableSource source = source(BID, options("bids", "properties.bootstrap.servers", "localhost:" + port,
                "properties.default.api.timeout.ms", "1500"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> ConnectorTestSupport.readSubtask(source, 0, 1))
                .isInstanceOfSatisfying(SluiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL_ERROR))
                .hasMessageContaining("Table 'bids': the Kafka brokers at 'localhost:" + port
                        + "' did not answer within 1500 ms");
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }
}
