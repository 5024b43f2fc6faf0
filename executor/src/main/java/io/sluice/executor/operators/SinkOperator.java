package io.sluice.executor.operators;

import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import java.util.Objects;

/** The end of a chain: hands rows to a connector's {@link SinkWriter} and counts them. */
public final class SinkOperator extends AbstractOperator {
    private final SinkWriter writer;
    private final String stableSinkId;
    private boolean opened;

    public SinkOperator(SinkWriter writer) {
        this(writer, "sink");
    }

    /** @param stableSinkId names this sink the same way in every run of the job, for files and transactions */
    public SinkOperator(SinkWriter writer, String stableSinkId) {
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.stableSinkId = Objects.requireNonNull(stableSinkId, "stableSinkId is null");
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        writer.open(new SinkContext() {
            @Override
            public int subtaskIndex() {
                return context.subtaskIndex();
            }

            @Override
            public int parallelism() {
                return context.parallelism();
            }

            @Override
            public String stableSinkId() {
                return stableSinkId;
            }

            @Override
            public java.util.List<byte[]> restoredState() {
                return context.restoredState();
            }

            @Override
            public java.util.Optional<java.time.Duration> checkpointInterval() {
                return context.checkpointInterval().isZero()
                        ? java.util.Optional.empty() : java.util.Optional.of(context.checkpointInterval());
            }
        });
        opened = true;
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) throws Exception {
        writer.write(kind, row);
        context.metrics().rowsOut().increment();
    }

    @Override
    public void processWatermark(long watermark) {
        context.metrics().observeSinkWatermark(watermark);
    }

    @Override
    public void finish() throws Exception {
        writer.finish();
    }

    @Override
    public byte[] snapshotState(long checkpointId) throws Exception {
        return writer.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        FaultInjection.crashIfRequested("before-sink-commit", checkpointId);
        writer.notifyCheckpointComplete(checkpointId);
        FaultInjection.crashIfRequested("after-sink-commit", checkpointId);
    }

    @Override
    public void close() throws Exception {
        if (opened) {
            writer.close();
        }
    }
}
