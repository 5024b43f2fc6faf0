package io.sluice.sql.parser;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Errors raised by Sluice's grammar actions. The generated parser turns a
 * {@link CalciteContextException} into a {@code SqlParseException} whose position is the one given
 * here, so callers can report {@code line L, column C}.
 */
public final class SqlParserErrors {

    private SqlParserErrors() {
    }

    public static CalciteContextException at(SqlParserPos pos, String message) {
        return new CalciteContextException(message, new SqlValidatorException(message, null),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    /** {@code pos} is the token found where {@code NOT ENFORCED} was expected. */
    public static CalciteContextException primaryKeyMustBeNotEnforced(SqlParserPos pos) {
        return at(pos, "Sluice, like Flink, supports only PRIMARY KEY ... NOT ENFORCED: the key is"
                + " not checked against the data, it declares how rows are upserted");
    }
}
