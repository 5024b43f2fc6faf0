package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.kafka.KafkaTestSupport;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Makes Kafka sinks for tests and drives their writers as the runtime does. */
final class KafkaSinkHarness {
    static final String TABLE = "out";
    static final RowSchema SCHEMA = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("name", LogicalType.string())
            .build();
    private static final Pattern JSON_ID = Pattern.compile("\"id\":(-?\\d+)");

    private KafkaSinkHarness() {
    }

    static Map<String, String> options(String topic, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kafka");
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", KafkaTestSupport.bootstrapServers());
        options.put("format", "json");
        options.putAll(ConnectorTestSupport.options(more));
        options.remove("connector");
        return options;
    }

    static TableSink sink(String connector, RowSchema schema, List<String> primaryKey, List<MetadataColumn> metadata,
            Map<String, String> options) {
        TableContext context = new TableContext(TABLE, schema, new ConnectorOptions(TABLE, options), primaryKey,
                ConnectorTestSupport.UTC, metadata);
        return ConnectorTestSupport.factory(connector).createSink(context);
    }

    static TableSink kafkaSink(Map<String, String> options) {
        return sink("kafka", SCHEMA, List.of(), List.of(), options);
    }

    /** A sink context as the runtime gives it; {@code checkpointed} says whether the job takes checkpoints. */
    static SinkContext context(int subtask, int parallelism, String sinkId, List<byte[]> restored,
            boolean checkpointed) {
        return io.sluice.connectors.ConnectorTestSupport.sinkContext(subtask, parallelism, sinkId, restored, checkpointed);
    }

    static SinkWriter open(TableSink sink, int subtask, int parallelism, String sinkId, List<byte[]> restored)
            throws Exception {
        SinkWriter writer = sink.createWriter(subtask, parallelism);
        writer.open(context(subtask, parallelism, sinkId, restored, true));
        return writer;
    }

    /** Opens an exactly-once writer whose commits call {@code hook} (set before open: recovery commits too). */
    static TransactionalKafkaSinkWriter openTransactional(TableSink sink, int subtask, int parallelism, String sinkId,
            List<byte[]> restored, TransactionCommitter.CommitHook hook) {
        TransactionalKafkaSinkWriter writer = (TransactionalKafkaSinkWriter) sink.createWriter(subtask, parallelism);
        writer.commitHook(hook);
        writer.open(context(subtask, parallelism, sinkId, restored, true));
        return writer;
    }

    static Object[] row(long id) {
        return new Object[] {id, "name-" + id};
    }

    static void insert(SinkWriter writer, long from, long to) throws Exception {
        for (long id = from; id < to; id++) {
            writer.write(RowKind.INSERT, row(id));
        }
    }

    /** The ids of JSON values {@code {"id":…}}, in the order read. */
    static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Matcher m = JSON_ID.matcher(KafkaTestSupport.text(record.value()));
            if (!m.find()) {
                throw new AssertionError("no id in " + KafkaTestSupport.text(record.value()));
            }
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id < to; id++) {
            ids.add(id);
        }
        return ids;
    }

    /** Thrown by a commit hook: the writer is abandoned there, as a crashed process would leave it. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }
}
