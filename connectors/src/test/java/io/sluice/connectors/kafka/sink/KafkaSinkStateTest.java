package io.sluice.connectors.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.kafka.sink.KafkaSinkState.PendingTransaction;
import io.sluice.executor.error.SluiceException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exactly-once sink's checkpoint state and progress marker, byte for byte. */
class KafkaSinkStateTest {

    @Test
    void shouldRoundTripPendingTransactionsWithTheirRecords() {
        SinkRecord keyed = new SinkRecord(new byte[] {1, 2}, new byte[] {3}, 1_600_000_000_000L, 2);
        SinkRecord tombstone = new SinkRecord(new byte[] {9}, null, SinkRecord.NO_TIMESTAMP, SinkRecord.ANY_PARTITION);
        SinkRecord keyless = new SinkRecord(null, new byte[0], 5, SinkRecord.ANY_PARTITION);
        KafkaSinkState state = new KafkaSinkState("job-out", "topic", 3, "run1", List.of(
                new PendingTransaction(7, List.of(keyed, tombstone)), new PendingTransaction(8, List.of(keyless))));

        KafkaSinkState read = KafkaSinkState.decode(state.encode(), "test");

        assertThat(read.transactionalIdPrefix()).isEqualTo("job-out");
        assertThat(read.topic()).isEqualTo("topic");
        assertThat(read.subtask()).isEqualTo(3);
        assertThat(read.runId()).isEqualTo("run1");
        assertThat(read.transactionalId()).isEqualTo("job-out-3");
        assertThat(read.pending()).extracting(PendingTransaction::checkpointId).containsExactly(7L, 8L);
        assertThat(describe(read.pending().get(0).records())).isEqualTo(describe(List.of(keyed, tombstone)));
        assertThat(describe(read.pending().get(1).records())).isEqualTo(describe(List.of(keyless)));
    }

    private static List<String> describe(List<SinkRecord> records) {
        return records.stream().map(r -> Arrays.toString(r.key()) + "/" + Arrays.toString(r.value()) + "/"
                + r.timestamp() + "/" + r.partition()).toList();
    }

    @Test
    void shouldRefuseATruncatedState() {
        byte[] bytes = new KafkaSinkState("p", "t", 0, "r", List.of(new PendingTransaction(1,
                List.of(new SinkRecord(null, new byte[] {1, 2, 3}, 0, 0))))).encode();
        assertThatThrownBy(() -> KafkaSinkState.decode(Arrays.copyOf(bytes, bytes.length - 2), "Table 't': the state"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Table 't': the state cannot be restored");
    }

    @Test
    void shouldKeepTheNewestRunFirstAndRememberEarlierRuns() {
        ProgressMarker marker = ProgressMarker.NONE.committed("a", 3).committed("b", 1).committed("a", 5);

        assertThat(marker.metadata()).isEqualTo("a:5;b:1");
        assertThat(marker.offset()).isEqualTo(5);
        assertThat(ProgressMarker.parse(marker.metadata())).isEqualTo(marker);
        assertThat(marker.committedUpTo("b")).hasValue(1);
        assertThat(marker.committedUpTo("c")).isEmpty();
    }

    @Test
    void shouldForgetTheOldestRunsBeyondTheLimit() {
        ProgressMarker marker = ProgressMarker.NONE;
        for (int run = 0; run < ProgressMarker.MAX_RUNS + 3; run++) {
            marker = marker.committed("run" + run, run);
        }
        assertThat(marker.runs()).hasSize(ProgressMarker.MAX_RUNS);
        assertThat(marker.committedUpTo("run0")).isEmpty();
        assertThat(marker.committedUpTo("run" + (ProgressMarker.MAX_RUNS + 2))).hasValue(ProgressMarker.MAX_RUNS + 2);
    }

    @Test
    void shouldReadForeignOffsetMetadataAsNoProgress() {
        assertThat(ProgressMarker.parse(null)).isEqualTo(ProgressMarker.NONE);
        assertThat(ProgressMarker.parse("")).isEqualTo(ProgressMarker.NONE);
        assertThat(ProgressMarker.parse("hello")).isEqualTo(ProgressMarker.NONE);
        assertThat(ProgressMarker.parse("a:notanumber")).isEqualTo(ProgressMarker.NONE);
    }
}
