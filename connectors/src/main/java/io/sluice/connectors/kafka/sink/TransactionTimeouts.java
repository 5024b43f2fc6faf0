package io.sluice.connectors.kafka.sink;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks {@code transaction.timeout.ms} against the broker's {@code transaction.max.timeout.ms}
 * before the first transaction, so a bad value fails at start-up with a clear error rather than
 * at the first commit.
 */
final class TransactionTimeouts {
    static final String BROKER_MAXIMUM = "transaction.max.timeout.ms";
    static final long PRODUCER_DEFAULT_MS = 60_000;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private TransactionTimeouts() {
    }

    /**
     * The timeout the transactional producers should use: the user's when given (failing when it is
     * above the broker's maximum); else Kafka's default, lowered to the broker's maximum when that is
     * smaller. 0 means "leave the producer's default". When the broker's maximum cannot be read
     * (e.g. no permission to describe configs), the producer's {@code initTransactions} still
     * rejects a bad value and {@link KafkaClients} reports it.
     */
    static long choose(KafkaSinkConfig config, Admin admin, KafkaClients clients) {
        Optional<Long> maximum = brokerMaximum(admin);
        Optional<Long> given = config.transactionTimeoutMs();
        if (given.isPresent()) {
            if (maximum.isPresent() && given.get() > maximum.get()) {
                throw clients.timeoutAboveBrokerMaximum(String.valueOf(given.get()),
                        "the broker's " + BROKER_MAXIMUM + " (" + maximum.get() + " ms)", null);
            }
            return given.get();
        }
        return maximum.filter(max -> max < PRODUCER_DEFAULT_MS).orElse(0L);
    }

    static Optional<Long> brokerMaximum(Admin admin) {
        try {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (nodes.isEmpty()) {
                return Optional.empty();
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodes.get(0).id()));
            Config config = admin.describeConfigs(List.of(broker)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(broker);
            ConfigEntry entry = config == null ? null : config.get(BROKER_MAXIMUM);
            return entry == null || entry.value() == null ? Optional.empty()
                    : Optional.of(Long.parseLong(entry.value().trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
