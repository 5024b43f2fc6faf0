package io.sluice.planner;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.calcite.SqlContext;
import io.sluice.planner.calcite.SqlErrors;
import io.sluice.planner.calcite.TypeConversion;
import io.sluice.planner.catalog.Catalog;
import io.sluice.planner.catalog.CatalogColumn;
import io.sluice.planner.catalog.CatalogTable;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.WatermarkSpec;
import io.sluice.sql.parser.SluiceSqlDialect;
import io.sluice.sql.parser.ddl.SqlComputedColumn;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlCreateView;
import io.sluice.sql.parser.ddl.SqlMetadataColumn;
import io.sluice.sql.parser.ddl.SqlRegularColumn;
import io.sluice.sql.parser.ddl.SqlTableColumn;
import io.sluice.sql.parser.ddl.SqlTableOption;
import io.sluice.sql.parser.ddl.SqlWatermark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Checks CREATE TABLE and CREATE VIEW statements and turns them into catalog entries. Every error
 * names the table and, where it has one, the position of the offending column or option.
 */
public final class TableDefinitions {
    private final Catalog catalog;
    private final ConnectorRegistry connectors;

    TableDefinitions(Catalog catalog, ConnectorRegistry connectors) {
        this.catalog = catalog;
        this.connectors = connectors;
    }

    public CatalogTable table(SqlCreateTable ddl) {
        String name = simpleName(ddl.getName());
        SqlContext sql = new SqlContext(catalog);
        RelDataTypeFactory typeFactory = SqlContext.typeFactory();
        Set<String> primaryKey = new HashSet<>();
        for (SqlIdentifier key : ddl.getPrimaryKey()) {
            primaryKey.add(key.getSimple());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (SqlTableOption option : ddl.getOptions()) {
            if (options.put(option.getKey(), option.getValue()) != null) {
                throw error(option.getParserPosition(), "Table '" + name + "': option '" + option.getKey() + "' is given twice");
            }
        }
        ConnectorFactory factory = connectors.factoryFor(name, options);
        Set<String> names = new HashSet<>();
        List<CatalogColumn> physical = new ArrayList<>();
        Map<String, CatalogColumn> metadata = new LinkedHashMap<>();
        for (SqlTableColumn column : ddl.getColumns()) {
            String columnName = column.getName().getSimple();
            if (!names.add(columnName)) {
                throw error(column.getName().getParserPosition(), "Table '" + name + "': duplicate column '" + columnName + "'");
            }
            if (column instanceof SqlMetadataColumn declared) {
                metadata.put(columnName, metadataColumn(name, declared, options.get("connector"), factory,
                        primaryKey.contains(columnName), sql));
            }
            if (column instanceof SqlRegularColumn regular) {
                boolean nullable = !primaryKey.contains(columnName)
                        && (regular.getType().getNullable() == null || regular.getType().getNullable());
                RelDataType type;
                try {
                    type = flinkFloat(regular.getType().deriveType(sql.newValidator(), nullable));
                } catch (RuntimeException e) {
                    throw SqlErrors.fromValidation(e);
                }
                TypeConversionCheck.supported(type, regular.getType().getParserPosition(), columnName);
                physical.add(new CatalogColumn(columnName, type, Optional.empty()));
            }
        }
        for (String key : primaryKey) {
            if (!names.contains(key)) {
                SqlIdentifier id = ddl.getPrimaryKey().stream().filter(k -> k.getSimple().equals(key)).findFirst().get();
                throw error(id.getParserPosition(), "Table '" + name + "': primary key column '" + key + "' is not a column");
            }
        }
        // computed columns may use physical and metadata columns
        RelDataTypeFactory.Builder storedType = typeFactory.builder();
        List<CatalogColumn> stored = new ArrayList<>();
        int physicalIndex = 0;
        for (SqlTableColumn column : ddl.getColumns()) {
            if (column instanceof SqlMetadataColumn) {
                stored.add(metadata.get(column.getName().getSimple()));
            } else if (!(column instanceof SqlComputedColumn)) {
                stored.add(physical.get(physicalIndex++));
            }
        }
        stored.forEach(c -> storedType.add(c.name(), c.type()));
        RelDataType storedRow = storedType.build();
        List<CatalogColumn> columns = new ArrayList<>();
        int storedIndex = 0;
        for (SqlTableColumn column : ddl.getColumns()) {
            if (column instanceof SqlComputedColumn computed) {
                RexNode expr = sql.toRex(SqlNodes.deepCopy(computed.getExpression()), storedRow);
                columns.add(new CatalogColumn(column.getName().getSimple(), expr.getType(),
                        Optional.of(computed.getExpression())));
            } else {
                columns.add(stored.get(storedIndex++));
            }
        }
        RelDataTypeFactory.Builder fullType = typeFactory.builder();
        columns.forEach(c -> fullType.add(c.name(), c.type()));
        Optional<WatermarkSpec> watermark = ddl.getWatermark().map(w -> watermark(name, w, fullType.build(), sql));
        return new CatalogTable(name, columns, watermark, List.copyOf(ddl.getPrimaryKey().stream()
                .map(SqlIdentifier::getSimple).toList()), options, ddl.getComment(), unparse(ddl));
    }

    /**
     * A {@code METADATA [FROM 'key'] [VIRTUAL]} column: the key must be one the connector supplies
     * (or, for a non-virtual column, takes), and the declared type castable from and to its type.
     */
    private static CatalogColumn metadataColumn(String table, SqlMetadataColumn column, String connector,
            ConnectorFactory factory, boolean inPrimaryKey, SqlContext sql) {
        String columnName = column.getName().getSimple();
        String key = column.getMetadataKey().orElse(columnName);
        SqlParserPos pos = column.getParserPosition();
        if (inPrimaryKey) {
            throw error(pos, "Table '" + table + "': metadata column '" + columnName + "' cannot be part of the primary key");
        }
        Map<String, LogicalType> readable = factory.readableMetadata();
        Map<String, LogicalType> writable = factory.writableMetadata();
        LogicalType connectorType = readable.containsKey(key) ? readable.get(key) : writable.get(key);
        if (connectorType == null) {
            Set<String> known = new java.util.TreeSet<>(readable.keySet());
            known.addAll(writable.keySet());
            throw error(pos, "Table '" + table + "': connector '" + connector + "' has no metadata key '" + key + "'"
                    + (known.isEmpty() ? "; it supports no metadata columns"
                            : "; its metadata keys are " + String.join(", ", known)));
        }
        if (!readable.containsKey(key) && column.isVirtual()) {
            throw error(pos, "Table '" + table + "': metadata key '" + key + "' of connector '" + connector
                    + "' can only be written, so column '" + columnName + "' cannot be VIRTUAL");
        }
        RelDataType declared;
        try {
            declared = flinkFloat(column.getType().deriveType(sql.newValidator(),
                    column.getType().getNullable() == null || column.getType().getNullable()));
        } catch (RuntimeException e) {
            throw SqlErrors.fromValidation(e);
        }
        RelDataType actual = TypeConversion.toRelDataType(connectorType, SqlContext.typeFactory());
        if (!SqlTypeUtil.canCastFrom(declared, actual, true) || !SqlTypeUtil.canCastFrom(actual, declared, true)) {
            throw error(column.getType().getParserPosition(), "Table '" + table + "': metadata column '" + columnName
                    + "' is declared " + declared.getFullTypeString() + ", but metadata '" + key + "' of connector '"
                    + connector + "' is " + actual.getFullTypeString() + ", which cannot be cast to it");
        }
        return new CatalogColumn(columnName, declared, Optional.empty(),
                Optional.of(new CatalogColumn.Metadata(key, column.isVirtual(), actual)));
    }

    private static WatermarkSpec watermark(String table, SqlWatermark watermark, RelDataType row, SqlContext sql) {
        String column = watermark.getEventTimeColumn().getSimple();
        var field = row.getField(column, true, false);
        if (field == null) {
            throw error(watermark.getEventTimeColumn().getParserPosition(),
                    "Table '" + table + "': the WATERMARK column '" + column + "' is not a column of the table");
        }
        if (!isTimestamp(field.getType())) {
            throw error(watermark.getEventTimeColumn().getParserPosition(), "Table '" + table
                    + "': the WATERMARK column '" + column + "' must be of type TIMESTAMP(3) or TIMESTAMP_LTZ(3), but is "
                    + field.getType().getFullTypeString());
        }
        RexNode strategy = sql.toRex(SqlNodes.deepCopy(watermark.getStrategy()), row);
        if (!isTimestamp(strategy.getType())) {
            throw error(watermark.getStrategy().getParserPosition(), "Table '" + table
                    + "': the WATERMARK expression must return TIMESTAMP or TIMESTAMP_LTZ, but returns "
                    + strategy.getType().getFullTypeString());
        }
        return new WatermarkSpec(column, watermark.getStrategy(), display(watermark.getStrategy()));
    }

    private static boolean isTimestamp(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.TIMESTAMP
                || type.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    }

    public CatalogView view(SqlCreateView ddl) {
        String name = simpleName(ddl.getName());
        String querySql = unparse(ddl.getQuery());
        if (!ddl.getColumnNames().isEmpty()) {
            List<String> aliases = ddl.getColumnNames().stream().map(id -> "`" + id.getSimple() + "`").toList();
            querySql = "SELECT * FROM (" + querySql + ") AS `" + name + "`(" + String.join(", ", aliases) + ")";
        }
        String ddlText = unparse(ddl);
        SqlNode query = ddl.getQuery();
        RelRoot root = new SqlContext(catalog).toRel(query);
        RelDataType rowType = root.validatedRowType;
        if (!ddl.getColumnNames().isEmpty()) {
            if (ddl.getColumnNames().size() != rowType.getFieldCount()) {
                throw error(ddl.getName().getParserPosition(), "View '" + name + "' names "
                        + ddl.getColumnNames().size() + " columns but its query has " + rowType.getFieldCount());
            }
            RelDataTypeFactory.Builder renamed = SqlContext.typeFactory().builder();
            for (int i = 0; i < rowType.getFieldCount(); i++) {
                renamed.add(ddl.getColumnNames().get(i).getSimple(), rowType.getFieldList().get(i).getType());
            }
            rowType = renamed.build();
        }
        return new CatalogView(name, querySql, rowType.getFieldNames(), rowType, ddlText);
    }

    static String simpleName(SqlIdentifier name) {
        if (!name.isSimple()) {
            throw error(name.getParserPosition(), "Catalogs and databases are not supported yet: use a simple name instead of '"
                    + name + "'");
        }
        return name.getSimple();
    }

    private static String unparse(SqlNode node) {
        return node.toSqlString(SluiceSqlDialect.DEFAULT).getSql();
    }

    /** Flink's FLOAT is 4 bytes (Calcite's REAL); Calcite's own FLOAT is a DOUBLE. */
    private static RelDataType flinkFloat(RelDataType type) {
        if (type.getSqlTypeName() != SqlTypeName.FLOAT) {
            return type;
        }
        RelDataTypeFactory typeFactory = SqlContext.typeFactory();
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.REAL), type.isNullable());
    }

    /** SQL text for people (DESCRIBE, EXPLAIN): identifiers quoted only where they must be. */
    public static String display(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(SluiceSqlDialect.DEFAULT).withQuoteAllIdentifiers(false)).getSql();
    }

    static SluiceException error(SqlParserPos pos, String message) {
        return pos == null || pos.getLineNum() <= 0
                ? new SluiceException(ErrorCode.VALIDATION_ERROR, message)
                : new SluiceException(ErrorCode.VALIDATION_ERROR, message, pos.getLineNum(), pos.getColumnNum(), null);
    }

    /** Rejects declared types the runtime cannot carry, at the column that declares them. */
    private static final class TypeConversionCheck {
        static void supported(RelDataType type, SqlParserPos pos, String column) {
            try {
                io.sluice.planner.calcite.TypeConversion.toLogicalType(type, column);
            } catch (SluiceException e) {
                throw error(pos, e.getMessage());
            }
        }
    }
}
