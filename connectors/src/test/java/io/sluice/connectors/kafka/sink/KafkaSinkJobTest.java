package io.sluice.connectors.kafka.sink;

import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.ids;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.kafkaSink;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.options;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.kafka.KafkaTestSupport;
import io.sluice.executor.checkpoint.CheckpointConfig;
import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.graph.SourceSpec;
import io.sluice.executor.operators.OperatorFactory;
import io.sluice.executor.operators.SinkOperator;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.runtime.ExecutionOptions;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobRunner;
import io.sluice.executor.runtime.JobStatus;
import io.sluice.executor.runtime.RestartStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exactly-once Kafka sink in the real runtime: a bounded datagen job with checkpoints (two
 * sources, rebalanced into two sink subtasks) commits every row through its checkpoints, the last
 * ones through the final checkpoint taken at the end of input; and when a task fails once mid-run,
 * the job restarts from its latest checkpoint and the topic still holds every row exactly once.
 */
@Tag("integration")
@Timeout(120)
class KafkaSinkJobTest {
    private static final int ROWS = 4000;

    @TempDir
    Path dir;

    @AfterEach
    void disarm() {
        FaultInjection.failOnceAfterRows(-1);
    }

    @ParameterizedTest(name = "a task fails once: {0}")
    @ValueSource(booleans = {false, true})
    void shouldCommitEveryRowOnceThroughCheckpoints(boolean failOnce) throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-job", 2);
        TableSink sink = kafkaSink(options(topic, "sink.delivery-guarantee", "exactly-once"));
        if (failOnce) {
            FaultInjection.failOnceAfterRows(ROWS / 4);
        }
        JobGraph graph = new JobGraph("kafka-eo-job-" + failOnce, List.of(
                new JobVertex(0, "source", 2, Optional.of(new SourceSpec(datagen(), null, null, Duration.ZERO,
                        Duration.ZERO)), List.of()),
                new JobVertex(1, "sink", 2, Optional.empty(), List.of(sinkOperator(sink, topic)))),
                List.of(new JobEdge(0, 1, 0, Partitioning.REBALANCE)));
        JobMetrics metrics = new JobMetrics();
        ExecutionOptions execution = new ExecutionOptions(new CheckpointConfig(Duration.ofMillis(50),
                Optional.of(dir), 3, "hashmap"), Optional.empty(), metrics);

        JobRunner job = JobRunner.start(graph, execution, RestartStrategy.fixedDelay(3, Duration.ofMillis(50)));
        JobResult result = job.await();

        assertThat(result.status()).as("job result %s", result).isEqualTo(JobStatus.FINISHED);
        assertThat(metrics.completedCheckpoints()).isGreaterThan(1);
        assertThat(metrics.restarts().sum()).isEqualTo(failOnce ? 1 : 0);
        List<Long> read = ids(KafkaTestSupport.readCommitted(topic, ROWS, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        assertThat(read).hasSize(ROWS).containsExactlyInAnyOrderElementsOf(range(0, ROWS));
    }

    private static TableSource datagen() {
        return ConnectorTestSupport.source("datagen", "gen", KafkaSinkHarness.SCHEMA, ConnectorTestSupport.options(
                "rows-per-second", "8000", "fields.id.kind", "sequence", "fields.id.start", "0",
                "fields.id.end", String.valueOf(ROWS - 1), "fields.name.length", "8"));
    }

    private static OperatorFactory sinkOperator(TableSink sink, String topic) {
        return new OperatorFactory() {
            @Override
            public StreamOperator create(int subtaskIndex, int parallelism) {
                return new SinkOperator(sink.createWriter(subtaskIndex, parallelism), "job-" + topic);
            }

            @Override
            public String name() {
                return "kafka sink";
            }
        };
    }
}
