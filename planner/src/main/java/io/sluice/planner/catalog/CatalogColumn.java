package io.sluice.planner.catalog;

import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;

/**
 * A column of a catalog table: physical (read and written by the connector as payload), computed
 * from other columns when a row is read, or metadata (supplied or taken by the connector apart from
 * the payload, such as a Kafka record's offset).
 *
 * @param name the column name
 * @param type the declared type (for computed columns: the expression's type)
 * @param expression the expression of a computed column
 * @param metadata what a metadata column reads or writes
 */
public record CatalogColumn(String name, RelDataType type, Optional<SqlNode> expression, Optional<Metadata> metadata) {
    public CatalogColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(expression, "expression is null");
        Objects.requireNonNull(metadata, "metadata is null");
        if (expression.isPresent() && metadata.isPresent()) {
            throw new IllegalArgumentException("a column is computed or metadata, not both: " + name);
        }
    }

    /** A physical or computed column. */
    public CatalogColumn(String name, RelDataType type, Optional<SqlNode> expression) {
        this(name, type, expression, Optional.empty());
    }

    public boolean isPhysical() {
        return expression.isEmpty() && metadata.isEmpty();
    }

    public boolean isComputed() {
        return expression.isPresent();
    }

    public boolean isMetadata() {
        return metadata.isPresent();
    }

    /** Whether an INSERT writes this column: physical and non-virtual metadata columns. */
    public boolean isPersisted() {
        return isPhysical() || metadata.map(m -> !m.virtual()).orElse(false);
    }

    /**
     * {@code METADATA [FROM 'key'] [VIRTUAL]}.
     *
     * @param key the connector's metadata key
     * @param virtual read-only: not written by INSERT
     * @param connectorType the type of the connector's value, cast to and from the declared type
     */
    public record Metadata(String key, boolean virtual, RelDataType connectorType) {
        public Metadata {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(connectorType, "connectorType is null");
        }
    }
}
