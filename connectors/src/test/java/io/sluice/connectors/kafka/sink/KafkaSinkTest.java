package io.sluice.connectors.kafka.sink;

import static io.sluice.connectors.kafka.KafkaTestSupport.text;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.SCHEMA;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.ids;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.insert;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.kafkaSink;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.open;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.options;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.range;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.kafka.KafkaTestSupport;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code kafka} sink with {@code none} and {@code at-least-once}, formats, metadata, partitioners and option errors. */
@Tag("integration")
@Timeout(120)
class KafkaSinkTest {
    private static final String SINK_ID = "job-3-out";

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
        return KafkaTestSupport.readCommitted(topic, expected, Duration.ofSeconds(20), Duration.ofMillis(300));
    }

    @Test
    void shouldWriteJsonValuesAtLeastOnceByDefault() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-json", 1);
        TableSink sink = kafkaSink(options(topic));
        assertThat(sink.isExactlyOnce()).isFalse();
        assertThat(sink.acceptsUpdates()).isFalse();
        assertThat(sink.describe()).isEqualTo("kafka[topic=" + topic + ", value.format=json, delivery-guarantee=at-least-once]");
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            insert(writer, 0, 3);
            writer.finish();
        }
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);
        assertThat(records).extracting(r -> text(r.value())).containsExactly(
                "{\"id\":0,\"name\":\"name-0\"}", "{\"id\":1,\"name\":\"name-1\"}", "{\"id\":2,\"name\":\"name-2\"}");
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isNull());
    }

    /** Linger of a minute: only the checkpoint's flush sends the records. */
    @Test
    void shouldFlushAtEveryCheckpointAtLeastOnce() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-flush", 1);
        TableSink sink = kafkaSink(options(topic, "sink.delivery-guarantee", "at-least-once",
                "properties.linger.ms", "60000"));
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            insert(writer, 0, 5);
            writer.snapshotState(1);
            assertThat(ids(read(topic, 5))).containsExactlyElementsOf(range(0, 5));
            writer.finish();
        }
    }

    @Test
    void shouldNotWaitAtCheckpointsWithNoGuaranteeButFlushAtTheEnd() throws Exception {
        String topic = KafkaTestSupport.newTopic("none-flush", 1);
        TableSink sink = kafkaSink(options(topic, "sink.delivery-guarantee", "none", "properties.linger.ms", "60000"));
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            insert(writer, 0, 5);
            writer.snapshotState(1);
            assertThat(KafkaTestSupport.readCommitted(topic, Duration.ofMillis(500))).isEmpty();
            writer.finish();
        }
        assertThat(ids(read(topic, 5))).containsExactlyElementsOf(range(0, 5));
    }

    @Test
    void shouldWriteCsvValues() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-csv", 1);
        try (SinkWriter writer = open(kafkaSink(options(topic, "format", "csv")), 0, 1, SINK_ID, List.of())) {
            insert(writer, 7, 9);
            writer.finish();
        }
        assertThat(read(topic, 2)).extracting(r -> text(r.value())).containsExactly("7,name-7", "8,name-8");
    }

    @Test
    void shouldWriteKeyAndValueInTheirOwnFormats() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-key", 1);
        Map<String, String> options = options(topic, "key.fields", "id", "key.format", "csv", "value.format", "json",
                "value.fields-include", "EXCEPT_KEY");
        options.remove("format");
        try (SinkWriter writer = open(kafkaSink(options), 0, 1, SINK_ID, List.of())) {
            insert(writer, 1, 3);
            writer.finish();
        }
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 2);
        assertThat(records).extracting(r -> text(r.key())).containsExactly("1", "2");
        assertThat(records).extracting(r -> text(r.value()))
                .containsExactly("{\"name\":\"name-1\"}", "{\"name\":\"name-2\"}");
    }

    @Test
    void shouldSetTheRecordTimestampFromTheTimestampMetadataColumn() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-timestamp", 1);
        TableSink sink = sink("kafka", SCHEMA, List.of(),
                List.of(new MetadataColumn("timestamp", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))), options(topic));
        long before = System.currentTimeMillis();
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            writer.write(RowKind.INSERT, new Object[] {1L, "a", 1_600_000_000_123L});
            writer.write(RowKind.INSERT, new Object[] {2L, "b", null});
            writer.finish();
        }
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 2);
        assertThat(records.get(0).timestamp()).isEqualTo(1_600_000_000_123L);
        // a null timestamp: the producer stamps the record
        assertThat(records.get(1).timestamp()).isGreaterThanOrEqualTo(before);
        // the metadata column is not part of the value
        assertThat(text(records.get(0).value())).isEqualTo("{\"id\":1,\"name\":\"a\"}");
    }

    @Test
    void shouldSendEverythingOfASubtaskToOnePartitionWhenFixed() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-fixed", 3);
        TableSink sink = kafkaSink(options(topic, "sink.partitioner", "fixed"));
        for (int subtask : new int[] {1, 5}) {
            try (SinkWriter writer = open(sink, subtask, 6, SINK_ID, List.of())) {
                insert(writer, subtask * 100, subtask * 100 + 4);
                writer.finish();
            }
        }
        Map<Long, Integer> partitionOfId = partitions(read(topic, 8));
        assertThat(partitionOfId).hasSize(8);
        partitionOfId.forEach((id, partition) -> assertThat(partition).isEqualTo((int) (id / 100) % 3));
    }

    @Test
    void shouldSpreadRecordsOverAllPartitionsRoundRobin() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-round-robin", 3);
        try (SinkWriter writer = open(kafkaSink(options(topic, "sink.partitioner", "round-robin")), 0, 1, SINK_ID,
                List.of())) {
            insert(writer, 0, 9);
            writer.finish();
        }
        Map<Long, Integer> partitionOfId = partitions(read(topic, 9));
        partitionOfId.forEach((id, partition) -> assertThat(partition).isEqualTo((int) (id % 3)));
    }

    @Test
    void shouldPartitionByKeyByDefault() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-by-key", 4);
        Map<String, String> options = options(topic, "key.fields", "name", "key.format", "csv");
        try (SinkWriter writer = open(kafkaSink(options), 0, 1, SINK_ID, List.of())) {
            for (long id = 0; id < 40; id++) {
                writer.write(RowKind.INSERT, new Object[] {id, "key-" + (id % 5)});
            }
            writer.finish();
        }
        Map<String, Set<Integer>> partitionsOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic, 40)) {
            partitionsOfKey.computeIfAbsent(text(record.key()), k -> new HashSet<>()).add(record.partition());
        }
        assertThat(partitionsOfKey).hasSize(5).allSatisfy((key, partitions) -> assertThat(partitions).hasSize(1));
    }

    @Test
    void shouldPartitionInExactlyOnceModeToo() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-fixed", 3);
        TableSink sink = kafkaSink(options(topic, "sink.partitioner", "fixed", "sink.delivery-guarantee",
                "exactly-once"));
        try (SinkWriter writer = open(sink, 2, 3, SINK_ID, List.of())) {
            insert(writer, 0, 4);
            writer.snapshotState(1);
            writer.notifyCheckpointComplete(1);
            writer.finish();
        }
        assertThat(partitions(read(topic, 4)).values()).containsOnly(2);
    }

    private static Map<Long, Integer> partitions(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Long, Integer> partitionOfId = new HashMap<>();
        List<Long> ids = ids(records);
        for (int i = 0; i < records.size(); i++) {
            partitionOfId.put(ids.get(i), records.get(i).partition());
        }
        return partitionOfId;
    }

    @Test
    void shouldFailTheJobWhenASendFails() throws Exception {
        String topic = KafkaTestSupport.newTopic("alo-too-large", 1);
        TableSink sink = kafkaSink(options(topic, "properties.max.request.size", "200"));
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            writer.write(RowKind.INSERT, new Object[] {1L, "x".repeat(1000)});
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("Table 'out': cannot write to Kafka topic '" + topic + "'");
        }
    }

    @Test
    void shouldNameTheTableAndOptionOfBadOptions() {
        assertOptionError(options("t", "sink.delivery-guarantee", "twice"),
                "option 'sink.delivery-guarantee' must be 'none', 'at-least-once' or 'exactly-once', but is 'twice'");
        assertOptionError(options("t", "sink.partitioner", "random"),
                "option 'sink.partitioner' must be 'default', 'fixed' or 'round-robin', but is 'random'");
        assertOptionError(options("t", "sink.partitioner", "com.example.MyPartitioner"),
                "custom partitioner classes are not supported");
        Map<String, String> noServers = options("t");
        noServers.remove("properties.bootstrap.servers");
        assertOptionError(noServers, "missing required option 'properties.bootstrap.servers'");
        Map<String, String> pattern = options("t", "topic-pattern", "t.*");
        pattern.remove("topic");
        assertOptionError(pattern, "option 'topic-pattern' is for reading");
        assertOptionError(options("a;b"), "option 'topic' must be one topic name");
        assertOptionError(options("t", "sink.transactional-id-prefix", " "), "sink.transactional-id-prefix");
    }

    private static void assertOptionError(Map<String, String> options, String message) {
        assertThatThrownBy(() -> kafkaSink(options))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Table 'out': ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.OPTION_ERROR));
    }
}
