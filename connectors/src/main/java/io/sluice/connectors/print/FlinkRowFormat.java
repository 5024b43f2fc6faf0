package io.sluice.connectors.print;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Rows as text exactly as Flink prints them ({@code Row.toString()} of the external types): a row
 * {@code +I[1, abc, null, 2020-04-15T08:05, 2020-04-15T08:05:00Z]}, and the print sink's line prefix.
 */
public final class FlinkRowFormat {
    private FlinkRowFormat() {
    }

    /** {@code +I[v1, v2, ...]}: the row kind's short string and the values in schema order. */
    public static String formatRow(RowKind kind, Object[] row, RowSchema schema) {
        StringBuilder text = new StringBuilder(16 + 8 * row.length);
        text.append(kind.shortString()).append('[');
        List<LogicalType> types = schema.types();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(formatValue(row[i], types.get(i)));
        }
        return text.append(']').toString();
    }

    /**
     * One value as Flink's external type prints it: null as {@code null}, TIMESTAMP as
     * {@link LocalDateTime}, TIMESTAMP_LTZ as {@link Instant}, DATE as {@link LocalDate}, TIME as
     * {@link LocalTime}, intervals as {@link Duration} and {@link Period}, the rest by {@code toString}.
     */
    public static String formatValue(Object value, LogicalType type) {
        if (value == null) {
            return "null";
        }
        return switch (type.root()) {
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIME -> LocalTime.ofNanoOfDay(((Integer) value) * 1_000_000L).toString();
            case TIMESTAMP -> toLocalDateTime((Long) value).toString();
            case TIMESTAMP_LTZ -> Instant.ofEpochMilli((Long) value).toString();
            case INTERVAL_DAY_TIME -> Duration.ofMillis((Long) value).toString();
            case INTERVAL_YEAR_MONTH -> Period.ofMonths((Integer) value).normalized().toString();
            case DECIMAL -> ((BigDecimal) value).toString();
            default -> value.toString();
        };
    }

    /**
     * The print sink's line prefix: {@code id> } at parallelism 1, {@code id:N> } above (N =
     * subtask + 1), {@code N> } without an identifier above parallelism 1, and nothing without an
     * identifier at parallelism 1.
     */
    public static String prefix(String identifier, int subtaskIndex, int parallelism) {
        String prefix = identifier == null ? "" : identifier;
        if (parallelism > 1) {
            prefix = (prefix.isEmpty() ? "" : prefix + ":") + (subtaskIndex + 1);
        }
        return prefix.isEmpty() ? "" : prefix + "> ";
    }

    private static LocalDateTime toLocalDateTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
}
