package io.sluice.connectors.jdbc;

import io.sluice.executor.connector.ConnectorOptions;
import java.util.Locale;

/** {@code 'sink.delivery-guarantee'}: what a jdbc sink promises about rows replayed after a failure. */
enum DeliveryGuarantee {
    /** Rows are flushed by size and time only; a crash may lose or repeat some. */
    NONE("none"),
    /** Rows are also flushed at every checkpoint; a crash repeats rows written after the last one. */
    AT_LEAST_ONCE("at-least-once"),
    /** Rows become visible per completed checkpoint, in one transaction with a progress row. */
    EXACTLY_ONCE("exactly-once");

    private final String text;

    DeliveryGuarantee(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static DeliveryGuarantee parse(ConnectorOptions options, String key) {
        String value = options.get(key, AT_LEAST_ONCE.text);
        for (DeliveryGuarantee guarantee : values()) {
            if (guarantee.text.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return guarantee;
            }
        }
        throw options.invalid(key, value, "'exactly-once', 'at-least-once' or 'none'");
    }
}
