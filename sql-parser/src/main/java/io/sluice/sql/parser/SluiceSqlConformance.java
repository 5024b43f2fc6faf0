package io.sluice.sql.parser;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's default conformance with the differences of Flink's that show in parsing: {@code %} is
 * the remainder operator, as in Flink SQL. {@code VALUE} stays disallowed as a synonym of
 * {@code VALUES}: Sluice treats {@code value} as an ordinary column name.
 */
public final class SluiceSqlConformance extends SqlDelegatingConformance {

    public static final SluiceSqlConformance INSTANCE = new SluiceSqlConformance();

    private SluiceSqlConformance() {
        super(SqlConformanceEnum.DEFAULT);
    }

    @Override
    public boolean isPercentRemainderAllowed() {
        return true;
    }

    @Override
    public boolean isValueAllowed() {
        return false;
    }
}
