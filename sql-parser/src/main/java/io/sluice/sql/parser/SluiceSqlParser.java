package io.sluice.sql.parser;

import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.SourceStringReader;

import java.util.List;

/**
 * Entry points to Sluice's SQL parser: Calcite's grammar extended with Flink SQL's DDL, SET/RESET,
 * SHOW/DESCRIBE/EXPLAIN, statement sets and job statements, with Flink's lexical rules.
 *
 * <p>Errors are {@link SqlParseException}s whose {@link SqlParseException#getPos()} is the line
 * and column of the offending token in the text that was given, the whole script for
 * {@link #parseScript}.
 */
public final class SluiceSqlParser {

    /** Longest identifier accepted, as in Flink. */
    public static final int IDENTIFIER_MAX_LENGTH = 256;

    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SluiceSqlParserImpl.FACTORY)
            .withQuoting(Quoting.BACK_TICK)
            .withQuotedCasing(Casing.UNCHANGED)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH)
            .withConformance(SluiceSqlConformance.INSTANCE);

    private SluiceSqlParser() {
    }

    /** Flink-like lexical rules and Sluice's parser factory, for {@link SqlParser#create}. */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses a script: statements separated by {@code ;}, with {@code --} and {@code /* *}{@code /}
     * comments, empty statements and an optional trailing {@code ;}. Empty input gives an empty
     * list.
     */
    public static List<SqlNode> parseScript(String sql) throws SqlParseException {
        SluiceSqlParserImpl parser = newParser(sql);
        try {
            return List.copyOf(parser.SqlScript().getList());
        } catch (Throwable e) {
            throw normalize(parser, e);
        }
    }

    /** Parses exactly one statement; a trailing {@code ;} is allowed. */
    public static SqlNode parseStatement(String sql) throws SqlParseException {
        SluiceSqlParserImpl parser = newParser(sql);
        try {
            return parser.SqlSingleStatement();
        } catch (Throwable e) {
            throw normalize(parser, e);
        }
    }

    /** Parses a scalar expression such as {@code ts - INTERVAL '5' SECOND}. */
    public static SqlNode parseExpression(String sql) throws SqlParseException {
        SluiceSqlParserImpl parser = newParser(sql);
        try {
            return parser.parseSqlExpressionEof();
        } catch (Throwable e) {
            throw normalize(parser, e);
        }
    }

    /** Configures the generated parser the way {@link SqlParser} does for {@link #CONFIG}. */
    private static SluiceSqlParserImpl newParser(String sql) {
        // The generated FACTORY sizes the lexer's buffer to the input, and a buffer of size 0
        // fails with an ArrayIndexOutOfBoundsException: lex a blank instead of nothing.
        String text = sql.isEmpty() ? " " : sql;
        SluiceSqlParserImpl parser = (SluiceSqlParserImpl) CONFIG.parserFactory()
                .getParser(new SourceStringReader(text));
        parser.setTabSize(1);
        parser.setQuotedCasing(CONFIG.quotedCasing());
        parser.setUnquotedCasing(CONFIG.unquotedCasing());
        parser.setIdentifierMaxLength(CONFIG.identifierMaxLength());
        parser.setTimeUnitCodes(CONFIG.timeUnitCodes());
        parser.setConformance(CONFIG.conformance());
        parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
        return parser;
    }

    private static SqlParseException normalize(SluiceSqlParserImpl parser, Throwable e) {
        if (e instanceof CalciteContextException && parser.getOriginalSql() != null) {
            ((CalciteContextException) e).setOriginalStatement(parser.getOriginalSql());
        }
        return parser.normalizeException(e);
    }
}
