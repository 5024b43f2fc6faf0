package io.sluice.cli;

import io.sluice.kafka.broker.LocalKafkaBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice kafka-broker [--dir DIR] [--port PORT]}: a local single-node Kafka broker (KRaft) for
 * trying Sluice's Kafka connectors without installing Kafka. It runs until Ctrl-C or SIGTERM, which
 * shut it down cleanly; its topics stay in {@code DIR} for the next start.
 */
final class KafkaBrokerCommand {
    static final String USAGE = """
            Usage: sluice kafka-broker [--dir DIR] [--port PORT]
              --dir DIR    where the broker keeps its topics (default: ./kafka-data); kept between runs
              --port PORT  the port clients connect to (default: 9092)""";

    private KafkaBrokerCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of("kafka-data");
        int port = 9092;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--dir") || arg.equals("--port")) && i + 1 >= args.length) {
                err.println("sluice kafka-broker: " + arg + " needs a value");
                err.println(USAGE);
                return 2;
            }
            switch (arg) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--port" -> {
                    String value = args[++i];
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        err.println("sluice kafka-broker: --port must be a number, but is '" + value + "'");
                        return 2;
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("sluice kafka-broker: unknown option '" + arg + "'");
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        LocalKafkaBroker broker;
        try {
            broker = LocalKafkaBroker.start(dir.toAbsolutePath(), port, Map.of());
        } catch (RuntimeException e) {
            err.println("[ERROR] the Kafka broker did not start: " + ErrorMessages.causeChain(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        out.println("Kafka broker running: bootstrap.servers = " + broker.bootstrapServers()
                + ", data in " + broker.dataDir() + ". Ctrl-C stops it.");
        out.flush();
        broker.awaitShutdown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
