package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import io.sluice.kafka.broker.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 'connector' = 'kafka'} tables read by the real engine from a real broker: event-time windows
 * over partitions of which one is idle, bounded pipelines, malformed records, metadata columns, and
 * an in-process restart that resumes from the checkpointed offsets.
 */
@Tag("integration")
@Timeout(120)
class KafkaSourceSqlTest {
    private static final long SECOND = 1000;
    private static Path brokerDir;
    private static LocalKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        brokerDir = Files.createTempDirectory("sluice-sql-kafka-");
        broker = LocalKafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void disarm() {
        FaultInjection.failOnceAfterRows(-1);
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(name, List.of());
                if (infos.stream().filter(i -> i.leader() != null && !i.leader().isEmpty()).count() == partitions) {
                    return name;
                }
                assertThat(System.nanoTime()).as("leaders of " + name).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all",
                "linger.ms", "5"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void produce(String topic, int partition, List<String> values) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static String event(long id, long millis) {
        return "{\"id\": " + id + ", \"ts\": \"" + TIMESTAMP.format(LocalDateTime.ofEpochSecond(millis / 1000,
                (int) (millis % 1000) * 1_000_000, ZoneOffset.UTC)) + "\"}";
    }

    private static String eventsTable(String topic, String extraOptions) {
        return "CREATE TABLE events (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'kafka', 'topic' = '" + topic + "',\n"
                + "  'properties.bootstrap.servers' = '" + broker.bootstrapServers() + "',\n"
                + "  'scan.startup.mode' = 'earliest-offset', 'format' = 'json'" + extraOptions + ");\n";
    }

    private static String windowCounts() {
        return "SELECT window_start, COUNT(*) AS cnt, SUM(id) AS total\n"
                + "FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))\n"
                + "GROUP BY window_start, window_end";
    }

    @Test
    void boundedTumbleWindowsOverPartitionsWithOneIdle() throws Exception {
        String topic = topic("windows", 3);
        // partitions 0 and 1 hold events at 0.5 s, 1.5 s … 29.5 s, each id once; partition 2 stays empty
        Map<Long, long[]> expected = new TreeMap<>();
        for (int p = 0; p < 2; p++) {
            List<String> values = new ArrayList<>();
            for (long i = 0; i < 30; i++) {
                long id = p * 100 + i;
                long millis = i * SECOND + 500;
                values.add(event(id, millis));
                long[] acc = expected.computeIfAbsent(millis / 10_000 * 10_000, k -> new long[2]);
                acc[0]++;
                acc[1] += id;
            }
            produce(topic, p, values);
        }
        List<String> rows;
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2';\n" + eventsTable(topic,
                    ", 'scan.bounded.mode' = 'latest-offset', 'scan.watermark.idle-timeout' = '500 ms'"));
            rows = sql.query(windowCounts());
        }
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((start, acc) -> expectedRows.add("+I[" + start + ", " + acc[0] + ", " + acc[1] + "]"));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    @Test
    void idlePartitionDoesNotStallWindowsOfAnUnboundedSource() throws Exception {
        String topic = topic("idle", 3);
        AtomicBoolean producing = new AtomicBoolean(true);
        // partitions 0 and 1 keep receiving an event per second of event time; partition 2 never does
        Thread producerThread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (long i = 0; producing.get(); i++) {
                    for (int p = 0; p < 2; p++) {
                        producer.send(new ProducerRecord<>(topic, p, null,
                                event(i, i * SECOND).getBytes(StandardCharsets.UTF_8)));
                    }
                    producer.flush();
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-producer");
        producerThread.start();
        List<String> rows = new ArrayList<>();
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '1';\n"
                    + eventsTable(topic, ", 'scan.watermark.idle-timeout' = '300 ms'"));
            StatementResult.Query query = (StatementResult.Query) sql.session().executeScript(windowCounts()).get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rows.size() < 2 && System.nanoTime() < deadline) {
                ResultCollector.ResultRow row = query.result().poll(50, TimeUnit.MILLISECONDS);
                if (row != null) {
                    rows.add(row.kind().shortString() + java.util.Arrays.toString(row.values()));
                }
            }
            query.job().cancel();
            query.job().await();
        } finally {
            producing.set(false);
            producerThread.join();
        }
        // ids 0..9 in [0 s, 10 s) and 10..19 in [10 s, 20 s), once from each of the two partitions
        assertThat(rows).containsExactly("+I[0, 20, 90]", "+I[10000, 20, 290]");
    }

    @Test
    void malformedRecordsAreSkippedAndCountedWhenConfigured() throws Exception {
        String topic = topic("malformed", 2);
        produce(topic, 0, List.of(event(1, 1000), "{not json", event(2, 2000)));
        produce(topic, 1, List.of(event(3, 3000)));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(eventsTable(topic, ", 'scan.bounded.mode' = 'latest-offset', 'json.ignore-parse-errors' = 'true'"));
            StatementResult.Query query = (StatementResult.Query) sql.session().executeScript(
                    "SELECT id FROM events").get(0);
            assertThat(SqlTestRunner.drain(query)).containsExactlyInAnyOrder("+I[1]", "+I[2]", "+I[3]");
            assertThat(query.job().metrics().malformedRowsSkipped().sum()).isEqualTo(1);
        }
    }

    @Test
    void malformedRecordFailsTheJobNamingTopicPartitionAndOffset() throws Exception {
        String topic = topic("failing", 1);
        produce(topic, 0, List.of(event(1, 1000), "{\"id\": \"one\"}"));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(eventsTable(topic, ", 'scan.bounded.mode' = 'latest-offset'"));
            StatementResult.Query query = (StatementResult.Query) sql.session().executeScript(
                    "SELECT id FROM events").get(0);
            SqlTestRunner.drain(query);
            JobResult result = query.job().await();
            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            SluiceException failure = (SluiceException) result.failure().orElseThrow();
            assertThat(failure.code()).isEqualTo(ErrorCode.MALFORMED_RECORD);
            assertThat(failure.getMessage()).contains("Table 'events'")
                    .contains("topic " + topic + " partition 0 offset 1").contains("'one'");
        }
    }

    @Test
    void metadataColumnsCarryPartitionOffsetAndTimestamp() throws Exception {
        String topic = topic("metadata", 2);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, 1, 1_700_000_000_123L, null, "{\"id\": 7}".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, 1, 1_700_000_000_456L, null, "{\"id\": 8}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'table.local-time-zone' = 'UTC';\n"
                    + "CREATE TABLE records (\n"
                    + "  id BIGINT,\n"
                    + "  part INT METADATA FROM 'partition' VIRTUAL,\n"
                    + "  `offset` BIGINT METADATA VIRTUAL,\n"
                    + "  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',\n"
                    + "  src STRING METADATA FROM 'topic' VIRTUAL\n"
                    + ") WITH ('connector' = 'kafka', 'topic' = '" + topic + "',\n"
                    + "  'properties.bootstrap.servers' = '" + broker.bootstrapServers() + "',\n"
                    + "  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json')");
            assertThat(sql.query("SELECT id, part, `offset`, ts, src = '" + topic + "' FROM records"))
                    .containsExactly("+I[7, 1, 0, 1700000000123, true]", "+I[8, 1, 1, 1700000000456, true]");
        }
    }

    @Test
    void failedTaskResumesFromTheCheckpointedOffsetsWithExactlyTheExpectedOutput() throws Exception {
        int perPartition = 50_000;
        String topic = topic("recovery", 3);
        Map<String, long[]> expected = new TreeMap<>();
        for (int p = 0; p < 3; p++) {
            List<String> values = new ArrayList<>();
            for (long i = 0; i < perPartition; i++) {
                long id = p * 1_000_000L + i;
                long millis = i * 10;
                values.add(event(id, millis));
                long[] acc = expected.computeIfAbsent(String.valueOf(millis / 1000 * 1000), k -> new long[2]);
                acc[0]++;
                acc[1] += id;
            }
            produce(topic, p, values);
        }
        Path output = dir.resolve("out");
        // the subtask with two of the three partitions fails once, midway through them and after a checkpoint
        // (a fast reader can get there before the first one, and would then rightly start from the beginning)
        FaultInjection.failOnceAfterRowsAndACheckpoint(perPartition * 3 / 2);
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.session().executeScript(""
                    + "SET 'parallelism.default' = '2';\n"
                    + "SET 'execution.checkpointing.interval' = '20 ms';\n"
                    + "SET 'restart-strategy.type' = 'fixed-delay';\n"
                    + "SET 'restart-strategy.fixed-delay.delay' = '100 ms';\n"
                    + eventsTable(topic, ", 'scan.bounded.mode' = 'latest-offset'")
                    + "CREATE TABLE results (window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                    + "WITH ('connector' = 'filesystem', 'path' = '" + output + "', 'format' = 'csv');\n"
                    + "INSERT INTO results SELECT window_start, COUNT(*), SUM(id)\n"
                    + "FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                    + "GROUP BY window_start, window_end;");
            RunningJob job = ((StatementResult.JobStarted) results.get(results.size() - 1)).job();
            assertThat(job.await().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(job.metrics().restarts().sum()).as("restarts").isEqualTo(1);
            // a restart from the beginning would read the 30 000 rows before the failure again
            assertThat(job.metrics().rowsIn().sum()).as("rows read, the replay after the checkpoint included")
                    .isLessThan(3L * perPartition + perPartition * 3 / 2);
        }
        List<String> expectedLines = new ArrayList<>();
        expected.forEach((start, acc) -> expectedLines.add(start + "," + acc[0] + "," + acc[1]));
        DateTimeFormatter csvTimestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
        List<String> lines = new ArrayList<>();
        for (String line : SqlTestRunner.committedLines(output)) {
            String[] fields = line.split(",");
            long start = LocalDateTime.parse(fields[0].replace("\"", ""), csvTimestamp).toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            lines.add(start + "," + fields[1] + "," + fields[2]);
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expectedLines);
    }
}
