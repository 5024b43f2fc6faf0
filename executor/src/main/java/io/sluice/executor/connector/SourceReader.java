package io.sluice.executor.connector;

/**
 * Reads one subtask's splits. Called by a single thread: {@code open}, then {@code pollNext}
 * repeatedly until it returns {@link ReadStatus#END_OF_INPUT}, then {@code close} (always, also on
 * failure).
 */
public interface SourceReader extends AutoCloseable {

    void open(SourceContext context) throws Exception;

    /**
     * Emits some rows (a few hundred at most) through the split outputs and says whether more may
     * follow. It must not block for long: return {@link ReadStatus#NOTHING_AVAILABLE} instead and
     * the runtime calls again shortly.
     */
    ReadStatus pollNext(SourceOutput output) throws Exception;

    @Override
    void close() throws Exception;

    enum ReadStatus {
        MORE_AVAILABLE,
        NOTHING_AVAILABLE,
        END_OF_INPUT
    }
}
