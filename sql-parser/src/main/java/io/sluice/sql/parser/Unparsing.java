package io.sluice.sql.parser;

import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** Small helpers shared by the {@code unparse} methods of Sluice's SqlNodes. */
public final class Unparsing {

    private Unparsing() {
    }

    /** Writes {@code value} as a single-quoted SQL string literal. */
    public static void stringLiteral(SqlWriter writer, String value) {
        SqlLiteral.createCharString(value, SqlParserPos.ZERO).unparse(writer, 0, 0);
    }

    /** Writes {@code COMMENT 'text'} when a comment is present. */
    public static void comment(SqlWriter writer, String comment) {
        if (comment != null) {
            writer.keyword("COMMENT");
            stringLiteral(writer, comment);
        }
    }

    /** Writes {@code (a, b, c)}. */
    public static void parenthesizedList(SqlWriter writer, List<? extends SqlNode> nodes) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode node : nodes) {
            writer.sep(",");
            node.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
