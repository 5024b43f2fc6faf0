package io.sluice.executor.aggregate;

/** The running state of one aggregate call for one group. Inputs are non-null values. */
public interface Accumulator {
    void add(Object value);

    /** The aggregate's current value; null where SQL says so (SUM/MIN/MAX/AVG of no rows). */
    Object result();

    /** The accumulator as a value of row carriers, arrays and sets, for keyed state. */
    Object state();

    /** Continues from a value {@link #state()} returned. */
    void restore(Object state);
}
