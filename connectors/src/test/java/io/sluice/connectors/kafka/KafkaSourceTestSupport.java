package io.sluice.connectors.kafka;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.ConnectorTestSupport.ReaderRun;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kafka source tables over the test broker, and a reader driven until rows arrive. */
final class KafkaSourceTestSupport {
    static final RowSchema BID = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("name", LogicalType.string())
            .build();

    private KafkaSourceTestSupport() {
    }

    /** A table over {@code topic} from the earliest offset, in JSON, with {@code extra} options added or replaced. */
    static Map<String, String> options(String topic, String... extra) {
        Map<String, String> options = new LinkedHashMap<>(ConnectorTestSupport.options(
                "topic", topic,
                "properties.bootstrap.servers", KafkaTestSupport.bootstrapServers(),
                "format", "json",
                "scan.startup.mode", "earliest-offset"));
        options.putAll(ConnectorTestSupport.options(extra));
        options.values().removeIf(v -> v == null);
        return options;
    }

    static TableSource source(RowSchema schema, Map<String, String> options) {
        return ConnectorTestSupport.source("kafka", "bids", schema, options);
    }

    static TableSource source(RowSchema schema, Map<String, String> options, List<MetadataColumn> metadata) {
        return ConnectorTestSupport.source("kafka", "bids", schema, options, metadata);
    }

    /** JSON bids {@code {"id": i, "name": "<prefix>i"}} for ids {@code from} (inclusive) to {@code to} (exclusive). */
    static List<Map.Entry<String, String>> bids(String prefix, int from, int to) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new java.util.AbstractMap.SimpleEntry<>(null,
                    "{\"id\": " + i + ", \"name\": \"" + prefix + i + "\"}"));
        }
        return records;
    }

    static Map.Entry<String, String> record(String key, String value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }

    /** Polls until the reader emitted at least {@code rows} rows in all (or ended); fails after 30 seconds. */
    static ReaderRun pollUntil(ReaderRun run, int rows) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (run.rows().size() < rows && !run.ended()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + run.rows().size() + " of " + rows + " rows arrived: " + run.rows());
            }
            run.poll(1);
        }
        return run;
    }

    /** Polls for {@code millis} more, for tests that check nothing else arrives. */
    static ReaderRun pollFor(ReaderRun run, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline && !run.ended()) {
            run.poll(1);
        }
        return run;
    }
}
