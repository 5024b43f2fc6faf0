package io.sluice.connectors.kafka;

import static io.sluice.connectors.ConnectorTestSupport.row;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.BID;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.bids;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.options;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.pollFor;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.pollUntil;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.SluiceException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each {@code scan.startup.mode} and {@code scan.bounded.mode} against a real broker. */
@Tag("integration")
@Timeout(120)
class KafkaSourceModesTest {
    private static final long T1 = 1_700_000_000_000L;
    private static final long T2 = T1 + 60_000;
    private static final long T3 = T1 + 120_000;

    /** A one-partition topic with ids 0-2 at T1, 3-5 at T2 and 6-8 at T3 (offsets equal ids). */
    private static String threeBatches() {
        String topic = KafkaTestSupport.newReadyTopic("modes", 1);
        KafkaTestSupport.produce(topic, 0, bids("r", 0, 3), T1);
        KafkaTestSupport.produce(topic, 0, bids("r", 3, 6), T2);
        KafkaTestSupport.produce(topic, 0, bids("r", 6, 9), T3);
        return topic;
    }

    private static List<Long> ids(TableSource source) throws Exception {
        return ConnectorTestSupport.rows(ConnectorTestSupport.readAll(source, 1)).stream()
                .map(r -> (Long) r.get(0)).sorted().toList();
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).boxed().toList();
    }

    @Test
    void earliestOffsetReadsEverything() throws Exception {
        String topic = threeBatches();

        assertThat(ids(source(BID, options(topic, "scan.bounded.mode", "latest-offset")))).isEqualTo(range(0, 9));
    }

    @Test
    void latestOffsetReadsOnlyWhatArrivesAfterTheStart() throws Exception {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.startup.mode", "latest-offset"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            pollFor(run, 300);
            KafkaTestSupport.produce(topic, 0, bids("r", 9, 11), T3);

            pollUntil(run, 2);

            assertThat(run.rows()).containsExactly(row(9L, "r9"), row(10L, "r10"));
        }
    }

    @Test
    void timestampStartsAtTheFirstRecordAtOrAfterIt() throws Exception {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.startup.mode", "timestamp",
                "scan.startup.timestamp-millis", String.valueOf(T2 - 1), "scan.bounded.mode", "latest-offset"));

        assertThat(ids(source)).isEqualTo(range(3, 9));
    }

    @Test
    void timestampAfterEveryRecordStartsAtTheEnd() throws Exception {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.startup.mode", "timestamp",
                "scan.startup.timestamp-millis", String.valueOf(T3 + 1), "scan.bounded.mode", "latest-offset"));

        assertThat(ids(source)).isEmpty();
    }

    @Test
    void specificOffsetsStartListedPartitionsThereAndOthersAtTheBeginning() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("specific", 2);
        KafkaTestSupport.produce(topic, 0, bids("a", 0, 5), T1);
        KafkaTestSupport.produce(topic, 1, bids("b", 10, 13), T1);
        TableSource source = source(BID, options(topic, "scan.startup.mode", "specific-offsets",
                "scan.startup.specific-offsets", "partition:0,offset:3", "scan.bounded.mode", "latest-offset"));

        assertThat(ids(source)).containsExactly(3L, 4L, 10L, 11L, 12L);
    }

    @Test
    void groupOffsetsStartAtTheCommittedOffsets() throws Exception {
        String topic = threeBatches();
        String group = "g-" + UUID.randomUUID();
        KafkaTestSupport.commitGroupOffsets(group, topic, Map.of(0, 4L));
        TableSource source = source(BID, options(topic, "scan.startup.mode", null, "properties.group.id", group,
                "scan.bounded.mode", "latest-offset"));

        assertThat(ids(source)).isEqualTo(range(4, 9));
    }

    @Test
    void groupOffsetsWithoutCommittedOffsetFollowAutoOffsetReset() throws Exception {
        String topic = threeBatches();
        String group = "g-" + UUID.randomUUID();
        TableSource earliest = source(BID, options(topic, "scan.startup.mode", "group-offsets",
                "properties.group.id", group, "properties.auto.offset.reset", "earliest",
                "scan.bounded.mode", "latest-offset"));
        TableSource latest = source(BID, options(topic, "scan.startup.mode", "group-offsets",
                "properties.group.id", group, "properties.auto.offset.reset", "latest",
                "scan.bounded.mode", "latest-offset"));

        assertThat(ids(earliest)).isEqualTo(range(0, 9));
        assertThat(ids(latest)).isEmpty();
    }

    @Test
    void groupOffsetsWithoutCommittedOffsetOrResetFailNamingGroupAndPartition() {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.startup.mode", "group-offsets",
                "properties.group.id", "fresh-group", "scan.bounded.mode", "latest-offset"));

        assertThatThrownBy(() -> ConnectorTestSupport.readAll(source, 1))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'bids'")
                .hasMessageContaining("group 'fresh-group' has no committed offset for [topic " + topic + " partition 0]")
                .hasMessageContaining("'properties.auto.offset.reset'");
    }

    @Test
    void boundedLatestOffsetIgnoresRecordsArrivingAfterTheStart() throws Exception {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        try (ReaderRun run = ReaderRun.open(source, 0, 1, List.of())) {
            run.poll(1);
            KafkaTestSupport.produce(topic, 0, bids("late", 100, 102), T3);
            run.readToEnd();

            assertThat(run.rows()).hasSize(9);
            assertThat(run.output().splits().get(topic + "-0").finished()).isTrue();
        }
    }

    @Test
    void boundedTimestampStopsBeforeTheFirstRecordAtOrAfterIt() throws Exception {
        String topic = threeBatches();
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "timestamp",
                "scan.bounded.timestamp-millis", String.valueOf(T3)));

        assertThat(ids(source)).isEqualTo(range(0, 6));
    }

    @Test
    void boundedSpecificOffsetsStopThereAndSkipUnlistedPartitions() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("bounded-specific", 2);
        KafkaTestSupport.produce(topic, 0, bids("a", 0, 5), T1);
        KafkaTestSupport.produce(topic, 1, bids("b", 10, 13), T1);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "specific-offsets",
                "scan.bounded.specific-offsets", "partition:0,offset:2"));

        assertThat(ids(source)).containsExactly(0L, 1L);
    }

    @Test
    void boundedGroupOffsetsStopAtTheCommittedOffsets() throws Exception {
        String topic = threeBatches();
        String group = "g-" + UUID.randomUUID();
        KafkaTestSupport.commitGroupOffsets(group, topic, Map.of(0, 7L));
        TableSource source = source(BID, options(topic, "properties.group.id", group,
                "scan.bounded.mode", "group-offsets"));

        assertThat(ids(source)).isEqualTo(range(0, 7));
    }

    @Test
    void boundedReaderOfAnEmptyTopicEndsAtOnce() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("empty", 2);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        List<ConnectorTestSupport.SubtaskResult> results = ConnectorTestSupport.readAll(source, 3);

        assertThat(ConnectorTestSupport.rows(results)).isEmpty();
        results.forEach(r -> r.output().splits().values().forEach(s -> assertThat(s.finished()).isTrue()));
    }

    @Test
    void boundedReadEndsAfterACommittedTransactionWhoseMarkerIsTheLastOffset() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("tx-end", 1);
        KafkaTestSupport.produceTransactional(topic, 0, bids("t", 0, 3), T1, true);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));

        assertThat(ids(source)).isEqualTo(range(0, 3));
    }

    @Test
    void readCommittedSkipsAbortedTransactions() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("aborted", 1);
        KafkaTestSupport.produceTransactional(topic, 0, bids("c", 0, 2), T1, true);
        KafkaTestSupport.produceTransactional(topic, 0, bids("x", 100, 103), T1, false);
        KafkaTestSupport.produce(topic, 0, bids("p", 2, 3), T1);
        KafkaTestSupport.produceTransactional(topic, 0, bids("c", 3, 5), T1, true);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));
        TableSource uncommitted = source(BID, options(topic, "scan.bounded.mode", "latest-offset",
                "properties.isolation.level", "read_uncommitted"));

        assertThat(ids(source)).isEqualTo(range(0, 5));
        assertThat(ids(uncommitted)).containsExactly(0L, 1L, 2L, 3L, 4L, 100L, 101L, 102L);
    }
}
