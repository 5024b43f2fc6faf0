package io.sluice.connectors.format;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.Map;

final class FormatTestSupport {
    /** One column of every type a format carries. */
    static final RowSchema ALL_TYPES = RowSchema.builder()
            .field("b", LogicalType.of(TypeRoot.BOOLEAN))
            .field("t", LogicalType.of(TypeRoot.TINYINT))
            .field("s", LogicalType.of(TypeRoot.SMALLINT))
            .field("i", LogicalType.of(TypeRoot.INTEGER))
            .field("l", LogicalType.of(TypeRoot.BIGINT))
            .field("f", LogicalType.of(TypeRoot.FLOAT))
            .field("d", LogicalType.of(TypeRoot.DOUBLE))
            .field("dec", LogicalType.decimal(10, 2))
            .field("c", LogicalType.of(TypeRoot.CHAR, 1))
            .field("v", LogicalType.string())
            .field("dt", LogicalType.of(TypeRoot.DATE))
            .field("tm", LogicalType.of(TypeRoot.TIME, 3))
            .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
            .field("ltz", LogicalType.of(TypeRoot.TIMESTAMP_LTZ, 3))
            .build();

    /** 2020-12-30 12:13:14.123 as millis of a UTC local date-time. */
    static final long TS = 1_609_330_394_123L;
    static final int DATE = 18626;
    static final int TIME = (12 * 3600 + 13 * 60 + 14) * 1000 + 123;

    private FormatTestSupport() {
    }

    static Format format(RowSchema schema, String... keysAndValues) {
        Map<String, String> options = ConnectorTestSupport.options(keysAndValues);
        return Formats.create("format", schema, new ConnectorOptions("t", options), ConnectorTestSupport.UTC);
    }
}
