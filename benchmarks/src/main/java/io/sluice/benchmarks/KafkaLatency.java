package io.sluice.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency of a Kafka → Sluice → Kafka job, from the moment a record is written to the
 * moment a {@code read_committed} reader sees its result (benchmarks/scripts/kafka-latency.sh).
 *
 * <pre>
 *   produce BOOTSTRAP TOPIC RATE SECONDS   writes {"id":n,"sent":epochMillis} at RATE records/s
 *   measure BOOTSTRAP TOPIC IDLE_SECONDS   reads until nothing new arrives for IDLE_SECONDS, then
 *                                          prints the count and percentiles of seen - sent
 * </pre>
 *
 * Both ends run on the machine of the job, so one clock measures both.
 */
public final class KafkaLatency {
    private KafkaLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("produce")) {
            produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args.length == 4 && args[0].equals("measure")) {
            measure(args[1], args[2], Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: produce BOOTSTRAP TOPIC RATE SECONDS | measure BOOTSTRAP TOPIC IDLE_SECONDS");
            System.exit(2);
        }
    }

    /** Writes at a steady rate, paced against the clock so a slow send does not lower the rate for long. */
    private static void produce(String bootstrap, String topic, int rate, int seconds) {
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "0", "acks", "1"), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (long id = 0; id < total; id++) {
                long due = start + id * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                producer.send(new ProducerRecord<>(topic, "{\"id\":" + id + ",\"sent\":" + System.currentTimeMillis() + "}"));
            }
            producer.flush();
        }
        System.out.println("produced " + total + " records at " + rate + "/s");
    }

    private static void measure(String bootstrap, String topic, int idleSeconds) {
        long[] latencies = new long[1 << 16];
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "latency-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed", "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long lastSeen = System.nanoTime();
            boolean started = false;
            while (!started || System.nanoTime() - lastSeen < idleSeconds * 1_000_000_000L) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long seen = System.currentTimeMillis();
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = seen - sentOf(record.value());
                    lastSeen = System.nanoTime();
                    started = true;
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("records=%d p50=%dms p90=%dms p99=%dms max=%dms%n", count, percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** The "sent" field of the job's JSON output (the only number after that name). */
    private static long sentOf(String json) {
        int at = json.indexOf("\"sent\":");
        if (at < 0) {
            throw new IllegalArgumentException("no \"sent\" field in " + json);
        }
        int from = at + 7;
        int to = from;
        while (to < json.length() && (Character.isDigit(json.charAt(to)) || json.charAt(to) == '-')) {
            to++;
        }
        return Long.parseLong(json.substring(from, to));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
