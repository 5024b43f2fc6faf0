package io.sluice.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.data.KeyGroups;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.graph.SourceSpec;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorFactory;
import io.sluice.executor.operators.SinkOperator;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.testing.CollectingSink;
import io.sluice.executor.testing.ListSource;
import io.sluice.executor.testing.ScriptedSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import io.sluice.executor.window.WindowAggregateOperator;
import io.sluice.executor.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jobs run by {@link JobExecution} on real task threads, reading in-test sources ({@link ListSource},
 * {@link ScriptedSource}, an endless counter) and writing a {@link CollectingSink}. Rows are
 * {@code [key, ts, value]}; the event time is ts and the watermark strategy is {@code ts} unless a
 * test says otherwise. Waits are for events (rows, watermarks, counts), never for durations.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobExecutionTest {
    private static final AtomicInteger JOB_NUMBER = new AtomicInteger();
    private static final RowExpression TS = row -> row[1];
    private static final LogicalType BIGINT = LogicalType.of(TypeRoot.BIGINT);
    private static final LogicalType INTEGER = LogicalType.of(TypeRoot.INTEGER);

    // ---- graphs

    private static String jobName() {
        return "job-" + JOB_NUMBER.incrementAndGet();
    }

    private static SourceSpec sourceSpec(TableSource source, RowExpression watermark, Duration idleTimeout) {
        return new SourceSpec(source, null, watermark, Duration.ZERO, idleTimeout);
    }

    private static JobVertex sourceVertex(int parallelism, SourceSpec spec, OperatorFactory... chain) {
        return new JobVertex(0, "source", parallelism, Optional.of(spec), List.of(chain));
    }

    private static JobVertex operatorVertex(int id, String name, int parallelism, OperatorFactory... chain) {
        return new JobVertex(id, name, parallelism, Optional.empty(), List.of(chain));
    }

    /** source vertex -> edge -> operator vertex. */
    private static JobGraph twoVertices(String name, JobVertex source, Partitioning partitioning, JobVertex target) {
        return new JobGraph(name, List.of(source, target), List.of(new JobEdge(0, 1, 0, partitioning)));
    }

    private static OperatorFactory operator(String name, BiFunction<Integer, Integer, StreamOperator> create) {
        return new OperatorFactory() {
            @Override
            public StreamOperator create(int subtaskIndex, int parallelism) {
                return create.apply(subtaskIndex, parallelism);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static OperatorFactory sink(CollectingSink sink) {
        return operator("sink", (s, p) -> new SinkOperator(sink.createWriter(s, p)));
    }

    /** TUMBLE(10 ms) on ts, by key: [key, start, end, time, COUNT(*), SUM(value)]. */
    private static OperatorFactory tumbleCountAndSum(long size) {
        List<AggregateSpec> aggregates = List.of(
                new AggregateSpec(AggregateKind.COUNT_STAR, -1, -1, false, null, BIGINT),
                new AggregateSpec(AggregateKind.SUM, 2, -1, false, INTEGER, INTEGER));
        return operator("window", (s, p) -> new WindowAggregateOperator(WindowSpec.tumble(size, 0), 1, new int[] {0},
                aggregates));
    }

    // ---- observing a running job

    /** What passed a point of a chain, in order; tests wait on it. */
    private static final class Recording {
        private final List<Object> items = new ArrayList<>();

        synchronized void add(Object item) {
            items.add(item);
            notifyAll();
        }

        synchronized List<Long> watermarks() {
            return items.stream().filter(Long.class::isInstance).map(Long.class::cast).toList();
        }

        @SuppressWarnings("unchecked")
        synchronized List<List<Object>> rows() {
            return items.stream().filter(List.class::isInstance).map(i -> (List<Object>) i).toList();
        }

        synchronized void awaitRows(int count) throws InterruptedException {
            while (rows().size() < count) {
                wait();
            }
        }

        synchronized void awaitWatermark(long watermark) throws InterruptedException {
            while (watermarks().stream().noneMatch(w -> w >= watermark)) {
                wait();
            }
        }
    }

    /** Records rows ({@code List}) and watermarks ({@code Long}) and passes them on. */
    private static OperatorFactory probe(Recording recording) {
        return operator("probe", (s, p) -> new AbstractOperator() {
            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                recording.add(Arrays.asList(row.clone()));
                output.emit(kind, row);
            }

            @Override
            public void processWatermark(long watermark) {
                recording.add(watermark);
                output.emitWatermark(watermark);
            }
        });
    }

    private static void awaitCount(AtomicLong counter, long count) throws InterruptedException {
        while (counter.get() < count) {
            Thread.sleep(1);
        }
    }

    private static void awaitEmitted(ScriptedSource source, long count) throws InterruptedException {
        while (source.emittedRows() < count) {
            Thread.sleep(1);
        }
    }

    private static List<Thread> threadsOf(String jobName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(jobName + ": "))
                .toList();
    }

    private static void assertThreadsEnd(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
    }

    /** An endless source of rows [key, ts, value] with key = n % 100, counting what it emitted. */
    private static final class CountingSource implements TableSource {
        private final AtomicLong emitted = new AtomicLong();
        private final AtomicInteger closedReaders = new AtomicInteger();

        @Override
        public boolean isBounded() {
            return false;
        }

        @Override
        public SourceReader createReader(int subtaskIndex, int parallelism) {
            return new SourceReader() {
                private long next = subtaskIndex;

                @Override
                public void open(SourceContext context) {
                }

                @Override
                public ReadStatus pollNext(SourceOutput output) {
                    SourceOutput.SplitOutput split = output.split("counter-" + subtaskIndex);
                    for (int i = 0; i < 100; i++) {
                        split.collect(new Object[] {"k" + next % 100, next, 1});
                        emitted.incrementAndGet();
                        next += parallelism;
                    }
                    return ReadStatus.MORE_AVAILABLE;
                }

                @Override
                public void close() {
                    closedReaders.incrementAndGet();
                }
            };
        }

        @Override
        public String describe() {
            return "counting";
        }
    }

    // ---- data flow

    private static Map<String, List<Object[]>> keyedEvents() {
        // 8 splits, each in event-time order; 20 keys over 1000 ms
        Map<String, List<Object[]>> splits = new LinkedHashMap<>();
        for (int split = 0; split < 8; split++) {
            List<Object[]> rows = new ArrayList<>();
            for (long ts = split; ts < 1_000; ts += 8) {
                rows.add(new Object[] {"k" + (ts * 7 % 20), ts, (int) ts % 13});
            }
            splits.put("split-" + split, rows);
        }
        return splits;
    }

    private static List<List<Object>> windowResults(int parallelism) throws InterruptedException {
        CollectingSink sink = new CollectingSink();
        // ts - 1: rows of one split have increasing ts, so none of them is ever late
        SourceSpec spec = sourceSpec(new ListSource(keyedEvents()), row -> (Long) row[1] - 1, Duration.ZERO);
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(parallelism, spec), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", parallelism, tumbleCountAndSum(100), sink(sink))));
        JobResult result = execution.await();
        assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        assertThat(execution.metrics().lateRowsDropped().sum()).isZero();
        assertThat(execution.metrics().rowsIn().sum()).isEqualTo(1_000);
        return sink.rows();
    }

    @Test
    void shouldGiveTheSameWindowResultsAtParallelismOneAndFour() throws InterruptedException {
        Map<List<Object>, long[]> expected = new LinkedHashMap<>();
        for (List<Object[]> split : keyedEvents().values()) {
            for (Object[] row : split) {
                long start = (Long) row[1] / 100 * 100;
                long[] countAndSum = expected.computeIfAbsent(List.of(row[0], start), k -> new long[2]);
                countAndSum[0]++;
                countAndSum[1] += (Integer) row[2];
            }
        }
        List<List<Object>> expectedRows = expected.entrySet().stream()
                .map(e -> List.<Object>of(e.getKey().get(0), e.getKey().get(1), (Long) e.getKey().get(1) + 100,
                        (Long) e.getKey().get(1) + 99, e.getValue()[0], (int) e.getValue()[1]))
                .toList();

        List<List<Object>> atOne = windowResults(1);
        List<List<Object>> atFour = windowResults(4);
        assertThat(atOne).hasSize(200).containsExactlyInAnyOrderElementsOf(expectedRows);
        assertThat(atFour).containsExactlyInAnyOrderElementsOf(atOne);
    }

    @Test
    void shouldSendEachKeyToExactlyTheSubtaskOwningItsKeyGroup() throws InterruptedException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(new Object[] {"key-" + i % 300, (long) i, i});
        }
        Map<String, List<Object[]>> splits = new LinkedHashMap<>();
        for (int split = 0; split < 4; split++) {
            splits.put("split-" + split, rows.subList(split * 500, split * 500 + 500));
        }
        CollectingSink sink = new CollectingSink();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(4, sourceSpec(new ListSource(splits), null, Duration.ZERO)),
                Partitioning.hash(new int[] {0}),
                operatorVertex(1, "sink", 4, sink(sink))));
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);

        assertThat(sink.written()).hasSize(2_000);
        Map<Object, Set<Integer>> subtasksByKey = sink.written().stream().collect(Collectors.groupingBy(
                w -> w.fields().get(0), Collectors.mapping(CollectingSink.Written::subtask, Collectors.toSet())));
        assertThat(subtasksByKey).hasSize(300);
        subtasksByKey.forEach((key, subtasks) -> {
            int owner = KeyGroups.subtaskOf(KeyGroups.keyGroupOf(RowKey.hashOf(new Object[] {key}, new int[] {0})), 4);
            assertThat(subtasks).as("subtasks of %s", key).containsExactly(owner);
        });
        assertThat(sink.written().stream().map(CollectingSink.Written::subtask).distinct())
                .containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void shouldNotLetASourceRunAheadOfASlowSinkBeyondTheChannelBound() throws InterruptedException {
        CountingSource source = new CountingSource();
        AtomicLong consumed = new AtomicLong();
        AtomicLong maxLag = new AtomicLong();
        // what can sit between source and sink: a batch filling in the writer, a full channel, a batch being written
        long bound = (long) (JobExecution.CHANNEL_CAPACITY + 2) * RecordWriter.BATCH_SIZE;
        CollectingSink sink = new CollectingSink(new CollectingSink.Hooks() {
            @Override
            public void beforeWrite(int subtask, RowKind kind, Object[] row) throws InterruptedException {
                long done = consumed.incrementAndGet();
                maxLag.accumulateAndGet(source.emitted.get() - done, Math::max);
                if (done % 64 == 0) {
                    Thread.sleep(1);
                }
            }
        });
        String name = jobName();
        JobExecution execution = JobExecution.start(twoVertices(name,
                sourceVertex(1, sourceSpec(source, null, Duration.ZERO)), Partitioning.REBALANCE,
                operatorVertex(1, "sink", 1, sink(sink))));
        List<Thread> threads = threadsOf(name);

        awaitCount(consumed, 20_000);
        execution.cancel();
        assertThat(execution.await().status()).isEqualTo(JobStatus.CANCELED);
        assertThreadsEnd(threads);

        assertThat(maxLag.get()).as("rows the source was ahead of the sink").isLessThanOrEqualTo(bound);
        // and the bound was reached: the source was held back, not merely slow
        assertThat(maxLag.get()).isGreaterThan(bound / 2);
    }

    @Test
    void shouldHoldWindowsBackForTheSlowestSplitUntilItFinishes() throws Exception {
        ScriptedSource source = new ScriptedSource(false, List.of(List.of("slow", "fast")));
        Recording out = new Recording();
        CollectingSink sink = new CollectingSink();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(1, sourceSpec(source, TS, Duration.ZERO)), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", 1, tumbleCountAndSum(10), probe(out), sink(sink))));

        source.emit(0, "slow", "k", 5L, 1)
                .emit(0, "fast", "k", 5L, 2).emit(0, "fast", "k", 15L, 4).emit(0, "fast", "k", 25L, 8)
                .emit(0, "fast", "k", 100L, 16);
        awaitEmitted(source, 5);
        source.emit(0, "slow", "k", 12L, 32);
        out.awaitWatermark(12);
        // everything the source said before the slow split reached 12 is in order before it: nothing passed 5
        assertThat(out.watermarks()).containsExactly(5L, 12L);
        assertThat(out.rows()).containsExactly(List.of("k", 0L, 10L, 9L, 2L, 3));

        source.finishSplit(0, "slow");
        out.awaitWatermark(100);
        assertThat(out.watermarks()).containsExactly(5L, 12L, 100L);
        assertThat(out.rows()).containsExactly(
                List.of("k", 0L, 10L, 9L, 2L, 3),
                List.of("k", 10L, 20L, 19L, 2L, 36),
                List.of("k", 20L, 30L, 29L, 1L, 8));

        source.endAll();
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);
        assertThat(out.watermarks()).containsExactly(5L, 12L, 100L, Long.MAX_VALUE);
        assertThat(sink.rows()).hasSize(4).contains(List.of("k", 100L, 110L, 109L, 1L, 16));
    }

    @Test
    void shouldTakeTheMinimumWatermarkOverInputChannels() throws Exception {
        ScriptedSource source = new ScriptedSource(false, List.of(List.of("fast"), List.of("slow")));
        Recording out = new Recording();
        CollectingSink sink = new CollectingSink();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(2, sourceSpec(source, TS, Duration.ZERO)), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", 1, tumbleCountAndSum(10), probe(out), sink(sink))));

        source.emit(1, "slow", "k", 5L, 1)
                .emit(0, "fast", "k", 5L, 2).emit(0, "fast", "k", 15L, 4).emit(0, "fast", "k", 25L, 8)
                .emit(0, "fast", "k", 100L, 16);
        awaitEmitted(source, 5);
        out.awaitWatermark(5);
        source.emit(1, "slow", "k", 12L, 32);
        out.awaitWatermark(12);
        assertThat(out.watermarks()).containsExactly(5L, 12L);
        assertThat(out.rows()).containsExactly(List.of("k", 0L, 10L, 9L, 2L, 3));

        // the slow subtask ends: its channel no longer holds the watermark back
        source.end(1);
        out.awaitWatermark(100);
        assertThat(out.watermarks()).containsExactly(5L, 12L, 100L);
        assertThat(out.rows()).hasSize(3);

        source.end(0);
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);
        assertThat(out.watermarks()).containsExactly(5L, 12L, 100L, Long.MAX_VALUE);
        assertThat(sink.rows()).hasSize(4);
    }

    @Test
    void shouldNotLetASourceSubtaskWithoutSplitsHoldTheWatermarkBack() throws Exception {
        ScriptedSource source = new ScriptedSource(false, List.of(List.of("only"), List.of()));
        Recording out = new Recording();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(2, sourceSpec(source, TS, Duration.ZERO)), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", 1, tumbleCountAndSum(10), probe(out), sink(new CollectingSink()))));

        source.emit(0, "only", "k", 5L, 1).emit(0, "only", "k", 15L, 2);
        out.awaitWatermark(15);
        assertThat(out.rows()).containsExactly(List.of("k", 0L, 10L, 9L, 1L, 1));

        source.endAll();
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void shouldNotLetAnIdleSplitHoldTheWatermarkBack() throws Exception {
        ScriptedSource source = new ScriptedSource(false, List.of(List.of("quiet", "busy")));
        Recording in = new Recording();
        Recording out = new Recording();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(1, sourceSpec(source, TS, Duration.ofMillis(20))), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", 1, probe(in), tumbleCountAndSum(10), probe(out),
                        sink(new CollectingSink()))));

        // quiet produces once and then nothing; busy keeps producing rows at 25, so only quiet goes idle
        source.emit(0, "quiet", "k", 5L, 1).emit(0, "busy", "k", 5L, 2);
        in.awaitRows(2);
        source.emit(0, "busy", "k", 15L, 4).keepEmitting(0, "busy", "other", 25L, 0);
        out.awaitWatermark(25);
        assertThat(out.rows()).containsExactly(
                List.of("k", 0L, 10L, 9L, 2L, 3),
                List.of("k", 10L, 20L, 19L, 1L, 4));

        source.endAll();
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void shouldNotLetAnIdleSourceSubtaskHoldTheWatermarkBack() throws Exception {
        ScriptedSource source = new ScriptedSource(false, List.of(List.of("busy"), List.of("quiet")));
        Recording in = new Recording();
        Recording out = new Recording();
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(2, sourceSpec(source, TS, Duration.ofMillis(20))), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "window", 1, probe(in), tumbleCountAndSum(10), probe(out),
                        sink(new CollectingSink()))));

        // the quiet subtask produces once and then nothing: after the timeout it no longer holds the watermark
        source.emit(1, "quiet", "k", 5L, 1).emit(0, "busy", "k", 5L, 2);
        in.awaitRows(2);
        source.emit(0, "busy", "k", 15L, 4).keepEmitting(0, "busy", "other", 25L, 0);
        out.awaitWatermark(25);
        assertThat(out.rows()).containsExactly(
                List.of("k", 0L, 10L, 9L, 2L, 3),
                List.of("k", 10L, 20L, 19L, 1L, 4));

        source.endAll();
        assertThat(execution.await().status()).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void shouldFailTheJobWithTheOperatorsExceptionAndStopEveryTask() throws Exception {
        CountingSource source = new CountingSource();
        AtomicBoolean failNow = new AtomicBoolean();
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        CollectingSink sink = new CollectingSink();
        OperatorFactory failing = operator("failing", (s, p) -> new AbstractOperator() {
            @Override
            public void processElement(int input, RowKind kind, Object[] row) {
                if (failNow.get() && s == 1) {
                    RuntimeException failure = new IllegalStateException("boom in subtask 1");
                    thrown.set(failure);
                    throw failure;
                }
                output.emit(kind, row);
            }
        });
        String name = jobName();
        JobExecution execution = JobExecution.start(twoVertices(name,
                sourceVertex(2, sourceSpec(source, null, Duration.ZERO)), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "failing", 2, failing, sink(sink))));
        List<Thread> threads = threadsOf(name);
        assertThat(threads).hasSize(4);

        awaitCount(source.emitted, 10_000);
        failNow.set(true);
        JobResult result = execution.await();

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).containsSame(thrown.get());
        assertThat(execution.status()).isEqualTo(JobStatus.FAILED);
        assertThreadsEnd(threads);
        assertThat(source.closedReaders.get()).isEqualTo(2);
        assertThat(sink.closedWriters()).isEqualTo(2);
        assertThat(sink.finishedWriters()).isZero();
    }

    @Test
    void shouldFailTheJobWhenASourceReaderThrows() throws Exception {
        RuntimeException failure = new IllegalStateException("cannot read");
        TableSource broken = new TableSource() {
            @Override
            public boolean isBounded() {
                return true;
            }

            @Override
            public SourceReader createReader(int subtaskIndex, int parallelism) {
                return new SourceReader() {
                    @Override
                    public void open(SourceContext context) {
                    }

                    @Override
                    public ReadStatus pollNext(SourceOutput output) {
                        if (subtaskIndex == 0) {
                            throw failure;
                        }
                        return ReadStatus.NOTHING_AVAILABLE;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        String name = jobName();
        JobExecution execution = JobExecution.start(twoVertices(name,
                sourceVertex(2, sourceSpec(broken, null, Duration.ZERO)), Partitioning.REBALANCE,
                operatorVertex(1, "sink", 1, sink(new CollectingSink()))));
        List<Thread> threads = threadsOf(name);
        JobResult result = execution.await();
        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).containsSame(failure);
        assertThreadsEnd(threads);
    }

    @Test
    void shouldEndCanceledWhenCanceled() throws Exception {
        CountingSource source = new CountingSource();
        CountDownLatch running = new CountDownLatch(1);
        CollectingSink sink = new CollectingSink(new CollectingSink.Hooks() {
            @Override
            public void beforeWrite(int subtask, RowKind kind, Object[] row) {
                running.countDown();
            }
        });
        String name = jobName();
        JobExecution execution = JobExecution.start(twoVertices(name,
                sourceVertex(2, sourceSpec(source, null, Duration.ZERO)), Partitioning.hash(new int[] {0}),
                operatorVertex(1, "sink", 2, sink(sink))));
        List<Thread> threads = threadsOf(name);
        running.await();
        assertThat(execution.status()).isEqualTo(JobStatus.RUNNING);

        execution.cancel();
        JobResult result = execution.await();
        assertThat(result.status()).isEqualTo(JobStatus.CANCELED);
        assertThat(result.failure()).isEmpty();
        assertThat(execution.status()).isEqualTo(JobStatus.CANCELED);
        assertThreadsEnd(threads);
        assertThat(source.closedReaders.get()).isEqualTo(2);
        assertThat(sink.closedWriters()).isEqualTo(2);
        assertThat(sink.finishedWriters()).as("a canceled job finishes no sink").isZero();

        execution.cancel();
        assertThat(execution.status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void shouldFinishBoundedJobAfterEverySinkFinished() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[] {"k" + i % 10, (long) i, i});
        }
        Map<String, List<Object[]>> splits = new HashMap<>();
        splits.put("a", rows.subList(0, 600));
        splits.put("b", rows.subList(600, 1_000));
        AtomicReference<JobExecution> executionRef = new AtomicReference<>();
        List<Boolean> jobEndedAtFinish = new CopyOnWriteArrayList<>();
        CollectingSink sink = new CollectingSink(new CollectingSink.Hooks() {
            @Override
            public void onFinish(int subtask) {
                JobExecution execution = executionRef.get();
                jobEndedAtFinish.add(execution != null && execution.completion().isDone());
            }
        });
        String name = jobName();
        JobExecution execution = JobExecution.start(twoVertices(name,
                sourceVertex(2, sourceSpec(new ListSource(splits), TS, Duration.ZERO)), Partitioning.REBALANCE,
                operatorVertex(1, "sink", 3, sink(sink))));
        executionRef.set(execution);
        List<Thread> threads = threadsOf(name);

        JobResult result = execution.await();
        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(result.failure()).isEmpty();
        assertThat(jobEndedAtFinish).containsExactly(false, false, false);
        assertThat(sink.finishedWriters()).isEqualTo(3);
        assertThat(sink.closedWriters()).isEqualTo(3);
        assertThat(sink.rows()).hasSize(1_000);
        assertThat(execution.metrics().rowsIn().sum()).isEqualTo(1_000);
        assertThat(execution.metrics().rowsOut().sum()).isEqualTo(1_000);
        assertThat(execution.metrics().sinkWatermark()).isEqualTo(Long.MAX_VALUE);
        assertThreadsEnd(threads);
    }

    @Test
    void shouldFailTheJobWhenASinkCannotFinish() throws Exception {
        RuntimeException failure = new IllegalStateException("cannot commit");
        CollectingSink sink = new CollectingSink(new CollectingSink.Hooks() {
            @Override
            public void onFinish(int subtask) {
                throw failure;
            }
        });
        JobExecution execution = JobExecution.start(twoVertices(jobName(),
                sourceVertex(1, sourceSpec(ListSource.of(List.<Object[]>of(new Object[] {"k", 1L, 1})), null,
                        Duration.ZERO)),
                Partitioning.FORWARD, operatorVertex(1, "sink", 1, sink(sink))));
        JobResult result = execution.await();
        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).containsSame(failure);
        assertThat(sink.closedWriters()).isEqualTo(1);
    }
}
