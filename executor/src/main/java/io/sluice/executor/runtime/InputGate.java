package io.sluice.executor.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inputs of one task: one bounded FIFO channel per upstream producer. A producer blocks while
 * its channel is full (backpressure); the consumer takes from the channels in turn, so no input
 * starves another. Channels are separate so that one can be paused without pausing the others
 * (barrier alignment).
 */
public final class InputGate {
    private final ArrayDeque<StreamElement>[] channels;
    private final boolean[] blocked;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int nextChannel;

    @SuppressWarnings("unchecked")
    public InputGate(int channelCount, int capacity) {
        this.channels = new ArrayDeque[channelCount];
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new ArrayDeque<>(capacity);
        }
        this.blocked = new boolean[channelCount];
        this.capacity = capacity;
    }

    /**
     * Stops taking from a channel (barrier alignment): its elements stay queued and, once the
     * queue is full, its producer waits. Only the consumer thread calls this.
     */
    public void block(int channel) {
        lock.lock();
        try {
            blocked[channel] = true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes from every channel again. */
    public void unblockAll() {
        lock.lock();
        try {
            java.util.Arrays.fill(blocked, false);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public int channelCount() {
        return channels.length;
    }

    /** Appends to a channel, waiting while it is full. */
    public void put(int channel, StreamElement element) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            ArrayDeque<StreamElement> queue = channels[channel];
            while (queue.size() >= capacity) {
                notFull.await();
            }
            queue.addLast(element);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next element of any channel, or null if none arrives within the timeout. */
    public Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (true) {
                Delivery delivery = takeAvailable();
                if (delivery != null) {
                    return delivery;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next element of any channel without waiting, or null. */
    public Delivery pollNow() throws InterruptedException {
        return poll(0, TimeUnit.NANOSECONDS);
    }

    private Delivery takeAvailable() {
        for (int i = 0; i < channels.length; i++) {
            int channel = (nextChannel + i) % channels.length;
            if (blocked[channel]) {
                continue;
            }
            StreamElement element = channels[channel].pollFirst();
            if (element != null) {
                // move on only after a batch: control elements of one channel stay cheap to drain
                nextChannel = (channel + 1) % channels.length;
                notFull.signalAll();
                return new Delivery(channel, element);
            }
        }
        return null;
    }

    /** An element and the channel it came through. */
    public record Delivery(int channel, StreamElement element) {
    }
}
