package io.sluice.executor.operators;

/** Keeps the context and output given to {@code open}. */
public abstract class AbstractOperator implements StreamOperator {
    protected OperatorContext context;
    protected Output output;

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        this.context = context;
        this.output = output;
    }

    @Override
    public Output output() {
        return output;
    }
}
