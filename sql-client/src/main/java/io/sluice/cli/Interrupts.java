package io.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.utils.Signals;

/**
 * Ctrl-C (SIGINT) and SIGTERM as requests to stop, instead of the JVM's abrupt exit: the client
 * cancels its jobs, says so, and exits by itself. A second Ctrl-C while stopping exits at once.
 */
final class Interrupts implements AutoCloseable {
    static final int SIGINT = 2;
    static final int SIGTERM = 15;

    private final AtomicReference<Runnable> action = new AtomicReference<>(() -> { });
    private final List<Registration> registrations = new ArrayList<>();
    private volatile int received;

    private record Registration(String signal, Object previous) {
    }

    private Interrupts() {
    }

    /** Interrupts that only come from {@link #fire}, e.g. from JLine's terminal. */
    static Interrupts detached() {
        return new Interrupts();
    }

    /** Takes over SIGINT and SIGTERM until closed. */
    static Interrupts fromSignals() {
        Interrupts interrupts = new Interrupts();
        interrupts.register("INT", SIGINT);
        interrupts.register("TERM", SIGTERM);
        return interrupts;
    }

    /**
     * Through JLine's {@link Signals} (sun.misc.Signal by reflection). Where the signal cannot be
     * taken (ignored by a non-interactive parent shell, or the JVM run with -Xrs), it keeps its
     * handling.
     */
    private void register(String name, int number) {
        Object previous = Signals.register(name, () -> fire(number));
        if (previous != null) {
            registrations.add(new Registration(name, previous));
        }
    }

    /** What to do on the next interrupt, e.g. cancel the query on screen. */
    void onInterrupt(Runnable newAction) {
        action.set(newAction);
    }

    void fire(int signal) {
        if (received != 0 && signal == SIGINT && !registrations.isEmpty()) {
            Runtime.getRuntime().halt(128 + SIGINT);
        }
        received = signal;
        action.get().run();
    }

    boolean requested() {
        return received != 0;
    }

    /** Forgets an interrupt that has been dealt with (the shell goes on after a cancelled query). */
    void clear() {
        received = 0;
    }

    /** 130 after Ctrl-C, 143 after SIGTERM, as shells report a process ended by the signal. */
    int exitCode() {
        return 128 + received;
    }

    @Override
    public void close() {
        for (Registration registration : registrations) {
            Signals.unregister(registration.signal(), registration.previous());
        }
        registrations.clear();
    }
}
