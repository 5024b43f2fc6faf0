package io.sluice.executor.window;

import java.util.Objects;

/**
 * Which windows a row belongs to, by its event time in milliseconds.
 *
 * <ul>
 *   <li>TUMBLE(size): the one window [k*size, (k+1)*size) holding the time.</li>
 *   <li>HOP(slide, size): every window [k*slide, k*slide + size) holding the time.</li>
 *   <li>CUMULATE(step, size): windows [k*size, k*size + j*step) for j = 1..size/step that hold the
 *       time: they share a start and grow by one step.</li>
 * </ul>
 * All windows are aligned to the epoch plus {@code offset}. A window is identified by its end, which
 * is unique among the windows of one spec.
 */
public final class WindowSpec {
    private final WindowKind kind;
    private final long size;
    private final long step;
    private final long offset;

    private WindowSpec(WindowKind kind, long size, long step, long offset) {
        Objects.requireNonNull(kind, "kind is null");
        if (kind == WindowKind.SESSION) {
            throw new IllegalArgumentException("session windows depend on neighbouring rows, not on a spec");
        }
        if (size <= 0 || step <= 0) {
            throw new IllegalArgumentException("window size and step must be positive: " + size + ", " + step);
        }
        if (kind == WindowKind.CUMULATE && size % step != 0) {
            throw new IllegalArgumentException("CUMULATE size must be a multiple of its step");
        }
        this.kind = kind;
        this.size = size;
        this.step = step;
        this.offset = offset;
    }

    public static WindowSpec tumble(long size, long offset) {
        return new WindowSpec(WindowKind.TUMBLE, size, size, offset);
    }

    public static WindowSpec hop(long slide, long size, long offset) {
        return new WindowSpec(WindowKind.HOP, size, slide, offset);
    }

    public static WindowSpec cumulate(long step, long size, long offset) {
        return new WindowSpec(WindowKind.CUMULATE, size, step, offset);
    }

    public WindowKind kind() {
        return kind;
    }

    public long size() {
        return size;
    }

    /** The slide of HOP, the step of CUMULATE, the size of TUMBLE. */
    public long step() {
        return step;
    }

    public long offset() {
        return offset;
    }

    /** Calls {@code sink} with (start, end) of every window holding {@code time}, in increasing end order. */
    public void assign(long time, WindowConsumer sink) {
        switch (kind) {
            case TUMBLE -> {
                long start = alignDown(time, size);
                sink.accept(start, start + size);
            }
            case HOP -> {
                long lastStart = alignDown(time, step);
                // the earliest slide-aligned start whose window can still reach the time; the size
                // need not be a multiple of the slide, and may be smaller than it (windows with gaps)
                long firstStart = lastStart - (size - 1) / step * step;
                for (long start = firstStart; start <= lastStart; start += step) {
                    if (time < start + size) {
                        sink.accept(start, start + size);
                    }
                }
            }
            case CUMULATE -> {
                long start = alignDown(time, size);
                long firstEnd = alignDown(time, step) + step;
                for (long end = firstEnd; end <= start + size; end += step) {
                    sink.accept(start, end);
                }
            }
        }
    }

    /** The start of the window that ends at {@code end}. */
    public long startOf(long end) {
        return switch (kind) {
            case TUMBLE, HOP -> end - size;
            case CUMULATE -> alignDown(end - 1, size);
            case SESSION -> throw new IllegalStateException("not a session window");
        };
    }

    private long alignDown(long time, long unit) {
        return time - Math.floorMod(time - offset, unit);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TUMBLE -> "TUMBLE(size=" + size + "ms)";
            case HOP -> "HOP(slide=" + step + "ms, size=" + size + "ms)";
            case CUMULATE -> "CUMULATE(step=" + step + "ms, size=" + size + "ms)";
            case SESSION -> throw new IllegalStateException("not a session window");
        } + (offset == 0 ? "" : "[offset=" + offset + "ms]");
    }

    @FunctionalInterface
    public interface WindowConsumer {
        void accept(long start, long end);
    }
}
