package io.sluice.connectors.format;

import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.types.RowSchema;
import java.time.ZoneId;
import java.util.Set;

/** Flink's {@code csv} format: RFC 4180-style delimited text, fields by position. */
final class CsvFormat implements Format {
    static final String NAME = "csv";
    static final String FIELD_DELIMITER = "csv.field-delimiter";
    static final String QUOTE_CHARACTER = "csv.quote-character";
    static final String DISABLE_QUOTE_CHARACTER = "csv.disable-quote-character";
    static final String ALLOW_COMMENTS = "csv.allow-comments";
    static final String IGNORE_PARSE_ERRORS = "csv.ignore-parse-errors";
    static final String NULL_LITERAL = "csv.null-literal";
    static final Set<String> OPTIONS = Set.of(FIELD_DELIMITER, QUOTE_CHARACTER, DISABLE_QUOTE_CHARACTER,
            ALLOW_COMMENTS, IGNORE_PARSE_ERRORS, NULL_LITERAL);

    /** No quote character: quoting is disabled. */
    static final char NO_QUOTE = '\0';

    private final RowSchema schema;
    private final ZoneId zone;
    private final char delimiter;
    private final char quote;
    private final boolean allowComments;
    private final boolean ignoreParseErrors;
    private final String nullLiteral;

    CsvFormat(RowSchema schema, ConnectorOptions options, String prefix, ZoneId zone) {
        this.schema = schema;
        this.zone = zone;
        this.delimiter = singleChar(options, prefix + FIELD_DELIMITER, ",");
        boolean quoteDisabled = options.getBoolean(prefix + DISABLE_QUOTE_CHARACTER, false);
        if (quoteDisabled && options.contains(prefix + QUOTE_CHARACTER)) {
            throw options.error("option '" + prefix + QUOTE_CHARACTER + "' cannot be set when '" + prefix
                    + DISABLE_QUOTE_CHARACTER + "' is true");
        }
        this.quote = quoteDisabled ? NO_QUOTE : singleChar(options, prefix + QUOTE_CHARACTER, "\"");
        if (quote == delimiter) {
            throw options.error("options '" + prefix + FIELD_DELIMITER + "' and '" + prefix + QUOTE_CHARACTER
                    + "' cannot be the same character");
        }
        this.allowComments = options.getBoolean(prefix + ALLOW_COMMENTS, false);
        this.ignoreParseErrors = options.getBoolean(prefix + IGNORE_PARSE_ERRORS, false);
        this.nullLiteral = options.get(prefix + NULL_LITERAL).orElse(null);
    }

    private static char singleChar(ConnectorOptions options, String key, String defaultValue) {
        String value = options.get(key, defaultValue);
        String unescaped = switch (value) {
            case "\\t" -> "\t";
            case "\\n" -> "\n";
            default -> value;
        };
        if (unescaped.length() != 1 || unescaped.charAt(0) == '\n' || unescaped.charAt(0) == '\r') {
            throw options.invalid(key, value, "a single character other than a line break");
        }
        return unescaped.charAt(0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "CSV";
    }

    @Override
    public boolean ignoreParseErrors() {
        return ignoreParseErrors;
    }

    @Override
    public RowDeserializer createDeserializer() {
        return new CsvRowDeserializer(schema, zone, delimiter, quote, allowComments, nullLiteral, ignoreParseErrors);
    }

    @Override
    public RowSerializer createSerializer() {
        return new CsvRowSerializer(schema, delimiter, quote, nullLiteral);
    }
}
