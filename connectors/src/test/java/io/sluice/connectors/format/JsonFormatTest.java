package io.sluice.connectors.format;

import static io.sluice.connectors.format.FormatTestSupport.ALL_TYPES;
import static io.sluice.connectors.format.FormatTestSupport.DATE;
import static io.sluice.connectors.format.FormatTestSupport.TIME;
import static io.sluice.connectors.format.FormatTestSupport.TS;
import static io.sluice.connectors.format.FormatTestSupport.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
    private static final RowSchema BID = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("price", LogicalType.of(TypeRoot.BIGINT))
            .field("name", LogicalType.string())
            .build();

    private final RowDeserializer json = format(ALL_TYPES, "format", "json").createDeserializer();

    @Test
    void shouldDecodeEveryType() throws Exception {
        Object[] row = json.deserialize("{\"b\":true,\"t\":-8,\"s\":300,\"i\":70000,\"l\":9000000000,\"f\":1.5,"
                + "\"d\":-2.25,\"dec\":12.345,\"c\":\"x\",\"v\":\"h\\u00e9llo\",\"dt\":\"2020-12-30\","
                + "\"tm\":\"12:13:14.123\",\"ts\":\"2020-12-30 12:13:14.123\",\"ltz\":\"2020-12-30 12:13:14.123Z\"}");

        assertThat(row).containsExactly(true, (byte) -8, (short) 300, 70000, 9_000_000_000L, 1.5f, -2.25,
                new BigDecimal("12.35"), "x", "héllo", DATE, TIME, TS, TS);
    }

    @Test
    void shouldCoerceNumericAndBooleanStringsAsFlinkDoes() throws Exception {
        Object[] row = json.deserialize("{\"b\":\"FALSE\",\"t\":\"7\",\"i\":\" 42 \",\"l\":\"-1\",\"f\":\"2.5\","
                + "\"d\":\"1e3\",\"dec\":\"0.1\",\"v\":12.50,\"c\":true,\"s\":3.0}");

        assertThat(row[0]).isEqualTo(false);
        assertThat(row[1]).isEqualTo((byte) 7);
        assertThat(row[2]).isEqualTo((short) 3);
        assertThat(row[3]).isEqualTo(42);
        assertThat(row[4]).isEqualTo(-1L);
        assertThat(row[5]).isEqualTo(2.5f);
        assertThat(row[6]).isEqualTo(1000.0);
        assertThat(row[7]).isEqualTo(new BigDecimal("0.10"));
        assertThat(row[8]).isEqualTo("true");
        assertThat(row[9]).isEqualTo("12.50");
    }

    @Test
    void shouldAcceptBothTimestampSpellingsAndAnyFractionWhateverTheStandard() throws Exception {
        RowDeserializer iso = format(ALL_TYPES, "format", "json", "json.timestamp-format.standard", "ISO-8601")
                .createDeserializer();
        for (RowDeserializer deserializer : new RowDeserializer[] {json, iso}) {
            assertThat(deserializer.deserialize("{\"ts\":\"2020-12-30T12:13:14.123\"}")[12]).isEqualTo(TS);
            assertThat(deserializer.deserialize("{\"ts\":\"2020-12-30 12:13:14.123456789\"}")[12]).isEqualTo(TS);
            assertThat(deserializer.deserialize("{\"ts\":\"2020-12-30 12:13:14\"}")[12]).isEqualTo(TS - 123);
            assertThat(deserializer.deserialize("{\"ts\":\"2020-12-30T12:13\"}")[12]).isEqualTo(TS - 14_123);
            assertThat(deserializer.deserialize("{\"ltz\":\"2020-12-30T12:13:14.1Z\"}")[13]).isEqualTo(TS - 23);
            assertThat(deserializer.deserialize("{\"ltz\":\"2020-12-30T14:13:14.123+02:00\"}")[13]).isEqualTo(TS);
            assertThat(deserializer.deserialize("{\"ltz\":\"2020-12-30 12:13:14.123\"}")[13]).isEqualTo(TS);
            assertThat(deserializer.deserialize("{\"tm\":\"12:13:14\"}")[11]).isEqualTo(TIME - 123);
        }
    }

    @Test
    void shouldReadNullsMissingFieldsAndSkipUnknownFields() throws Exception {
        RowDeserializer bids = format(BID, "format", "json").createDeserializer();

        Object[] row = bids.deserialize("{\"extra\":{\"a\":[1,{\"b\":2}]},\"id\":1,\"more\":[1,2],\"name\":null}");

        assertThat(row).containsExactly(1L, null, null);
    }

    @Test
    void shouldKeepNestedJsonAsTextInStringField() throws Exception {
        RowDeserializer bids = format(BID, "format", "json").createDeserializer();

        assertThat(bids.deserialize("{\"name\":{\"a\":[1, \"x\"]}}")[2]).isEqualTo("{\"a\":[1,\"x\"]}");
    }

    @Test
    void shouldDecodeBytes() throws Exception {
        RowDeserializer bids = format(BID, "format", "json").createDeserializer();

        Object[] row = bids.deserialize("{\"id\":7,\"name\":\"ü\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(row).containsExactly(7L, null, "ü");
    }

    @Test
    void shouldFailOnMissingFieldWhenAsked() {
        RowDeserializer strict = format(BID, "format", "json", "json.fail-on-missing-field", "true").createDeserializer();

        assertThatThrownBy(() -> strict.deserialize("{\"id\":1,\"name\":\"x\"}"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("Could not find field 'price'");
    }

    @Test
    void shouldNameFieldValueAndTypeOfBadValues() {
        RowDeserializer bids = format(BID, "format", "json").createDeserializer();

        assertMalformed(bids, "{\"price\":\"abc\"}", "Cannot parse 'abc' as BIGINT for field 'price'");
        assertMalformed(bids, "{\"price\":1.5}", "Cannot parse '1.5' as BIGINT for field 'price'");
        assertMalformed(bids, "{\"price\":99999999999999999999}",
                "Cannot parse '99999999999999999999' as BIGINT for field 'price'");
        assertMalformed(bids, "{\"price\":[1]}", "Cannot parse a JSON array as BIGINT for field 'price'");
        assertMalformed(json, "{\"t\":300}", "Cannot parse '300' as TINYINT for field 't'");
        assertMalformed(json, "{\"b\":\"yes\"}", "Cannot parse 'yes' as BOOLEAN for field 'b'");
        assertMalformed(json, "{\"ts\":\"2020-13-30 12:00:00\"}", "Cannot parse '2020-13-30 12:00:00' as TIMESTAMP(3)");
        assertMalformed(json, "{\"dt\":20201230}", "Cannot parse '20201230' as DATE for field 'dt'");
        assertMalformed(json, "[1,2]", "Expected a JSON object but found a JSON array");
        assertMalformed(json, "42", "Expected a JSON object but found '42'");
        assertMalformed(json, "{\"b\":true} {}", "Unexpected content after the JSON object");
        assertMalformed(json, "{\"b\":tru}", "Unrecognized token");
        assertMalformed(json, "{\"b\":true", "end-of-input");
    }

    @Test
    void shouldDecodeALineOfBytesInABufferAsItsText() throws Exception {
        String[] records = {"{\"b\":true,\"v\":\"h\u00e9llo \\u00e9\",\"ts\":\"2020-12-30 12:13:14.123\",\"unknown\":[1,{}]}",
                "{\"ts\":\"2020-12-30T12:13\",\"i\":\"12\",\"b\":null}", "{\"price\":\"abc\"}", "{\"t\":300}",
                "{\"ts\":\"2020-13-30 12:00:00\"}", "[1,2]", "42", "{\"b\":true} {}", "{\"b\":tru}", "{\"b\":true",
                "not json", "{\"b\":\"yes\"}", "{\"v\":{\"nested\":[1,2]}}"};
        for (String record : records) {
            byte[] utf8 = record.getBytes(StandardCharsets.UTF_8);
            byte[] buffer = new byte[utf8.length + 10];
            System.arraycopy(utf8, 0, buffer, 4, utf8.length);
            Object fromText;
            Object fromBytes;
            try {
                fromText = Arrays.asList(json.deserialize(record));
            } catch (MalformedRecordException e) {
                fromText = e.getMessage();
            }
            try {
                fromBytes = Arrays.asList(json.deserialize(buffer, 4, utf8.length));
            } catch (MalformedRecordException e) {
                fromBytes = e.getMessage();
            }
            assertThat(fromBytes).as(record).isEqualTo(fromText);
        }
    }

    @Test
    void shouldTurnDecimalOverflowIntoNullAsFlink() throws Exception {
        assertThat(json.deserialize("{\"dec\":123456789012.5}")[7]).isNull();
    }

    @Test
    void shouldEncodeEveryTypeInSqlStandard() {
        RowSerializer serializer = format(ALL_TYPES, "format", "json").createSerializer();

        String text = serializer.serializeToString(new Object[] {true, (byte) -8, (short) 300, 70000, 9_000_000_000L,
                1.5f, -2.25, new BigDecimal("12.30"), "x", "q\"uote", DATE, TIME, TS, TS});

        assertThat(text).isEqualTo("{\"b\":true,\"t\":-8,\"s\":300,\"i\":70000,\"l\":9000000000,\"f\":1.5,"
                + "\"d\":-2.25,\"dec\":12.30,\"c\":\"x\",\"v\":\"q\\\"uote\",\"dt\":\"2020-12-30\","
                + "\"tm\":\"12:13:14.123\",\"ts\":\"2020-12-30 12:13:14.123\",\"ltz\":\"2020-12-30 12:13:14.123Z\"}");
    }

    @Test
    void shouldEncodeIsoTimestampsFractionOnlyWhenNonZeroAndNulls() {
        RowSerializer iso = format(ALL_TYPES, "format", "json", "json.timestamp-format.standard", "ISO-8601")
                .createSerializer();
        Object[] row = new Object[ALL_TYPES.size()];
        row[11] = TIME - 123;
        row[12] = TS - 123;
        row[13] = TS - 3;

        assertThat(iso.serializeToString(row)).isEqualTo("{\"b\":null,\"t\":null,\"s\":null,\"i\":null,\"l\":null,"
                + "\"f\":null,\"d\":null,\"dec\":null,\"c\":null,\"v\":null,\"dt\":null,\"tm\":\"12:13:14\","
                + "\"ts\":\"2020-12-30T12:13:14\",\"ltz\":\"2020-12-30T12:13:14.12Z\"}");

        RowSerializer skipNulls = format(ALL_TYPES, "format", "json", "json.encode.ignore-null-fields", "true")
                .createSerializer();
        assertThat(skipNulls.serializeToString(row))
                .isEqualTo("{\"tm\":\"12:13:14\",\"ts\":\"2020-12-30 12:13:14\",\"ltz\":\"2020-12-30 12:13:14.12Z\"}");
    }

    @Test
    void shouldRoundTripEveryType() throws Exception {
        Format format = format(ALL_TYPES, "format", "json");
        Object[] row = {false, Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Float.NaN,
                1e300, new BigDecimal("-99999999.99"), "z", "multi\nline", -1, 0, -1L, 253402300799999L};

        Object[] back = format.createDeserializer().deserialize(format.createSerializer().serialize(row));

        assertThat(Arrays.asList(back)).isEqualTo(Arrays.asList(row));
    }

    @Test
    void shouldRejectBadOptionsNamingTableAndOption() {
        assertOptionError(() -> format(BID, "format", "json", "json.timestamp-format.standard", "RFC"),
                "Table 't'", "'json.timestamp-format.standard'", "'SQL' or 'ISO-8601'");
        assertOptionError(() -> format(BID, "format", "json", "json.ignore-parse-errors", "maybe"),
                "Table 't'", "'json.ignore-parse-errors'");
        assertOptionError(() -> format(BID, "format", "json", "json.ignore-parse-errors", "true",
                "json.fail-on-missing-field", "true"), "cannot both be true");
        assertOptionError(() -> format(BID, "format", "json", "csv.field-delimiter", ";"),
                "Table 't'", "'csv.field-delimiter' does not apply to format 'json'");
        assertOptionError(() -> format(BID, "format", "avro"), "Table 't'", "option 'format' must be one of 'json', 'csv'");
        assertOptionError(() -> format(BID), "Table 't'", "missing required option 'format'");
    }

    @Test
    void shouldPrefixOptionsOfAFormatChosenByAPrefixedKey() {
        assertThat(Formats.supportedOptions("value.format")).contains("value.json.ignore-parse-errors",
                "value.csv.field-delimiter");
        assertThat(Formats.supportedOptions()).contains("json.ignore-parse-errors", "csv.null-literal");
        Format format = Formats.create("value.format", BID, new io.sluice.executor.connector.ConnectorOptions("t",
                java.util.Map.of("value.format", "json", "value.json.ignore-parse-errors", "true")),
                io.sluice.connectors.ConnectorTestSupport.UTC);
        assertThat(format.ignoreParseErrors()).isTrue();
    }

    static void assertMalformed(RowDeserializer deserializer, String record, String message) {
        assertThatThrownBy(() -> deserializer.deserialize(record))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    static void assertOptionError(Runnable action, String... fragments) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .message().contains(fragments);
    }
}
