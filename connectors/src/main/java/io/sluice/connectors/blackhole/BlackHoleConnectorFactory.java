package io.sluice.connectors.blackhole;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import java.util.Set;

/** {@code 'connector'='blackhole'}: takes every row, of every kind, and keeps none. */
public final class BlackHoleConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "blackhole";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of();
    }

    @Override
    public TableSink createSink(TableContext context) {
        return new TableSink() {
            @Override
            public SinkWriter createWriter(int subtaskIndex, int parallelism) {
                return new DiscardingWriter();
            }

            @Override
            public boolean acceptsUpdates() {
                return true;
            }

            /** Nothing is visible, so nothing can be seen twice. */
            @Override
            public boolean isExactlyOnce() {
                return true;
            }

            @Override
            public String describe() {
                return "blackhole";
            }
        };
    }

    private static final class DiscardingWriter implements SinkWriter {
        @Override
        public void open(SinkContext context) {
        }

        @Override
        public void write(RowKind kind, Object[] row) {
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
        }
    }
}
