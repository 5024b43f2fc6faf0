package io.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.types.RowSchema;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Locale;
import java.util.Set;

/** Flink's {@code json} format: one JSON object per record, fields by name. */
final class JsonFormat implements Format {
    static final String NAME = "json";
    static final String FAIL_ON_MISSING_FIELD = "json.fail-on-missing-field";
    static final String IGNORE_PARSE_ERRORS = "json.ignore-parse-errors";
    static final String TIMESTAMP_FORMAT = "json.timestamp-format.standard";
    static final String DECIMAL_AS_PLAIN_NUMBER = "json.encode.decimal-as-plain-number";
    static final String IGNORE_NULL_FIELDS = "json.encode.ignore-null-fields";
    static final Set<String> OPTIONS = Set.of(FAIL_ON_MISSING_FIELD, IGNORE_PARSE_ERRORS, TIMESTAMP_FORMAT,
            DECIMAL_AS_PLAIN_NUMBER, IGNORE_NULL_FIELDS);

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final RowSchema schema;
    private final ZoneId zone;
    private final boolean failOnMissingField;
    private final boolean ignoreParseErrors;
    private final boolean isoTimestamps;
    private final boolean decimalAsPlainNumber;
    private final boolean ignoreNullFields;
    /** The columns read; null for all. */
    private final BitSet needed;

    JsonFormat(RowSchema schema, ConnectorOptions options, String prefix, ZoneId zone) {
        this.schema = schema;
        this.zone = zone;
        this.failOnMissingField = options.getBoolean(prefix + FAIL_ON_MISSING_FIELD, false);
        this.ignoreParseErrors = options.getBoolean(prefix + IGNORE_PARSE_ERRORS, false);
        if (failOnMissingField && ignoreParseErrors) {
            throw options.error("options '" + prefix + FAIL_ON_MISSING_FIELD + "' and '" + prefix
                    + IGNORE_PARSE_ERRORS + "' cannot both be true");
        }
        String standard = options.get(prefix + TIMESTAMP_FORMAT, "SQL");
        this.isoTimestamps = switch (standard.trim().toUpperCase(Locale.ROOT)) {
            case "SQL" -> false;
            case "ISO-8601" -> true;
            default -> throw options.invalid(prefix + TIMESTAMP_FORMAT, standard, "'SQL' or 'ISO-8601'");
        };
        this.decimalAsPlainNumber = options.getBoolean(prefix + DECIMAL_AS_PLAIN_NUMBER, false);
        this.ignoreNullFields = options.getBoolean(prefix + IGNORE_NULL_FIELDS, false);
        this.needed = null;
    }

    private JsonFormat(JsonFormat format, BitSet needed) {
        this.schema = format.schema;
        this.zone = format.zone;
        this.failOnMissingField = format.failOnMissingField;
        this.ignoreParseErrors = format.ignoreParseErrors;
        this.isoTimestamps = format.isoTimestamps;
        this.decimalAsPlainNumber = format.decimalAsPlainNumber;
        this.ignoreNullFields = format.ignoreNullFields;
        this.needed = (BitSet) needed.clone();
    }

    /** Text values of columns nobody reads are most of a record's decoding, and of its garbage. */
    @Override
    public Format projected(BitSet needed) {
        return new JsonFormat(this, needed);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "JSON";
    }

    @Override
    public boolean ignoreParseErrors() {
        return ignoreParseErrors;
    }

    @Override
    public RowDeserializer createDeserializer() {
        return new JsonRowDeserializer(schema, zone, failOnMissingField, needed);
    }

    @Override
    public RowSerializer createSerializer() {
        return new JsonRowSerializer(schema, isoTimestamps, decimalAsPlainNumber, ignoreNullFields);
    }
}
