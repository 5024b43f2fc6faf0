package io.sluice.executor.runtime;

import io.sluice.executor.data.RowBatch;
import io.sluice.executor.operators.StreamOperator;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A task that reads its input gate: rows go to the chain, watermarks are combined as the minimum
 * over the channels that are neither idle nor ended, and the task ends when every channel has.
 */
final class OperatorTask extends Task {
    private final InputGate gate;
    private final int[] channelInput;
    private final long[] channelWatermark;
    private final boolean[] channelIdle;
    private final boolean[] channelEnded;
    private int endedChannels;
    private long currentWatermark = Long.MIN_VALUE;
    private boolean idle;
    // barrier alignment: the checkpoint being aligned and the channels that delivered its barrier
    private long aligningCheckpoint = -1;
    private final boolean[] barrierReceived;
    private int barriersReceived;
    private long alignmentStartNanos;

    OperatorTask(TaskSetup setup, OperatorChain chain, TaskOutput output, InputGate gate, int[] channelInput) {
        super(setup, chain, output);
        this.gate = gate;
        this.channelInput = channelInput.clone();
        this.channelWatermark = new long[channelInput.length];
        Arrays.fill(channelWatermark, Long.MIN_VALUE);
        this.channelIdle = new boolean[channelInput.length];
        this.channelEnded = new boolean[channelInput.length];
        this.barrierReceived = new boolean[channelInput.length];
    }

    @Override
    protected void process() throws Exception {
        StreamOperator head = chain.head();
        while (endedChannels < channelInput.length) {
            handleCompletedCheckpoints();
            InputGate.Delivery delivery = gate.pollNow();
            if (delivery == null) {
                // about to wait: hand over what is buffered so downstream is not held up by us
                output.flush();
                delivery = gate.poll(100, TimeUnit.MILLISECONDS);
                if (delivery == null) {
                    continue;
                }
            }
            int channel = delivery.channel();
            StreamElement element = delivery.element();
            if (element instanceof StreamElement.Rows rows) {
                RowBatch batch = rows.batch();
                int input = channelInput[channel];
                for (int i = 0; i < batch.size(); i++) {
                    head.processElement(input, batch.kind(i), batch.row(i));
                }
            } else if (element instanceof StreamElement.Watermark watermark) {
                channelWatermark[channel] = Math.max(channelWatermark[channel], watermark.timestamp());
                advanceWatermark(head);
            } else if (element instanceof StreamElement.WatermarkStatus status) {
                channelIdle[channel] = status.idle();
                advanceWatermark(head);
            } else if (element instanceof StreamElement.Barrier barrier) {
                receiveBarrier(channel, barrier.checkpointId());
            } else if (element == StreamElement.EndOfInput.INSTANCE) {
                channelEnded[channel] = true;
                endedChannels++;
                advanceWatermark(head);
                completeAlignmentIfDone();
            }
        }
        if (currentWatermark < Long.MAX_VALUE) {
            currentWatermark = Long.MAX_VALUE;
            head.processWatermark(Long.MAX_VALUE);
        }
    }

    private void receiveBarrier(int channel, long checkpointId) throws Exception {
        if (checkpointId < aligningCheckpoint) {
            return;
        }
        if (checkpointId > aligningCheckpoint) {
            // a newer checkpoint: a channel whose barrier of an abandoned one we hold is released
            aligningCheckpoint = checkpointId;
            java.util.Arrays.fill(barrierReceived, false);
            barriersReceived = 0;
            gate.unblockAll();
        }
        if (!barrierReceived[channel]) {
            if (barriersReceived == 0) {
                alignmentStartNanos = System.nanoTime();
            }
            barrierReceived[channel] = true;
            barriersReceived++;
            gate.block(channel);
        }
        completeAlignmentIfDone();
    }

    /** Every channel still open has delivered the barrier: everything before it is in, nothing after. */
    private void completeAlignmentIfDone() throws Exception {
        if (aligningCheckpoint < 0 || barriersReceived == 0) {
            return;
        }
        for (int i = 0; i < barrierReceived.length; i++) {
            if (!barrierReceived[i] && !channelEnded[i]) {
                return;
            }
        }
        long checkpointId = aligningCheckpoint;
        java.util.Arrays.fill(barrierReceived, false);
        barriersReceived = 0;
        checkpoint(checkpointId, null, System.nanoTime() - alignmentStartNanos);
        gate.unblockAll();
    }

    private void advanceWatermark(StreamOperator head) throws Exception {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < channelWatermark.length; i++) {
            if (!channelEnded[i] && !channelIdle[i]) {
                anyActive = true;
                min = Math.min(min, channelWatermark[i]);
            }
        }
        boolean allIdle = !anyActive && endedChannels < channelInput.length;
        if (allIdle != idle) {
            idle = allIdle;
            output.broadcast(allIdle ? StreamElement.WatermarkStatus.IDLE : StreamElement.WatermarkStatus.ACTIVE);
        }
        if (anyActive && min > currentWatermark) {
            currentWatermark = min;
            head.processWatermark(min);
        }
    }
}
