package io.sluice.connectors.jdbc;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Converts between the runtime's value carriers (see {@link TypeRoot}) and JDBC. Temporal values
 * travel as {@code java.time} objects (JDBC 4.2), never as {@code java.sql.Timestamp}, whose
 * conversions use the JVM's default zone: a TIMESTAMP is a zone-less {@link LocalDateTime}, a
 * TIMESTAMP_LTZ an {@link OffsetDateTime} in UTC, stored by PostgreSQL as {@code timestamptz}.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    /** Why a type cannot be written or read, or empty when it can. */
    static Optional<String> unsupported(LogicalType type) {
        return switch (type.root()) {
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, NULL -> Optional.of(type + " has no JDBC column type");
            default -> Optional.empty();
        };
    }

    static void bind(PreparedStatement statement, int index, LogicalType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(type));
            return;
        }
        switch (type.root()) {
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case TINYINT -> statement.setByte(index, (Byte) value);
            case SMALLINT -> statement.setShort(index, (Short) value);
            case INTEGER -> statement.setInt(index, (Integer) value);
            case BIGINT -> statement.setLong(index, (Long) value);
            case FLOAT -> statement.setFloat(index, (Float) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case CHAR, VARCHAR -> statement.setString(index, (String) value);
            case DATE -> statement.setObject(index, LocalDate.ofEpochDay((Integer) value));
            case TIME -> statement.setObject(index, LocalTime.ofNanoOfDay((Integer) value * 1_000_000L));
            case TIMESTAMP -> statement.setObject(index, localDateTime((Long) value));
            case TIMESTAMP_LTZ -> statement.setObject(index,
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli((Long) value), ZoneOffset.UTC));
            default -> throw new IllegalArgumentException(type + " cannot be written over JDBC");
        }
    }

    /** Reads column {@code index} into the carrier of {@code type}, at millisecond precision. */
    static Object read(ResultSet result, int index, LogicalType type) throws SQLException {
        Object value = switch (type.root()) {
            case BOOLEAN -> result.getBoolean(index);
            case TINYINT -> result.getByte(index);
            case SMALLINT -> result.getShort(index);
            case INTEGER -> result.getInt(index);
            case BIGINT -> result.getLong(index);
            case FLOAT -> result.getFloat(index);
            case DOUBLE -> result.getDouble(index);
            case DECIMAL -> result.getBigDecimal(index);
            case CHAR, VARCHAR -> result.getString(index);
            case DATE -> mapped(result.getObject(index, LocalDate.class), d -> (int) d.toEpochDay());
            case TIME -> mapped(result.getObject(index, LocalTime.class), t -> (int) (t.toNanoOfDay() / 1_000_000L));
            case TIMESTAMP -> mapped(result.getObject(index, LocalDateTime.class), JdbcValues::epochMillis);
            case TIMESTAMP_LTZ -> mapped(result.getObject(index, OffsetDateTime.class),
                    t -> t.toInstant().toEpochMilli());
            default -> throw new IllegalArgumentException(type + " cannot be read over JDBC");
        };
        return result.wasNull() ? null : value;
    }

    private static <T> Object mapped(T value, java.util.function.Function<T, Object> mapping) {
        return value == null ? null : mapping.apply(value);
    }

    static LocalDateTime localDateTime(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
                (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    private static long epochMillis(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static int sqlType(LogicalType type) {
        return switch (type.root()) {
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case CHAR -> Types.CHAR;
            case VARCHAR -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_LTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.OTHER;
        };
    }
}
