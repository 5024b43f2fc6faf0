package io.sluice.connectors.print;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.RowSchema;
import java.io.PrintStream;

/** Prints rows; takes every row kind. */
final class PrintTableSink implements TableSink {
    private final RowSchema schema;
    private final String identifier;
    private final boolean standardError;

    PrintTableSink(RowSchema schema, String identifier, boolean standardError) {
        this.schema = schema;
        this.identifier = identifier;
        this.standardError = standardError;
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        return new PrintWriter(FlinkRowFormat.prefix(identifier, subtaskIndex, parallelism));
    }

    @Override
    public boolean acceptsUpdates() {
        return true;
    }

    @Override
    public String describe() {
        return "print" + (identifier.isEmpty() ? "" : "[print-identifier=" + identifier + "]");
    }

    private final class PrintWriter implements SinkWriter {
        private final String prefix;
        private PrintStream stream;

        PrintWriter(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void open(SinkContext context) {
            stream = standardError ? System.err : System.out;
        }

        /** One {@code println} per row: PrintStream locks per call, so lines of subtasks never mix. */
        @Override
        public void write(RowKind kind, Object[] row) {
            stream.println(prefix + FlinkRowFormat.formatRow(kind, row, schema));
        }

        @Override
        public void finish() {
            stream.flush();
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.flush();
            }
        }
    }
}
