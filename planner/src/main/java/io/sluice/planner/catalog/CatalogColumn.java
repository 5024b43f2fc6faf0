package io.sluice.planner.catalog;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;

/**
 * A column of a catalog table: physical (read and written by the connector) or computed from
 * other columns when a row is read.
 *
 * @param name the column name
 * @param type its type
 * @param expression the defining expression of a computed column; empty for a physical column
 */
public record CatalogColumn(String name, RelDataType type, Optional<SqlNode> expression) {
    public CatalogColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(expression, "expression is null");
    }

    public boolean isPhysical() {
        return expression.isEmpty();
    }
}
