package io.sluice.executor.error;

import java.util.Objects;

/**
 * The one error type the engine reports to users: a code, a message, and where known the SQL
 * position. Its message reads {@code line 3, column 8: Column 'x' not found in any table}.
 */
public final class SluiceException extends RuntimeException {
    private final ErrorCode code;
    private final int line;
    private final int column;

    public SluiceException(ErrorCode code, String message) {
        this(code, message, 0, 0, null);
    }

    public SluiceException(ErrorCode code, String message, Throwable cause) {
        this(code, message, 0, 0, cause);
    }

    public SluiceException(ErrorCode code, String message, int line, int column, Throwable cause) {
        super(position(line, column) + Objects.requireNonNull(message, "message is null"), cause);
        this.code = Objects.requireNonNull(code, "code is null");
        this.line = line;
        this.column = column;
    }

    private static String position(int line, int column) {
        return line > 0 ? "line " + line + ", column " + column + ": " : "";
    }

    public ErrorCode code() {
        return code;
    }

    /** 1-based line of the SQL text, or 0 when the error has no position. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public boolean isUserError() {
        return code.kind() == ErrorCode.Kind.USER;
    }
}
