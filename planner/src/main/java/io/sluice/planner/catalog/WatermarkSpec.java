package io.sluice.planner.catalog;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code WATERMARK FOR column AS expression}: the column is the table's event-time attribute.
 *
 * @param column the time attribute column
 * @param expression the watermark strategy, over the table's columns
 * @param sql the expression as SQL text, for DESCRIBE and EXPLAIN
 */
public record WatermarkSpec(String column, SqlNode expression, String sql) {
    public WatermarkSpec {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(expression, "expression is null");
        Objects.requireNonNull(sql, "sql is null");
    }
}
