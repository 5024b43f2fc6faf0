package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/** Turns Calcite's parse and validation errors into {@link SluiceException}s with a position. */
public final class SqlErrors {
    private static final int MAX_EXPECTED_SHOWN = 12;

    private SqlErrors() {
    }

    public static SluiceException fromParse(SqlParseException e) {
        SqlParserPos pos = e.getPos();
        String message = e.getMessage() == null ? "Syntax error" : e.getMessage();
        String[] lines = message.split("\n");
        // Calcite says: Encountered "x" at line 1, column 5.\nWas expecting one of:\n    "A" ...
        String first = lines[0].replaceAll(" at line \\d+, column \\d+\\.?$", "").trim();
        if (first.startsWith("Encountered \"<EOF>\"")) {
            first = "Unexpected end of input";
        }
        StringBuilder text = new StringBuilder(first.isEmpty() ? "Syntax error" : first);
        if (message.contains("Was expecting")) {
            java.util.List<String> expected = new java.util.ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].trim();
                if (!line.isEmpty() && !line.startsWith("Was expecting") && !line.equals("...")) {
                    expected.add(line.replaceAll(" \\.\\.\\.$", ""));
                }
            }
            if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED_SHOWN) {
                text.append(". Expected one of: ").append(String.join(", ", expected));
            }
        }
        return pos == null || pos.getLineNum() <= 0
                ? new SluiceException(ErrorCode.SYNTAX_ERROR, text.toString(), e)
                : new SluiceException(ErrorCode.SYNTAX_ERROR, text.toString(), pos.getLineNum(), pos.getColumnNum(), e);
    }

    /** Converts a failure of validation or conversion; a SluiceException passes unchanged. */
    public static RuntimeException fromValidation(RuntimeException e) {
        if (e instanceof SluiceException) {
            return e;
        }
        Throwable t = e;
        while (t != null) {
            if (t instanceof SluiceException s) {
                return s;
            }
            if (t instanceof CalciteContextException c) {
                String message = c.getCause() != null && c.getCause().getMessage() != null
                        ? c.getCause().getMessage() : c.getMessage();
                return new SluiceException(ErrorCode.VALIDATION_ERROR, message, c.getPosLine(), c.getPosColumn(), e);
            }
            t = t.getCause();
        }
        if (e instanceof CalciteException || e.getCause() instanceof SqlValidatorException) {
            return new SluiceException(ErrorCode.VALIDATION_ERROR, e.getMessage(), e);
        }
        return e;
    }
}
