package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.kafka.broker.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in, Kafka out, exactly once: {@code bin/sluice -f} reads a 3-partition topic, aggregates
 * it in event-time windows into a {@code kafka} topic, and keeps a running count and sum per key (an
 * updating GROUP BY) in an {@code upsert-kafka} topic, both with
 * {@code 'sink.delivery-guarantee' = 'exactly-once'}. The process is
 * killed with SIGKILL at the checkpoint protocol's crash windows and at random moments, and started
 * again with the same command each time. Read {@code read_committed}, the kafka topic must then hold
 * exactly the records of an uninterrupted run, and the upsert topic the same final value per key,
 * with no transaction left open.
 */
@Tag("integration")
class KafkaExactlyOnceCrashIT {
    private static final int RECORDS = 4_000_000;
    private static final int RANDOM_KILLS = 10;
    private static final List<String> CRASH_POINTS = List.of("before-metadata", "after-metadata",
            "before-sink-commit", "during-sink-commit", "after-sink-commit");

    private static LocalKafkaBroker broker;
    private static String input;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrokerWithInput() throws Exception {
        broker = LocalKafkaBroker.start(brokerDir.resolve("kafka"));
        input = "bids-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(input, 3);
        // ids 10 ms apart; partition = id mod 3, so each partition is in event-time order
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "linger.ms", "20", "batch.size", "262144",
                "compression.type", "lz4"), new StringSerializer(), new StringSerializer())) {
            for (long id = 1; id <= RECORDS; id++) {
                String value = "{\"id\":" + id + ",\"k\":" + (id % 7) + ",\"ts\":\""
                        + java.time.LocalDateTime.ofEpochSecond(1_700_000_000L + id / 100, (int) (id % 100) * 10_000_000,
                                java.time.ZoneOffset.UTC).toString().replace('T', ' ') + "\"}";
                producer.send(new ProducerRecord<>(input, (int) (id % 3), null, value));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private String pipeline(String results, String upserts, String backend) {
        String kafka = "'properties.bootstrap.servers' = '" + broker.bootstrapServers() + "'";
        return "SET 'parallelism.default' = '2';\n"
                + "SET 'execution.checkpointing.interval' = '300 ms';\n"
                + "SET 'state.backend' = '" + backend + "';\n"
                + "CREATE TABLE bids (id BIGINT, k BIGINT, ts TIMESTAMP(3),\n"
                + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'kafka', 'topic' = '" + input + "', " + kafka + ",\n"
                + "      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',\n"
                + "      'format' = 'json');\n"
                + "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                + "WITH ('connector' = 'kafka', 'topic' = '" + results + "', " + kafka + ",\n"
                + "      'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once');\n"
                + "CREATE TABLE latest (k BIGINT, cnt BIGINT, total BIGINT, PRIMARY KEY (k) NOT ENFORCED)\n"
                + "WITH ('connector' = 'upsert-kafka', 'topic' = '" + upserts + "', " + kafka + ",\n"
                + "      'key.format' = 'json', 'value.format' = 'json',\n"
                + "      'sink.delivery-guarantee' = 'exactly-once');\n"
                + "EXECUTE STATEMENT SET BEGIN\n"
                + "INSERT INTO results\n"
                + "SELECT k, window_start, COUNT(*), SUM(id)\n"
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY k, window_start, window_end;\n"
                + "INSERT INTO latest SELECT k, COUNT(*), SUM(id) FROM bids GROUP BY k;\n"
                + "END;\n";
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void killedAtRandomAndAtEveryCrashWindowTheTopicsHoldEachResultExactlyOnce() throws Exception {
        Random random = new Random(20261124);
        String referenceResults = "reference-results-" + UUID.randomUUID().toString().substring(0, 8);
        String referenceLatest = "reference-latest-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(referenceResults, 2);
        createTopic(referenceLatest, 2);
        Path referenceSql = write("reference.sql", pipeline(referenceResults, referenceLatest, "rocksdb"));
        SluiceProcess.Result reference = SluiceProcess.run(referenceSql, dir.resolve("reference-state"), Map.of(), -1);
        assertThat(reference.exitCode()).as(reference.output()).isZero();
        List<String> expected = values(readCommitted(referenceResults));
        // 4,000,000 ids, 10 ms apart: 40,000 one-second windows of 7 keys (and the last id alone)
        assertThat(expected).hasSize(40_000 * 7 + 1).doesNotHaveDuplicates();
        Map<String, String> expectedLatest = lastValuePerKey(readCommitted(referenceLatest));
        assertThat(expectedLatest).hasSize(7);
        long countOfKey3 = RECORDS / 7 + (RECORDS % 7 >= 3 ? 1 : 0);
        assertThat(expectedLatest.get("{\"k\":3}")).startsWith("{\"k\":3,\"cnt\":" + countOfKey3 + ",");

        String results = "results-" + UUID.randomUUID().toString().substring(0, 8);
        String latest = "latest-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(results, 2);
        createTopic(latest, 2);
        Path state = dir.resolve("state");
        List<Path> sql = List.of(write("rocksdb.sql", pipeline(results, latest, "rocksdb")),
                write("heap.sql", pipeline(results, latest, "hashmap")));
        int kills = 0;
        List<String> log = new ArrayList<>();
        for (String point : CRASH_POINTS) {
            long checkpoint = SluiceProcess.newestCheckpoint(state) + 2;
            SluiceProcess.Result result = SluiceProcess.run(sql.get(kills % 2), state,
                    Map.of("SLUICE_CRASH_AT", point + ":" + checkpoint), -1);
            log.add(point + " at checkpoint " + checkpoint + ": exit " + result.exitCode());
            assertThat(result.exitCode()).as("the run crashing at %s (%s)\n%s", point, log, result.output()).isEqualTo(137);
            kills++;
            assertCommittedSoFar(results, expected);
        }
        for (int i = 0; i < RANDOM_KILLS; i++) {
            SluiceProcess.Result result = SluiceProcess.run(sql.get(kills % 2), state, Map.of(), 900 + random.nextInt(900));
            assertThat(result.killed()).as("run %s ended before it could be killed (%s)\n%s", i, log, result.output())
                    .isTrue();
            kills++;
            log.add("random kill " + i);
            assertCommittedSoFar(results, expected);
        }
        SluiceProcess.Result last = SluiceProcess.run(sql.get(0), state, Map.of(), -1);
        assertThat(last.exitCode()).as("the final run (%s)\n%s", log, last.output()).isZero();

        assertThat(values(readCommitted(results))).as("committed results after %s kills (%s)", kills, log)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lastValuePerKey(readCommitted(latest))).isEqualTo(expectedLatest);
        assertNoOpenTransaction(results);
        assertNoOpenTransaction(latest);
    }

    /** Whatever is committed now is part of the final result, and nothing in it is doubled. */
    private static void assertCommittedSoFar(String topic, List<String> expected) {
        List<String> committed = values(readCommitted(topic));
        assertThat(committed).doesNotHaveDuplicates();
        assertThat(Set.copyOf(expected)).containsAll(committed);
    }

    /**
     * A transaction left open would hold the last stable offset below the end of the log, and stall
     * every read_committed consumer at it.
     */
    private static void assertNoOpenTransaction(String topic) {
        try (KafkaConsumer<String, String> committed = consumer("read_committed");
                KafkaConsumer<String, String> uncommitted = consumer("read_uncommitted")) {
            List<TopicPartition> partitions = committed.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            assertThat(committed.endOffsets(partitions)).isEqualTo(uncommitted.endOffsets(partitions));
        }
    }

    private static List<ConsumerRecord<String, String>> readCommitted(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("read_committed")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static KafkaConsumer<String, String> consumer(String isolation) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "isolation.level", isolation, "enable.auto.commit", "false", "max.poll.records", "5000"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    /** An upsert topic's meaning: the last value per key, tombstones deleting. */
    private static Map<String, String> lastValuePerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, String> latest = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
        return latest;
    }

    private Path write(String name, String content) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
