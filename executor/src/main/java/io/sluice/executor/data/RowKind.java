package io.sluice.executor.data;

/** The change a row stands for in a changelog, with Flink's short names. */
public enum RowKind {
    INSERT("+I"),
    UPDATE_BEFORE("-U"),
    UPDATE_AFTER("+U"),
    DELETE("-D");

    private static final RowKind[] BY_ORDINAL = values();

    private final String shortString;

    RowKind(String shortString) {
        this.shortString = shortString;
    }

    public String shortString() {
        return shortString;
    }

    /** True for +I and +U: the row is (again) part of the result. */
    public boolean isAccumulate() {
        return this == INSERT || this == UPDATE_AFTER;
    }

    public byte toByte() {
        return (byte) ordinal();
    }

    public static RowKind fromByte(byte value) {
        return BY_ORDINAL[value];
    }
}
