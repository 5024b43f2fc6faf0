package io.sluice.planner.calcite;

import io.sluice.planner.catalog.Catalog;
import io.sluice.planner.catalog.CatalogTable;
import io.sluice.planner.catalog.CatalogView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/** Shows the session catalog to Calcite's validator: catalog tables as tables, views as expandable tables. */
public final class CatalogSchema extends AbstractSchema {
    private final Catalog catalog;

    public CatalogSchema(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> tables = new HashMap<>();
        for (String name : catalog.tableNames()) {
            catalog.table(name).ifPresent(t -> tables.put(name, new SourceTable(t)));
        }
        for (String name : catalog.viewNames()) {
            catalog.view(name).ifPresent(v -> tables.put(name, new ViewTable(v)));
        }
        return tables;
    }

    /**
     * A catalog table as Calcite sees it; the planner unwraps it from the scan. Every table lets the
     * validator accept {@code FOR SYSTEM_TIME AS OF}: whether it is a versioned table (a primary key
     * and a watermark) is checked when the temporal join is planned, where the message can say why.
     */
    public static final class SourceTable extends AbstractTable implements TemporalTable {
        private final CatalogTable table;

        SourceTable(CatalogTable table) {
            this.table = table;
        }

        public CatalogTable table() {
            return table;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return table.rowType(typeFactory);
        }

        @Override
        public String getSysStartFieldName() {
            return table.watermark().map(w -> w.column()).orElse("");
        }

        @Override
        public String getSysEndFieldName() {
            return "";
        }
    }

    /** A view: its query is parsed, validated and converted again where it is used. */
    static final class ViewTable extends AbstractTable implements TranslatableTable, TemporalTable {
        private final CatalogView view;

        ViewTable(CatalogView view) {
            this.view = view;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return typeFactory.copyType(view.rowType());
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
            return context.expandView(relOptTable.getRowType(), view.querySql(), List.of(), List.of(view.name())).rel;
        }

        /** A view is versioned when its query keeps one row per key, such as a deduplication; checked when planned. */
        @Override
        public String getSysStartFieldName() {
            return "";
        }

        @Override
        public String getSysEndFieldName() {
            return "";
        }
    }
}
