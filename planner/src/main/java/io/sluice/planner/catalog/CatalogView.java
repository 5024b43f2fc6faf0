package io.sluice.planner.catalog;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A view declared with CREATE VIEW: its query as SQL text (expanded where the view is used) and
 * the row type it was validated to.
 */
public record CatalogView(String name, String querySql, List<String> columnNames, RelDataType rowType, String ddl) {
    public CatalogView {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(querySql, "querySql is null");
        columnNames = List.copyOf(columnNames);
        Objects.requireNonNull(rowType, "rowType is null");
        Objects.requireNonNull(ddl, "ddl is null");
    }
}
