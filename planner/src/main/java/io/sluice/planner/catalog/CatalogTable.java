package io.sluice.planner.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A table declared with CREATE TABLE: its columns, event-time attribute, primary key and
 * connector options. Immutable; the options keep their declaration order.
 */
public final class CatalogTable {
    private final String name;
    private final List<CatalogColumn> columns;
    private final Optional<WatermarkSpec> watermark;
    private final List<String> primaryKey;
    private final Map<String, String> options;
    private final Optional<String> comment;
    private final String ddl;

    public CatalogTable(String name, List<CatalogColumn> columns, Optional<WatermarkSpec> watermark,
            List<String> primaryKey, Map<String, String> options, Optional<String> comment, String ddl) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.columns = List.copyOf(columns);
        this.watermark = Objects.requireNonNull(watermark, "watermark is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.comment = Objects.requireNonNull(comment, "comment is null");
        this.ddl = Objects.requireNonNull(ddl, "ddl is null");
    }

    public String name() {
        return name;
    }

    public List<CatalogColumn> columns() {
        return columns;
    }

    public List<CatalogColumn> physicalColumns() {
        return columns.stream().filter(CatalogColumn::isPhysical).collect(Collectors.toList());
    }

    /** Metadata columns, in declaration order. */
    public List<CatalogColumn> metadataColumns() {
        return columns.stream().filter(CatalogColumn::isMetadata).collect(Collectors.toList());
    }

    /** Whether every column is physical: the connector's row is the table's row. */
    public boolean isPhysicalOnly() {
        return columns.stream().allMatch(CatalogColumn::isPhysical);
    }

    /** Whether INSERT can write the table: no computed and no virtual metadata columns. */
    public boolean isWritable() {
        return columns.stream().allMatch(CatalogColumn::isPersisted);
    }

    public Optional<WatermarkSpec> watermark() {
        return watermark;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public Map<String, String> options() {
        return options;
    }

    public Optional<String> comment() {
        return comment;
    }

    /** The CREATE TABLE statement, normalized, for SHOW CREATE TABLE. */
    public String ddl() {
        return ddl;
    }

    public String connector() {
        return options.get("connector");
    }

    /** The row of a scan: every column, physical and computed, in declaration order. */
    public RelDataType rowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        columns.forEach(c -> builder.add(c.name(), c.type()));
        return builder.build();
    }

    /** The payload columns, which the connector's format reads and writes. */
    public RelDataType physicalRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        physicalColumns().forEach(c -> builder.add(c.name(), c.type()));
        return builder.build();
    }

    /**
     * The row a source emits: the physical columns, then the metadata columns in the connector's
     * types. {@code persistedOnly} leaves out virtual metadata columns: the row a sink takes.
     */
    public RelDataType connectorRowType(RelDataTypeFactory typeFactory, boolean persistedOnly) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        physicalColumns().forEach(c -> builder.add(c.name(), c.type()));
        for (CatalogColumn column : metadataColumns()) {
            CatalogColumn.Metadata metadata = column.metadata().get();
            if (!persistedOnly || !metadata.virtual()) {
                builder.add(column.name(), typeFactory.createTypeWithNullability(metadata.connectorType(), true));
            }
        }
        return builder.build();
    }
}
