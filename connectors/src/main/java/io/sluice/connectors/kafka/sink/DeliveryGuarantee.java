package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.util.Locale;

/** {@code sink.delivery-guarantee}, with Flink's names; Flink's default is at-least-once. */
enum DeliveryGuarantee {
    /** Records are sent as they come; a crash may lose what the producer had not sent yet. */
    NONE("none"),
    /** The producer is flushed at every checkpoint and at the end; a replay after a crash may repeat records. */
    AT_LEAST_ONCE("at-least-once"),
    /** Records become visible once, in a Kafka transaction, when their checkpoint completes. */
    EXACTLY_ONCE("exactly-once");

    private final String optionValue;

    DeliveryGuarantee(String optionValue) {
        this.optionValue = optionValue;
    }

    String optionValue() {
        return optionValue;
    }

    static DeliveryGuarantee from(ConnectorOptions options) {
        String value = options.get(KafkaOptions.SINK_DELIVERY_GUARANTEE, AT_LEAST_ONCE.optionValue);
        String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DeliveryGuarantee guarantee : values()) {
            if (guarantee.optionValue.equals(normalized)) {
                return guarantee;
            }
        }
        throw options.invalid(KafkaOptions.SINK_DELIVERY_GUARANTEE, value,
                "'none', 'at-least-once' or 'exactly-once'");
    }
}
