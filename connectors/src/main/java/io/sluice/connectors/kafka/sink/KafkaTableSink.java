package io.sluice.connectors.kafka.sink;

import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;

/** A {@code kafka} or {@code upsert-kafka} table as a sink; the writer depends on the delivery guarantee. */
final class KafkaTableSink implements TableSink {
    private final KafkaSinkConfig config;

    KafkaTableSink(KafkaSinkConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                ? new TransactionalKafkaSinkWriter(config, subtaskIndex)
                : new DirectKafkaSinkWriter(config, subtaskIndex);
    }

    @Override
    public boolean acceptsUpdates() {
        return config.upsert();
    }

    @Override
    public boolean isExactlyOnce() {
        return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public String describe() {
        String key = config.layout().keyFormat().map(f -> ", key.format=" + f.name()).orElse("");
        return (config.upsert() ? "upsert-kafka" : "kafka") + "[topic=" + config.topic() + key + ", value.format="
                + config.layout().valueFormat().name() + ", delivery-guarantee=" + config.guarantee().optionValue()
                + (config.partitioning() == SinkPartitioning.DEFAULT ? "" : ", partitioner="
                        + config.partitioning().optionValue())
                + "]";
    }

    KafkaSinkConfig config() {
        return config;
    }
}
