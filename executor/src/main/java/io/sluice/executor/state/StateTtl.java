package io.sluice.executor.state;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How long keyed state lives without being written ({@code table.exec.state.ttl}): state not
 * written for longer than the TTL, by processing time, may be dropped. Operators keep the time of
 * the last write beside the state and ask {@link #isExpired}; the clock is injectable for tests.
 * A TTL of zero disables expiry, as in Flink.
 */
public final class StateTtl {
    public static final StateTtl DISABLED = new StateTtl(Duration.ZERO, System::currentTimeMillis);

    private final Duration ttl;
    private final LongSupplier clock;

    private StateTtl(Duration ttl, LongSupplier clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative TTL: " + ttl);
        }
    }

    /** State expires {@code ttl} after its last write, by the system clock; zero disables expiry. */
    public static StateTtl of(Duration ttl) {
        return new StateTtl(ttl, System::currentTimeMillis);
    }

    /** The same TTL measured by {@code clock} (milliseconds), for tests. */
    public StateTtl withClock(LongSupplier clock) {
        return new StateTtl(ttl, clock);
    }

    public boolean isEnabled() {
        return !ttl.isZero();
    }

    public Duration ttl() {
        return ttl;
    }

    /** The current processing time in milliseconds, to store as a last-write time. */
    public long now() {
        return clock.getAsLong();
    }

    /** Whether state last written at {@code lastWrite} has expired by now. */
    public boolean isExpired(long lastWrite) {
        return isEnabled() && now() - lastWrite >= ttl.toMillis();
    }

    @Override
    public String toString() {
        return isEnabled() ? ttl.toMillis() + " ms" : "disabled";
    }
}
