package io.sluice.sql.parser;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * The dialect to unparse Sluice statements with: identifiers in back-ticks, case kept, so that
 * {@code node.toSqlString(SluiceSqlDialect.DEFAULT).getSql()} parses back to the same tree.
 */
public final class SluiceSqlDialect extends SqlDialect {

    public static final SqlDialect.Context DEFAULT_CONTEXT = SqlDialect.EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.UNKNOWN)
            .withDatabaseProductName("Sluice")
            .withIdentifierQuoteString("`")
            .withIdentifierEscapedQuoteString("``")
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withConformance(SluiceSqlConformance.INSTANCE);

    public static final SluiceSqlDialect DEFAULT = new SluiceSqlDialect(DEFAULT_CONTEXT);

    public SluiceSqlDialect(Context context) {
        super(context);
    }

    /** {@code LIMIT n OFFSET m}, as Flink SQL users write it. */
    @Override
    public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }
}
