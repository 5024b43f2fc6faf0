package io.sluice.planner.codegen;

import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What compiled expressions ask of their environment: the session time zone and the current
 * time. On a stream the current time is read per row, as Flink SQL does, not once per query.
 */
public final class SessionDataContext implements DataContext {
    private final JavaTypeFactory typeFactory;
    private final TimeZone timeZone;

    public SessionDataContext(JavaTypeFactory typeFactory, TimeZone timeZone) {
        this.typeFactory = typeFactory;
        this.timeZone = timeZone;
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
        return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("compiled stream expressions run no queries");
    }

    @Override
    public @Nullable Object get(String name) {
        long now = System.currentTimeMillis();
        return switch (name) {
            case "timeZone" -> timeZone;
            case "utcTimestamp", "currentTimestamp" -> now;
            case "localTimestamp" -> now + timeZone.getOffset(now);
            case "locale" -> java.util.Locale.ROOT;
            default -> null;
        };
    }
}
