package io.sluice.executor.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The names and types of a row's fields, in order. Immutable. */
public final class RowSchema {
    private final List<String> names;
    private final List<LogicalType> types;

    public RowSchema(List<String> names, List<LogicalType> types) {
        Objects.requireNonNull(names, "names is null");
        Objects.requireNonNull(types, "types is null");
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("names and types differ in size: " + names + " / " + types);
        }
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    public List<LogicalType> types() {
        return types;
    }

    public String name(int index) {
        return names.get(index);
    }

    public LogicalType type(int index) {
        return types.get(index);
    }

    /** The position of the named field, or -1. Names are case-sensitive, as in Flink SQL. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowSchema that && names.equals(that.names) && types.equals(that.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, types);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(types.get(i));
        }
        return sb.append(')').toString();
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<LogicalType> types = new ArrayList<>();

        public Builder field(String name, LogicalType type) {
            names.add(name);
            types.add(type);
            return this;
        }

        public RowSchema build() {
            return new RowSchema(names, types);
        }
    }
}
