package io.sluice.connectors.format;

import static io.sluice.connectors.format.FormatTestSupport.ALL_TYPES;
import static io.sluice.connectors.format.FormatTestSupport.DATE;
import static io.sluice.connectors.format.FormatTestSupport.TIME;
import static io.sluice.connectors.format.FormatTestSupport.TS;
import static io.sluice.connectors.format.FormatTestSupport.format;
import static io.sluice.connectors.format.JsonFormatTest.assertMalformed;
import static io.sluice.connectors.format.JsonFormatTest.assertOptionError;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
    private static final RowSchema BID = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("price", LogicalType.decimal(10, 2))
            .field("name", LogicalType.string())
            .build();

    private final RowDeserializer csv = format(ALL_TYPES, "format", "csv").createDeserializer();

    @Test
    void shouldDecodeEveryType() throws Exception {
        Object[] row = csv.deserialize("true,-8,300,70000,9000000000,1.5,-2.25,12.345,x,\"a, \"\"quoted\"\" b\","
                + "2020-12-30,12:13:14.123,2020-12-30 12:13:14.123,2020-12-30T12:13:14.123Z");

        assertThat(row).containsExactly(true, (byte) -8, (short) 300, 70000, 9_000_000_000L, 1.5f, -2.25,
                new BigDecimal("12.35"), "x", "a, \"quoted\" b", DATE, TIME, TS, TS);
    }

    @Test
    void shouldReadEmptyFieldsAsNullExceptForStrings() throws Exception {
        RowDeserializer bids = format(BID, "format", "csv").createDeserializer();

        assertThat(bids.deserialize(",,")).containsExactly(null, null, "");
        assertThat(bids.deserialize("1, 2.5 ,  padded ")).containsExactly(1L, new BigDecimal("2.50"), "  padded ");
    }

    @Test
    void shouldHonourNullLiteralDelimiterAndQuoteOptions() throws Exception {
        RowDeserializer custom = format(BID, "format", "csv", "csv.field-delimiter", ";",
                "csv.quote-character", "'", "csv.null-literal", "N/A").createDeserializer();
        assertThat(custom.deserialize("N/A;'15';'N/A;x'")).containsExactly(null, new BigDecimal("15.00"), "N/A;x");
        assertThat(custom.deserialize("2;3;'N/A'")).containsExactly(2L, new BigDecimal("3.00"), "N/A");
        assertThat(custom.deserialize("1;2;N/A")).containsExactly(1L, new BigDecimal("2.00"), null);

        RowDeserializer tabs = format(BID, "format", "csv", "csv.field-delimiter", "\\t",
                "csv.disable-quote-character", "true").createDeserializer();
        assertThat(tabs.deserialize("1\t2\t\"x\"")).containsExactly(1L, new BigDecimal("2.00"), "\"x\"");
    }

    @Test
    void shouldSkipCommentsOnlyWhenAllowed() throws Exception {
        RowDeserializer comments = format(BID, "format", "csv", "csv.allow-comments", "true").createDeserializer();
        assertThat(comments.deserialize("# a comment, with commas")).isNull();
        assertThat(comments.isCompleteRecord("# it's \"open")).isTrue();

        RowDeserializer plain = format(BID, "format", "csv").createDeserializer();
        assertMalformed(plain, "# a comment, with, commas", "Cannot parse '# a comment' as BIGINT for field 'id'");
    }

    @Test
    void shouldContinueQuotedFieldsOnTheNextLine() throws Exception {
        RowDeserializer bids = format(BID, "format", "csv").createDeserializer();

        assertThat(bids.isCompleteRecord("1,2,\"first line")).isFalse();
        assertThat(bids.isCompleteRecord("1,2,\"first line\nsecond \"\" line\"")).isTrue();
        assertThat(bids.isCompleteRecord("1,2,ab\"c")).isTrue();
        assertThat(bids.deserialize("1,2,\"first line\nsecond \"\" line\""))
                .containsExactly(1L, new BigDecimal("2.00"), "first line\nsecond \" line");
    }

    @Test
    void shouldReportArityAndValueErrors() {
        RowDeserializer bids = format(BID, "format", "csv").createDeserializer();

        assertMalformed(bids, "1,2", "Row length mismatch: 3 fields expected but was 2");
        assertMalformed(bids, "1,2,3,4", "Row length mismatch: 3 fields expected but was 4");
        assertMalformed(bids, "abc,2,x", "Cannot parse 'abc' as BIGINT for field 'id'");
        assertMalformed(bids, "1,two,x", "Cannot parse 'two' as DECIMAL(10, 2) for field 'price'");
        assertMalformed(bids, "1,2,\"open", "Unterminated quoted field 3");
        assertMalformed(bids, "1,\"2\"x,y", "Unexpected character 'x' after the closing quote of field 2");
    }

    @Test
    void shouldPadOrCutRowsWhenIgnoringParseErrorsAsFlink() throws Exception {
        RowDeserializer lenient = format(BID, "format", "csv", "csv.ignore-parse-errors", "true").createDeserializer();

        assertThat(lenient.deserialize("1,2")).containsExactly(1L, new BigDecimal("2.00"), null);
        assertThat(lenient.deserialize("1,2,x,extra")).containsExactly(1L, new BigDecimal("2.00"), "x");
    }

    @Test
    void shouldEncodeWithQuotesOnlyWhereNeeded() {
        RowSerializer serializer = format(ALL_TYPES, "format", "csv").createSerializer();

        String text = serializer.serializeToString(new Object[] {true, (byte) -8, (short) 300, 70000, 9_000_000_000L,
                1.5f, -2.25, new BigDecimal("12.30"), "x", "a, \"b\"\nc", DATE, TIME, TS, TS});

        assertThat(text).isEqualTo("true,-8,300,70000,9000000000,1.5,-2.25,12.30,x,\"a, \"\"b\"\"\nc\","
                + "2020-12-30,12:13:14.123,2020-12-30 12:13:14.123,2020-12-30 12:13:14.123Z");
        assertThat(serializer.serializeToString(new Object[ALL_TYPES.size()])).isEqualTo(",,,,,,,,,,,,,");
    }

    @Test
    void shouldRoundTripEveryTypeWithNullLiteral() throws Exception {
        Format format = format(ALL_TYPES, "format", "csv", "csv.null-literal", "");
        Object[] row = {false, Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, -0.5f,
                1e300, new BigDecimal("-99999999.99"), "z", "", -1, 0, -1L, 253402300799999L};
        Object[] nulls = new Object[ALL_TYPES.size()];

        RowDeserializer deserializer = format.createDeserializer();
        RowSerializer serializer = format.createSerializer();

        assertThat(Arrays.asList(deserializer.deserialize(serializer.serialize(row)))).isEqualTo(Arrays.asList(row));
        assertThat(deserializer.deserialize(serializer.serialize(nulls))).containsOnlyNulls();
    }

    @Test
    void shouldRejectBadOptions() {
        assertOptionError(() -> format(BID, "format", "csv", "csv.field-delimiter", "||"),
                "Table 't'", "'csv.field-delimiter'", "single character");
        assertOptionError(() -> format(BID, "format", "csv", "csv.quote-character", ","),
                "Table 't'", "cannot be the same character");
        assertOptionError(() -> format(BID, "format", "csv", "csv.allow-comments", "yes"),
                "Table 't'", "'csv.allow-comments'");
        assertOptionError(() -> format(BID, "format", "csv", "json.ignore-parse-errors", "true"),
                "'json.ignore-parse-errors' does not apply to format 'csv'");
    }
}
