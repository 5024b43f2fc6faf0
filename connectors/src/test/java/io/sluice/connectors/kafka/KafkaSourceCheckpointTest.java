package io.sluice.connectors.kafka;

import static io.sluice.connectors.kafka.KafkaSourceTestSupport.BID;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.bids;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.options;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.pollUntil;
import static io.sluice.connectors.kafka.KafkaSourceTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.connectors.ConnectorTestSupport.TestSourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reader restored from its snapshot continues with exactly the records that followed it, per
 * partition in order — also when the parallelism changes.
 */
@Tag("integration")
@Timeout(120)
class KafkaSourceCheckpointTest {
    private static final long TS = 1_700_000_000_000L;
    private static final int PER_PARTITION = 700;

    /** A topic whose partition p holds ids p*10000 .. p*10000+699. */
    private static String filledTopic(int partitions) {
        String topic = KafkaTestSupport.newReadyTopic("ckpt", partitions);
        for (int p = 0; p < partitions; p++) {
            KafkaTestSupport.produce(topic, p, bids("v", p * 10_000, p * 10_000 + PER_PARTITION), TS);
        }
        return topic;
    }

    /** The ids a reader emitted, by split. */
    private static Map<String, List<Long>> idsBySplit(TestSourceOutput output) {
        Map<String, List<Long>> ids = new HashMap<>();
        output.splits().forEach((split, out) -> ids.put(split,
                new ArrayList<>(out.rows().stream().map(r -> (Long) r[0]).toList())));
        return ids;
    }

    private static void append(Map<String, List<Long>> into, Map<String, List<Long>> more) {
        more.forEach((split, ids) -> into.computeIfAbsent(split, s -> new ArrayList<>()).addAll(ids));
    }

    private static void assertEveryPartitionReadOnceInOrder(String topic, int partitions, Map<String, List<Long>> ids) {
        assertThat(ids.keySet()).hasSize(partitions);
        for (int p = 0; p < partitions; p++) {
            List<Long> expected = java.util.stream.LongStream.range(p * 10_000L, p * 10_000L + PER_PARTITION)
                    .boxed().toList();
            assertThat(ids.get(topic + "-" + p)).as("partition %d", p).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void restoredReaderContinuesWithExactlyTheRecordsAfterTheSnapshot() throws Exception {
        String topic = filledTopic(3);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));
        byte[] state;
        Map<String, List<Long>> beforeSnapshot;
        try (ReaderRun first = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(first, 1000);
            state = first.snapshot(1);
            beforeSnapshot = idsBySplit(first.output());
            // the job goes on past the checkpoint, then fails: these rows are replayed
            first.poll(3);
            assertThat(first.rows().size()).isGreaterThan(1000);
        }
        // records written after the start lie past the bounded end the checkpoint recorded
        KafkaTestSupport.produce(topic, 0, bids("late", 90_000, 90_005), TS);

        try (ReaderRun restored = ReaderRun.open(source, 0, 1, List.of(state)).readToEnd()) {
            assertThat(restored.rows()).hasSize(3 * PER_PARTITION - beforeSnapshot.values().stream()
                    .mapToInt(List::size).sum());
            append(beforeSnapshot, idsBySplit(restored.output()));
            assertEveryPartitionReadOnceInOrder(topic, 3, beforeSnapshot);
        }
    }

    @Test
    void unboundedReaderRestoresAndReadsNewRecords() throws Exception {
        String topic = filledTopic(2);
        TableSource source = source(BID, options(topic));
        byte[] state;
        Map<String, List<Long>> ids;
        try (ReaderRun first = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(first, 300);
            state = first.snapshot(7);
            ids = idsBySplit(first.output());
        }
        int before = ids.values().stream().mapToInt(List::size).sum();
        try (ReaderRun restored = ReaderRun.open(source, 0, 1, List.of(state))) {
            pollUntil(restored, 2 * PER_PARTITION - before);
            KafkaTestSupport.produce(topic, 1, bids("new", 10_000 + PER_PARTITION, 10_000 + PER_PARTITION + 2), TS);
            pollUntil(restored, 2 * PER_PARTITION - before + 2);
            append(ids, idsBySplit(restored.output()));
        }
        assertThat(ids.get(topic + "-1")).endsWith(10_000L + PER_PARTITION, 10_000L + PER_PARTITION + 1);
        ids.get(topic + "-1").subList(PER_PARTITION, PER_PARTITION + 2).clear();
        assertEveryPartitionReadOnceInOrder(topic, 2, ids);
    }

    @Test
    void rescaledReadersTakeTheirPartitionsFromEveryOldState() throws Exception {
        String topic = filledTopic(5);
        TableSource source = source(BID, options(topic, "scan.bounded.mode", "latest-offset"));
        List<byte[]> states = new ArrayList<>();
        Map<String, List<Long>> ids = new HashMap<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (ReaderRun old = ReaderRun.open(source, subtask, 2, List.of())) {
                pollUntil(old, 600);
                states.add(old.snapshot(3));
                append(ids, idsBySplit(old.output()));
                old.poll(2);
            }
        }
        for (int subtask = 0; subtask < 3; subtask++) {
            try (ReaderRun rescaled = ReaderRun.open(source, subtask, 3, states).readToEnd()) {
                append(ids, idsBySplit(rescaled.output()));
            }
        }
        assertEveryPartitionReadOnceInOrder(topic, 5, ids);
    }

    @Test
    void restoredReaderReadsPartitionsAddedSinceFromTheBeginning() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("ckpt-grow", 1);
        KafkaTestSupport.produce(topic, 0, bids("a", 0, 3), TS);
        TableSource source = source(BID, options(topic, "scan.topic-partition-discovery.interval", "0"));
        byte[] state;
        try (ReaderRun first = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(first, 3);
            state = first.snapshot(1);
        }
        KafkaTestSupport.addPartitions(topic, 2);
        KafkaTestSupport.produce(topic, 1, bids("b", 10, 12), TS);
        KafkaTestSupport.produce(topic, 0, bids("a", 3, 4), TS);

        try (ReaderRun restored = ReaderRun.open(source, 0, 1, List.of(state))) {
            pollUntil(restored, 3);
            assertThat(restored.rows().stream().map(r -> (Long) r.get(0)).sorted().toList())
                    .containsExactly(3L, 10L, 11L);
        }
    }

    @Test
    void snapshotBetweenTransactionsResumesAfterTheAbortedOne() throws Exception {
        String topic = KafkaTestSupport.newReadyTopic("ckpt-tx", 1);
        KafkaTestSupport.produceTransactional(topic, 0, bids("c", 0, 3), TS, true);
        KafkaTestSupport.produceTransactional(topic, 0, bids("x", 100, 103), TS, false);
        TableSource source = source(BID, options(topic));
        byte[] state;
        try (ReaderRun first = ReaderRun.open(source, 0, 1, List.of())) {
            pollUntil(first, 3);
            KafkaSourceTestSupport.pollFor(first, 200);
            state = first.snapshot(1);
        }
        KafkaTestSupport.produceTransactional(topic, 0, bids("c", 3, 5), TS, true);

        try (ReaderRun restored = ReaderRun.open(source, 0, 1, List.of(state))) {
            pollUntil(restored, 2);
            KafkaSourceTestSupport.pollFor(restored, 300);
            assertThat(restored.rows().stream().map(r -> (Long) r.get(0)).toList()).containsExactly(3L, 4L);
        }
    }

    @Test
    void completedCheckpointCommitsItsOffsetsToTheGroup() throws Exception {
        String topic = filledTopic(2);
        String group = "ckpt-" + UUID.randomUUID();
        TableSource source = source(BID, options(topic, "properties.group.id", group));
        SourceReader reader = source.createReader(0, 1);
        try (ReaderRun run = ReaderRun.open(reader, 0, 1, List.of())) {
            pollUntil(run, 2 * PER_PARTITION);
            run.snapshot(1);
            Map<String, List<Long>> ids = idsBySplit(run.output());
            reader.notifyCheckpointComplete(1);

            long deadline = System.nanoTime() + 20_000_000_000L;
            Map<Integer, Long> committed = Map.of();
            while (!committed.equals(Map.of(0, (long) PER_PARTITION, 1, (long) PER_PARTITION))
                    && System.nanoTime() < deadline) {
                run.poll(1);
                committed = KafkaTestSupport.groupOffsets(group, topic);
            }
            assertThat(committed).isEqualTo(Map.of(0, (long) PER_PARTITION, 1, (long) PER_PARTITION));
            assertThat(ids.values().stream().mapToInt(List::size).sum()).isEqualTo(2 * PER_PARTITION);
        }
    }

    @Test
    void stateOfAnotherConnectorIsRefusedNamingTheTable() {
        String topic = filledTopic(1);
        TableSource source = source(BID, options(topic));

        assertThatThrownBy(() -> ReaderRun.open(source, 0, 1, List.of(new byte[] {1, 2, 3, 4, 0, 0, 0, 1})))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'bids': the Kafka source state of the checkpoint cannot be restored");
    }
}
