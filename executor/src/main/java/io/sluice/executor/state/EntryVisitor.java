package io.sluice.executor.state;

/** Receives the entries of a {@link KeyedStateStore#scan}; returns false to stop the scan. */
@FunctionalInterface
public interface EntryVisitor {
    boolean visit(byte[] key, byte[] value);
}
