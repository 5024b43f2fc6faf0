package io.sluice.executor.graph;

import io.sluice.executor.connector.TableSource;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.function.RowFunction;
import java.time.Duration;
import java.util.Objects;

/**
 * A source vertex: the connector, the computed columns appended to its rows, and how event-time
 * watermarks are generated per split.
 *
 * @param source the connector's table source
 * @param computedColumns turns a physical row into the table's full row, or null when there are no computed columns
 * @param watermark the WATERMARK FOR strategy over the full row (a TIMESTAMP value), or null for no event time
 * @param watermarkInterval how often a periodic watermark is emitted; zero emits after every row (on-event)
 * @param idleTimeout a split that produced nothing for this long stops holding back the watermark; zero disables
 */
public record SourceSpec(
        TableSource source,
        RowFunction computedColumns,
        RowExpression watermark,
        Duration watermarkInterval,
        Duration idleTimeout) {

    public SourceSpec {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(watermarkInterval, "watermarkInterval is null");
        Objects.requireNonNull(idleTimeout, "idleTimeout is null");
    }
}
