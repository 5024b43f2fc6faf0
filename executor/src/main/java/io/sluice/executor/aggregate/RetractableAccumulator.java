package io.sluice.executor.aggregate;

/**
 * An accumulator that can also take a value back out: a group aggregate over an updating input
 * receives -U/-D rows for rows it accumulated before.
 */
public interface RetractableAccumulator extends Accumulator {
    void retract(Object value);
}
