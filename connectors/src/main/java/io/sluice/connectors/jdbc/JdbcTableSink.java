package io.sluice.connectors.jdbc;

import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;

/**
 * A database table: upserted and deleted from by primary key, or appended to without one; exactly
 * once through {@link ExactlyOnceJdbcWriter}, else through {@link AtLeastOnceJdbcWriter}.
 */
final class JdbcTableSink implements TableSink {
    private final JdbcSinkConfig config;

    JdbcTableSink(JdbcSinkConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                ? new ExactlyOnceJdbcWriter(config, subtaskIndex)
                : new AtLeastOnceJdbcWriter(config);
    }

    @Override
    public boolean acceptsUpdates() {
        return config.hasPrimaryKey();
    }

    /** Transactions per checkpoint; or, flushed at every checkpoint, upserts that rewrite the same rows on replay. */
    @Override
    public boolean isExactlyOnce() {
        return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                || (config.guarantee() == DeliveryGuarantee.AT_LEAST_ONCE && config.hasPrimaryKey());
    }

    @Override
    public String describe() {
        return "jdbc[url=" + config.connection().maskedUrl() + ", table-name=" + config.connection().tableName()
                + ", " + (config.hasPrimaryKey() ? "upsert" : "append") + ", " + config.guarantee().text() + "]";
    }
}
