package io.sluice.connectors.kafka.sink;

import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.ids;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.insert;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.kafkaSink;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.openTransactional;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.options;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.kafka.KafkaTestSupport;
import io.sluice.connectors.kafka.sink.KafkaSinkHarness.SimulatedCrash;
import io.sluice.connectors.kafka.sink.TransactionCommitter.CommitHook;
import io.sluice.connectors.kafka.sink.TransactionCommitter.CommitStep;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash windows of DESIGN.md §5 for the exactly-once Kafka sink, against a real broker. A job
 * writes {@link #TOTAL} rows, {@link #PER_CHECKPOINT} between barriers. A crash abandons the writer
 * where it is (not closed: its producer keeps an open transaction, as a dead process leaves it); a
 * new writer restores the state of checkpoint R and is fed the rows after R again, as a replayable
 * source would; the topic read {@code read_committed} must hold every row exactly once, in order.
 */
@Tag("integration")
@Timeout(120)
class KafkaExactlyOnceSinkTest {
    static final int PER_CHECKPOINT = 10;
    static final int TOTAL = 60;
    static final long CRASH_AT = 3;
    private static final String SINK_ID = "job-1-out";

    private final List<SinkWriter> abandoned = new ArrayList<>();

    @AfterEach
    void releaseAbandonedWriters() throws Exception {
        for (SinkWriter writer : abandoned) {
            writer.close();
        }
    }

    /** Where the first run dies, around checkpoint {@link #CRASH_AT}. */
    enum Window {
        BEFORE_BARRIER,
        AFTER_PRE_COMMIT,
        AFTER_COMPLETE_BEFORE_COMMIT,
        COMMIT_BEGUN,
        BETWEEN_SENDS,
        AFTER_MARKER_BEFORE_COMMIT,
        AFTER_COMMIT
    }

    static Stream<Arguments> windowsAndRestoredCheckpoints() {
        long n = CRASH_AT;
        return Stream.of(
                Arguments.of(Window.BEFORE_BARRIER, n - 1),
                Arguments.of(Window.AFTER_PRE_COMMIT, n - 1),
                Arguments.of(Window.AFTER_PRE_COMMIT, n),
                Arguments.of(Window.AFTER_COMPLETE_BEFORE_COMMIT, n - 1),
                Arguments.of(Window.AFTER_COMPLETE_BEFORE_COMMIT, n),
                Arguments.of(Window.COMMIT_BEGUN, n - 1),
                Arguments.of(Window.COMMIT_BEGUN, n),
                Arguments.of(Window.BETWEEN_SENDS, n - 1),
                Arguments.of(Window.BETWEEN_SENDS, n),
                Arguments.of(Window.AFTER_MARKER_BEFORE_COMMIT, n - 1),
                Arguments.of(Window.AFTER_MARKER_BEFORE_COMMIT, n),
                Arguments.of(Window.AFTER_COMMIT, n));
    }

    @ParameterizedTest(name = "{0}, restore checkpoint {1}")
    @MethodSource("windowsAndRestoredCheckpoints")
    void shouldHoldEveryRowOnceAfterACrashAt(Window window, long restored) throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-crash", 1);
        TableSink sink = exactlyOnceSink(topic);

        Map<Long, byte[]> states = runUntilCrash(sink, window);
        resume(sink, states.get(restored), restored);

        assertThat(ids(KafkaTestSupport.readCommitted(topic, TOTAL, Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .containsExactlyElementsOf(range(0, TOTAL));
    }

    /** Runs checkpoints 1, 2, … and dies at {@code window} of checkpoint {@link #CRASH_AT}; returns the states taken. */
    private Map<Long, byte[]> runUntilCrash(TableSink sink, Window window) throws Exception {
        CommitHook hook = crashHook(window);
        TransactionalKafkaSinkWriter writer = openTransactional(sink, 0, 1, SINK_ID, List.of(), hook);
        abandoned.add(writer);
        Map<Long, byte[]> states = new HashMap<>();
        for (long checkpoint = 1; ; checkpoint++) {
            boolean last = checkpoint == CRASH_AT;
            insert(writer, (checkpoint - 1) * PER_CHECKPOINT, checkpoint * PER_CHECKPOINT);
            if (last && window == Window.BEFORE_BARRIER) {
                return states;
            }
            states.put(checkpoint, writer.snapshotState(checkpoint));
            if (last && (window == Window.AFTER_PRE_COMMIT || window == Window.AFTER_COMPLETE_BEFORE_COMMIT)) {
                return states;
            }
            try {
                writer.notifyCheckpointComplete(checkpoint);
            } catch (SimulatedCrash crash) {
                assertThat(last).isTrue();
                return states;
            }
            if (last) {
                assertThat(window).isEqualTo(Window.AFTER_COMMIT);
                return states;
            }
        }
    }

    private static CommitHook crashHook(Window window) {
        AtomicInteger sent = new AtomicInteger();
        return (step, checkpointId) -> {
            if (checkpointId != CRASH_AT) {
                return;
            }
            boolean crash = switch (window) {
                case COMMIT_BEGUN -> step == CommitStep.BEGUN;
                case BETWEEN_SENDS -> step == CommitStep.RECORD_SENT && sent.incrementAndGet() == PER_CHECKPOINT / 2;
                case AFTER_MARKER_BEFORE_COMMIT -> step == CommitStep.MARKER_SENT;
                default -> false;
            };
            if (crash) {
                throw new SimulatedCrash(window + " of checkpoint " + checkpointId);
            }
        };
    }

    /** A new writer restored from checkpoint {@code restored}, fed the rows after it, to the end (final checkpoint). */
    private static void resume(TableSink sink, byte[] state, long restored) throws Exception {
        try (TransactionalKafkaSinkWriter writer = openTransactional(sink, 0, 1, SINK_ID, List.of(state),
                CommitHook.NONE)) {
            runCheckpoints(writer, restored + 1, TOTAL / PER_CHECKPOINT);
            writer.finish();
        }
    }

    /** Checkpoints {@code from}..{@code to}, each after its rows, each completed. */
    private static void runCheckpoints(SinkWriter writer, long from, long to) throws Exception {
        for (long checkpoint = from; checkpoint <= to; checkpoint++) {
            insert(writer, (checkpoint - 1) * PER_CHECKPOINT, checkpoint * PER_CHECKPOINT);
            writer.snapshotState(checkpoint);
            writer.notifyCheckpointComplete(checkpoint);
        }
    }

    private static TableSink exactlyOnceSink(String topic, String... more) {
        Map<String, String> options = options(topic, "sink.delivery-guarantee", "exactly-once",
                "sink.transactional-id-prefix", "eo-" + topic);
        options.putAll(io.sluice.connectors.ConnectorTestSupport.options(more));
        return kafkaSink(options);
    }

    @Test
    void shouldShowNothingBeforeTheCheckpointCompletes() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-visibility", 1);
        try (TransactionalKafkaSinkWriter writer = openTransactional(exactlyOnceSink(topic), 0, 1, SINK_ID, List.of(),
                CommitHook.NONE)) {
            insert(writer, 0, 5);
            writer.snapshotState(1);
            insert(writer, 5, 8);
            assertThat(KafkaTestSupport.readCommitted(topic, Duration.ofMillis(500))).isEmpty();
            writer.notifyCheckpointComplete(1);
            assertThat(ids(KafkaTestSupport.readCommitted(topic, 5, Duration.ofSeconds(10), Duration.ofMillis(500))))
                    .containsExactlyElementsOf(range(0, 5));
            // a lost notification: completing 3 commits 2 as well
            writer.snapshotState(2);
            insert(writer, 8, 10);
            writer.snapshotState(3);
            writer.notifyCheckpointComplete(3);
            writer.finish();
        }
        assertThat(ids(KafkaTestSupport.readCommitted(topic, 10, Duration.ofSeconds(10), Duration.ofMillis(500))))
                .containsExactlyElementsOf(range(0, 10));
    }

    @Test
    void shouldCommitOnceWhenTheRecoveryCommitItselfCrashes() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-recovery-crash", 1);
        TableSink sink = exactlyOnceSink(topic);
        Map<Long, byte[]> states = runUntilCrash(sink, Window.AFTER_COMPLETE_BEFORE_COMMIT);

        AtomicInteger sent = new AtomicInteger();
        CommitHook crashMidRecovery = (step, id) -> {
            if (step == CommitStep.RECORD_SENT && sent.incrementAndGet() == 3) {
                throw new SimulatedCrash("during the recovery commit");
            }
        };
        assertThatThrownBy(() -> abandoned.add(openTransactional(sink, 0, 1, SINK_ID, List.of(states.get(CRASH_AT)),
                crashMidRecovery))).isInstanceOf(SimulatedCrash.class);

        resume(sink, states.get(CRASH_AT), CRASH_AT);
        assertThat(ids(KafkaTestSupport.readCommitted(topic, TOTAL, Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .containsExactlyElementsOf(range(0, TOTAL));
    }

    /**
     * Why a restored state keeps its run id until its transactions are committed: the writer
     * restored from N commits N, writes on, and dies before its next checkpoint; N is restored again
     * and must be recognised as committed.
     */
    @Test
    void shouldRecogniseItsRecoveryCommitWhenRestoredAgain() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-restore-twice", 1);
        TableSink sink = exactlyOnceSink(topic);
        Map<Long, byte[]> states = runUntilCrash(sink, Window.AFTER_COMPLETE_BEFORE_COMMIT);

        TransactionalKafkaSinkWriter second = openTransactional(sink, 0, 1, SINK_ID, List.of(states.get(CRASH_AT)),
                CommitHook.NONE);
        abandoned.add(second);
        insert(second, CRASH_AT * PER_CHECKPOINT, CRASH_AT * PER_CHECKPOINT + 5);

        resume(sink, states.get(CRASH_AT), CRASH_AT);
        assertThat(ids(KafkaTestSupport.readCommitted(topic, TOTAL, Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .containsExactlyElementsOf(range(0, TOTAL));
    }

    /** A savepoint resumed twice: the second restore finds a newer run's marker, and still knows its own. */
    @Test
    void shouldRecogniseAnOlderRunAfterANewerRunCommitted() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-savepoint-twice", 1);
        TableSink sink = exactlyOnceSink(topic);
        Map<Long, byte[]> states = runUntilCrash(sink, Window.AFTER_COMPLETE_BEFORE_COMMIT);

        try (TransactionalKafkaSinkWriter second = openTransactional(sink, 0, 1, SINK_ID,
                List.of(states.get(CRASH_AT)), CommitHook.NONE)) {
            runCheckpoints(second, CRASH_AT + 1, CRASH_AT + 1);
        }
        try (TransactionalKafkaSinkWriter third = openTransactional(sink, 0, 1, SINK_ID,
                List.of(states.get(CRASH_AT)), CommitHook.NONE)) {
            third.finish();
        }
        assertThat(ids(KafkaTestSupport.readCommitted(topic, 40, Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .containsExactlyElementsOf(range(0, (CRASH_AT + 1) * PER_CHECKPOINT));
    }

    /**
     * A checkpoint's state names its run: a job started afresh under the same transactional ids counts
     * checkpoints from 1 again, and the old run's marker must not make it skip anything.
     */
    @Test
    void shouldNotMistakeAnEarlierJobsMarkerForItsOwn() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-fresh-again", 1);
        TableSink sink = exactlyOnceSink(topic);
        try (TransactionalKafkaSinkWriter first = openTransactional(sink, 0, 1, SINK_ID, List.of(), CommitHook.NONE)) {
            runCheckpoints(first, 1, 5);
        }
        TransactionalKafkaSinkWriter second = openTransactional(sink, 0, 1, SINK_ID, List.of(), CommitHook.NONE);
        abandoned.add(second);
        insert(second, 100, 110);
        byte[] state = second.snapshotState(1);
        // crash before the completion of 1 arrived; 1 is restored
        try (TransactionalKafkaSinkWriter third = openTransactional(sink, 0, 1, SINK_ID, List.of(state),
                CommitHook.NONE)) {
            third.finish();
        }
        List<Long> expected = range(0, 5 * PER_CHECKPOINT);
        expected.addAll(range(100, 110));
        assertThat(ids(KafkaTestSupport.readCommitted(topic, 60, Duration.ofSeconds(30), Duration.ofSeconds(1))))
                .containsExactlyElementsOf(expected);
    }
}
