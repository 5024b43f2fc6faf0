package io.sluice.connectors.kafka;

import io.sluice.kafka.broker.LocalKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One real Kafka broker (KRaft, from the kafka_2.13 artifact) shared by every Kafka test of this
 * JVM, started on first use and stopped when the JVM exits. Tests use their own topics
 * ({@link #newTopic}), so they do not see each other's records.
 */
public final class KafkaTestSupport {
    private static LocalKafkaBroker broker;

    private KafkaTestSupport() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("sluice-test-kafka-");
                broker = LocalKafkaBroker.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return broker.bootstrapServers();
    }

    /** Creates a topic with a unique name starting with {@code prefix}, and returns the name. */
    public static String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        }
        return name;
    }

    /**
     * Creates a topic like {@link #newTopic} and waits until the broker serves every partition as its
     * leader: a producer that writes before then can see NOT_LEADER_OR_FOLLOWER, and an idempotent
     * one can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER retries.
     */
    public static String newReadyTopic(String prefix, int partitions) {
        String name = newTopic(prefix, partitions);
        awaitLeaders(name, partitions);
        return name;
    }

    /** Waits until the broker's metadata shows a leader for each of the topic's first {@code partitions} partitions. */
    public static void awaitLeaders(String topic, int partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                Map<String, List<org.apache.kafka.common.PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
                List<org.apache.kafka.common.PartitionInfo> infos = topics.getOrDefault(topic, List.of());
                long led = infos.stream().filter(i -> i.leader() != null && !i.leader().isEmpty()).count();
                if (led >= partitions) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has leaders for " + led + " of " + partitions
                            + " partitions");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes records (key may be null) to one partition, non-transactionally, and waits for them. */
    public static void produce(String topic, int partition, List<Map.Entry<String, String>> keysAndValues,
            long timestamp) {
        // not idempotent, one request in flight: still in order, and a retry after NOT_LEADER cannot stall on
        // sequence numbers; a write that does not go through fails within 30 s instead of hanging the test
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers(), "acks", "all", "enable.idempotence", "false",
                        "max.in.flight.requests.per.connection", "1", "delivery.timeout.ms", "30000",
                        "request.timeout.ms", "10000"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, String> kv : keysAndValues) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, timestamp, bytes(kv.getKey()),
                        bytes(kv.getValue()))));
            }
            producer.flush();
            // a failed send does not fail flush(): a test must not go on with records missing
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing to " + topic + "-" + partition + " failed", e);
        }
    }

    /**
     * Reads every committed record of the topic ({@code read_committed}) until {@code idle} passes
     * without a new one.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration idle) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < idle.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    /**
     * Reads committed records ({@code read_committed}) of {@code bootstrapServers}' topic until at
     * least {@code expected} have arrived or {@code deadline} passed, then for {@code idle} more to
     * catch any beyond them (duplicates).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrapServers, String topic,
            int expected, Duration deadline, Duration idle) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "test-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + deadline.toNanos();
            while (records.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < idle.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** {@link #readCommitted(String, String, int, Duration, Duration)} on the shared broker. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration deadline,
            Duration idle) {
        return readCommitted(bootstrapServers(), topic, expected, deadline, idle);
    }

    /** The UTF-8 text of record bytes, null for null (a tombstone's value, a record without key). */
    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes records to one partition in one transaction, then commits or aborts it and waits; a
     * {@code read_committed} reader sees them only when committed, and never the transaction markers.
     */
    public static void produceTransactional(String topic, int partition, List<Map.Entry<String, String>> keysAndValues,
            long timestamp, boolean commit) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers(), "acks", "all",
                "enable.idempotence", "true", "transactional.id", "test-tx-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> last = null;
            for (Map.Entry<String, String> kv : keysAndValues) {
                last = producer.send(new ProducerRecord<>(topic, partition, timestamp, bytes(kv.getKey()),
                        bytes(kv.getValue())));
            }
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
            if (last != null) {
                awaitStable(topic, partition, last.get().offset());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + topic, e.getCause());
        }
    }

    /**
     * Waits until the transaction marker after {@code offset} is written: the coordinator writes markers
     * after {@code commitTransaction} returns, and until then the last stable offset stays before the
     * transaction.
     */
    private static void awaitStable(String topic, int partition, long offset) {
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers(), "isolation.level", "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.endOffsets(List.of(tp)).get(tp) <= offset + 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the transaction on " + tp + " does not become stable");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Grows a topic to {@code totalPartitions} partitions, and waits until they have leaders. */
    public static void addPartitions(String topic, int totalPartitions) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(totalPartitions)))
                    .all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot add partitions to " + topic, e.getCause());
        }
        awaitLeaders(topic, totalPartitions);
    }

    /** Commits offsets (the next record to read, by partition) for a consumer group that has no active members. */
    public static void commitGroupOffsets(String group, String topic, Map<Integer, Long> offsets) {
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commit =
                new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(new org.apache.kafka.common.TopicPartition(topic, partition),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, commit).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot commit offsets of group " + group, e.getCause());
        }
    }

    /** The offsets committed by a consumer group for a topic, by partition (absent when none). */
    public static Map<Integer, Long> groupOffsets(String group, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Map<Integer, Long> offsets = new java.util.TreeMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                    offsets.put(tp.partition(), offset.offset());
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of group " + group, e.getCause());
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
