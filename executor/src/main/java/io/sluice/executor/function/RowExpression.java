package io.sluice.executor.function;

/** A compiled scalar expression over one row, such as a watermark strategy. May return null. */
@FunctionalInterface
public interface RowExpression {
    Object eval(Object[] input);
}
