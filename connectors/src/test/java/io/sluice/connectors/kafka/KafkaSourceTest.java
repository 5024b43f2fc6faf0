package io.sluice.connectors.kafka;

import static io.sluice.connectors.ConnectorTestSupport.row;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.BID;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.bids;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.options;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.pollFor;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.pollUntil;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.record;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading a real broker: formats, key and value layouts, metadata columns, one split per partition. */
@Tag("integration")
@Timeout(120)
class KafkaSourceTest {
    private static final long TS = 1_700_000_000_000L;

    @Test
    void shouldReadJsonValuesOfEveryPartitionOnTheirOwnSplit() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("json", 3);
        for (int p = 0; p < 3; p++) {
            KafkaTestSupport.produce(topic, p, bids("p" + p + "-", p * 100, p * 100 + 5), TS);
        }
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        List<ConnectorTestSupport.SubtaskResult> results = ConnectorTestSupport.readAll(source, 1);

        var splits = results.get(0).output().splits();
        assertThat(splits.keySet()).containsExactlyInAnyOrder(topic + "-0", topic + "-1", topic + "-2");
        for (int p = 0; p < 3; p++) {
            List<List<Object>> expected = new ArrayList<>();
            for (int i = p * 100; i < p * 100 + 5; i++) {
                expected.add(row((long) i, "p" + p + "-" + i));
            }
            var split = splits.get(topic + "-" + p);
            assertThat(split.rows().stream().map(Arrays::asList).toList()).containsExactlyElementsOf(expected);
            assertThat(split.finished()).isTrue();
        }
    }

    @Test
    void shouldReadCsvValues() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("csv", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record(null, "1,\"a, b\""), record(null, "2,c")), TS);
        TableSource source = source(BID, options(topic, "format", "csv", "scan.bounded.mode", "latest-offset"));

        assertThat(ConnectorTestSupport.rows(ConnectorTestSupport.readAll(source, 1)))
                .containsExactly(row(1L, "a, b"), row(2L, "c"));
    }

    @Test
    void shouldReadRawValuesWithTombstonesAsNull() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("raw", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record(null, "{not json"), record("k", null), record(null, "héllo")), TS);
        RowSchema line = RowSchema.builder().field("line", LogicalType.string()).build();
        TableSource source = source(line, options(topic, "format", "raw", "scan.bounded.mode", "latest-offset"));

        assertThat(ConnectorTestSupport.rows(ConnectorTestSupport.readAll(source, 1)))
                .containsExactly(row("{not json"), row((Object) null), row("héllo"));
    }

    @Test
    void shouldSkipTombstonesOfJsonTables() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("tombstones", 1);
        KafkaTestSupport.produce(topic, 0, List.of(record("1", "{\"id\": 1, \"name\": \"a\"}"), record("1", null),
                record("2", "{\"id\": 2, \"name\": \"b\"}")), TS);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        ConnectorTestSupport.SubtaskResult result = ConnectorTestSupport.readAll(source, 1).get(0);

        assertThat(result.output().rowLists()).containsExactly(row(1L, "a"), row(2L, "b"));
        assertThat(result.context().skipped()).isEmpty();
    }

    @Test
    void shouldAssembleRowsFromKeyAndValueExceptKey() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("keyed", 1);
        KafkaTestSupport.produce(topic, 0, List.of(
                record("{\"id\": 7}", "{\"name\": \"seven\", \"price\": 70}"),
                record(null, "{\"name\": \"no key\", \"price\": 1}")), TS);
        RowSchema schema = RowSchema.builder()
                .field("k_id", LogicalType.of(TypeRoot.BIGINT))
                .field("name", LogicalType.string())
                .field("price", LogicalType.of(TypeRoot.INTEGER))
                .build();
        TableSource source = source(schema, options(topic, "format", null, "key.format", "json", "value.format", "json",
                "key.fields", "k_id", "key.fields-prefix", "k_", "value.fields-include", "EXCEPT_KEY",
                "scan.bounded.mode", "latest-offset"));

        assertThat(ConnectorTestSupport.rows(ConnectorTestSupport.readAll(source, 1)))
                .containsExactly(row(7L, "seven", 70), row(null, "no key", 1));
    }

    @Test
    void shouldAppendMetadataColumnsInTheirOrder() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("metadata", 2);
        KafkaTestSupport.produce(topic, 1, bids("m", 0, 2), TS);
        List<MetadataColumn> metadata = List.of(
                new MetadataColumn("offset", LogicalType.of(TypeRoot.BIGINT)),
                new MetadataColumn("partition", LogicalType.of(TypeRoot.INTEGER)),
                new MetadataColumn("topic", LogicalType.string()),
                new MetadataColumn("timestamp", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3)),
                new MetadataColumn("timestamp-type", LogicalType.string()),
                new MetadataColumn("leader-epoch", LogicalType.of(TypeRoot.INTEGER)));
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"), metadata);

        List<List<Object>> rows = ConnectorTestSupport.rows(ConnectorTestSupport.readAll(source, 1));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 7)).containsExactly(0L, "m0", 0L, 1, topic, TS, "CreateTime");
        assertThat(rows.get(1).subList(0, 7)).containsExactly(1L, "m1", 1L, 1, topic, TS, "CreateTime");
        assertThat(rows.get(0).get(7)).isInstanceOf(Integer.class);
    }

    @Test
    void shouldReadEveryTopicOfAListAndOfAPattern() throws Exception {
        String prefix = "multi" + System.nanoTime();
        String a = KafkaTestSupport.newReadyTopic(prefix + "-a", 1);
        String b = KafkaTestSupport.newReadyTopic(prefix + "-b", 2);
        String other = KafkaTestSupport.newReadyTopic("other" + System.nanoTime(), 1);
        KafkaTestSupport.produce(a, 0, bids("a", 0, 2), TS);
        KafkaTestSupport.produce(b, 1, bids("b", 10, 12), TS);
        KafkaTestSupport.produce(other, 0, bids("o", 20, 22), TS);

        TableSource list = source(BID, options(a + ";" + b, "scan.bounded.mode", "latest-offset"));
        TableSource pattern = source(BID, options(null, "topic-pattern", prefix + "-.*",
                "scan.bounded.mode", "latest-offset"));

        List<List<Object>> expected = List.of(row(0L, "a0"), row(1L, "a1"), row(10L, "b10"), row(11L, "b11"));
        assertThat(ConnectorTestSupport.rows(ConnectorTestSupport.readAll(list, 2)))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ConnectorTestSupport.rows(ConnectorTestSupport.readAll(pattern, 2)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldSpreadPartitionsOverSubtasksEachReadOnce() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("spread", 5);
        List<List<Object>> expected = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            KafkaTestSupport.produce(topic, p, bids("s", p * 10, p * 10 + 3), TS);
            for (int i = p * 10; i < p * 10 + 3; i++) {
                expected.add(row((long) i, "s" + i));
            }
        }
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        List<ConnectorTestSupport.SubtaskResult> results = ConnectorTestSupport.readAll(source, 3);

        assertThat(ConnectorTestSupport.rows(results)).containsExactlyInAnyOrderElementsOf(expected);
        // a round-robin from a topic-chosen start: subtasks own 2, 2 and 1 partitions
        assertThat(results.stream().map(r -> r.output().splits().size()).sorted().toList()).containsExactly(1, 2, 2);
    }

    @Test
    void shouldDiscoverNewPartitionsAndReadThemFromTheBeginning() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("discovery", 1);
        KafkaTestSupport.produce(topic, 0, bids("d", 0, 2), TS);
        TableSource source = source(BID, options(topic, "scan.topic-partition-discovery.interval", "200 ms"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(run, 2);
            KafkaTestSupport.addPartitions(topic, 3);
            KafkaTestSupport.produce(topic, 2, bids("d", 20, 22), TS);
            KafkaTestSupport.produce(topic, 1, bids("d", 10, 11), TS);

            pollUntil(run, 5);

            assertThat(run.rows()).containsExactlyInAnyOrder(row(0L, "d0"), row(1L, "d1"), row(20L, "d20"),
                    row(21L, "d21"), row(10L, "d10"));
            assertThat(run.output().splits().keySet()).contains(topic + "-1", topic + "-2");
        }
    }

    @Test
    void shouldDiscoverNewTopicsMatchingThePattern() throws Exception {
        String prefix = "pattern" + System.nanoTime();
        String first = KafkaTestSupport.newReadyTopic(prefix, 1);
        KafkaTestSupport.produce(first, 0, bids("f", 0, 1), TS);
        TableSource source = source(BID, options(null, "topic-pattern", prefix + "-.*",
                "scan.topic-partition-discovery.interval", "200 ms"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(run, 1);
            String second = KafkaTestSupport.newReadyTopic(prefix, 1);
            KafkaTestSupport.produce(second, 0, bids("s", 5, 7), TS);

            pollUntil(run, 3);

            assertThat(run.rows()).containsExactlyInAnyOrder(row(0L, "f0"), row(5L, "s5"), row(6L, "s6"));
        }
    }

    @Test
    void shouldNotDiscoverWhenDisabled() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("nodiscovery", 1);
        KafkaTestSupport.produce(topic, 0, bids("n", 0, 1), TS);
        TableSource source = source(BID, options(topic, "scan.topic-partition-discovery.interval", "0"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(run, 1);
            KafkaTestSupport.addPartitions(topic, 2);
            KafkaTestSupport.produce(topic, 1, bids("n", 10, 11), TS);

            pollFor(run, 500);

            assertThat(run.rows()).containsExactly(row(0L, "n0"));
        }
    }

    @Test
    void shouldEmitAFewHundredRowsAtMostPerPoll() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("batches", 1);
        KafkaTestSupport.produce(topic, 0, bids("b", 0, 2000), TS);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            int before = 0;
            while (!run.ended()) {
                run.poll(1);
                assertThat(run.rows().size() - before).isLessThanOrEqualTo(500);
                before = run.rows().size();
            }
            assertThat(run.rows()).hasSize(2000);
        }
    }

    @Test
    void shouldDescribeTopicFormatAndModes() {
        TableSource source = source(BID, options("bids", "scan.bounded.mode", "latest-offset"));
        TableSource keyed = source(BID, options("bids", "format", null, "key.format", "csv", "key.fields", "id",
                "value.format", "json", "scan.startup.mode", null, "properties.group.id", "g"));

        assertThat(source.describe()).isEqualTo("kafka[topic=bids, format=json, startup=earliest-offset,"
                + " bounded=latest-offset]");
        assertThat(keyed.describe()).isEqualTo("kafka[topic=bids, key.format=csv, value.format=json,"
                + " startup=group-offsets]");
        assertThat(source.isBounded()).isTrue();
        assertThat(keyed.isBounded()).isFalse();
        assertThat(source.isReplayable()).isTrue();
    }
}
