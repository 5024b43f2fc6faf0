package io.sluice.connectors.jdbc;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a jdbc table lives and how to log in, and the one way to connect: errors name the Sluice
 * table and the URL (with any password in it masked), never just the driver's stack trace.
 *
 * @param sluiceTable the table's name in Sluice, for messages
 * @param url the JDBC URL
 * @param tableName the table in the database ({@code 'table-name'}), possibly schema-qualified
 * @param driver a driver class to load first, for drivers that do not register themselves
 */
record JdbcConnectionOptions(String sluiceTable, String url, String tableName, Optional<String> username,
        Optional<String> password, Optional<String> driver) {

    JdbcConnectionOptions {
        Objects.requireNonNull(sluiceTable, "sluiceTable is null");
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(tableName, "tableName is null");
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(driver, "driver is null");
    }

    Connection connect() {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        try {
            if (driver.isPresent()) {
                Class<?> type = Class.forName(driver.get(), true, JdbcConnectionOptions.class.getClassLoader());
                if (!Driver.class.isAssignableFrom(type)) {
                    throw error("the class '" + driver.get() + "' of option 'driver' is not a java.sql.Driver", null);
                }
            }
            return DriverManager.getConnection(url, properties);
        } catch (ClassNotFoundException e) {
            throw error("the JDBC driver class '" + driver.orElse("") + "' of option 'driver' is not on the class path",
                    e);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) && e.getMessage() != null
                    && e.getMessage().startsWith("No suitable driver")) {
                throw error("no JDBC driver on the class path accepts the URL '" + maskedUrl()
                        + "' (Sluice brings the PostgreSQL driver; add others to the class path)", e);
            }
            throw error("cannot connect: " + describe(e), e);
        }
    }

    /** The URL with the value of a {@code password} parameter replaced, for messages and EXPLAIN. */
    String maskedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** {@code Table 't' (jdbc table 'x' at 'url'): what}. */
    SluiceException error(String what, Throwable cause) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, "Table '" + sluiceTable + "' (jdbc table '" + tableName
                + "' at '" + maskedUrl() + "'): " + what, cause);
    }

    /** A SQL error's message with its SQLState, which says what kind of failure it is. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null && !message.contains(next.getMessage())) {
            message += " (" + next.getMessage() + ")";
        }
        return e.getSQLState() == null ? message : message + " [SQLState " + e.getSQLState() + "]";
    }
}
