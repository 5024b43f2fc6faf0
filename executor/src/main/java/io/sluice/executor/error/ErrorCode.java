package io.sluice.executor.error;

/** What kind of failure a {@link SluiceException} reports; user errors are the user's to fix. */
public enum ErrorCode {
    SYNTAX_ERROR(Kind.USER),
    VALIDATION_ERROR(Kind.USER),
    UNSUPPORTED(Kind.USER),
    /** A table's WITH option is missing, unknown or has a bad value. */
    OPTION_ERROR(Kind.USER),
    /** A source record could not be decoded. */
    MALFORMED_RECORD(Kind.USER),
    /** A statement is valid but cannot run now, e.g. the table does not exist. */
    CATALOG_ERROR(Kind.USER),
    /** An external system (file, broker, database) failed. */
    EXTERNAL_ERROR(Kind.EXTERNAL),
    JOB_FAILED(Kind.EXTERNAL),
    INTERNAL_ERROR(Kind.INTERNAL);

    public enum Kind { USER, EXTERNAL, INTERNAL }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
