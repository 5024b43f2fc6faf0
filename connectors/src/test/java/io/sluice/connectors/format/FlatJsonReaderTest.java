package io.sluice.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonReaderTest {
    private static final RowSchema SCHEMA = RowSchema.builder()
            .field("id", LogicalType.of(TypeRoot.BIGINT))
            .field("n", LogicalType.of(TypeRoot.INTEGER))
            .field("s", LogicalType.of(TypeRoot.SMALLINT))
            .field("t", LogicalType.of(TypeRoot.TINYINT))
            .field("b", LogicalType.of(TypeRoot.BOOLEAN))
            .field("name", LogicalType.string())
            .field("ts", LogicalType.of(TypeRoot.TIMESTAMP))
            .field("d", LogicalType.of(TypeRoot.DOUBLE))
            .build();
    private static final String RECORD = "{\"id\":-12,\"n\":7,\"s\":300,\"t\":-5,\"b\":true,\"name\":\"bid x/1\","
            + "\"ts\":\"2020-12-30 12:13:14.123\",\"d\":null,\"other\":\"x\"}";

    private final FlatJsonReader flat = new FlatJsonReader(SCHEMA, false);
    private final RowDeserializer jackson = new JsonRowDeserializer(SCHEMA, java.time.ZoneOffset.UTC, false);

    @Test
    void shouldReadTheCommonShapeAsJacksonDoes() throws Exception {
        for (String record : List.of(RECORD, "{}", " { \"id\" : 1 , \"name\" : \"\" } ", "{\"name\":null,\"id\":1,\"id\":2}",
                "{\"b\":false,\"unknown\":null,\"u2\":true,\"u3\":false,\"ts\":\"2020-12-30T12:13:14\"}",
                "{\"id\":0,\"n\":-0,\"t\":127,\"s\":-32768}", "{\"other\":-1.5e+3,\"id\":1,\"o2\":0,\"o3\":2E-7}", "{\"name\":\"~\u007f\"}")) {
            assertThat(read(record)).as(record).isEqualTo(Arrays.asList(jackson.deserialize(record)));
        }
    }

    @Test
    void shouldLeaveColumnsNobodyReadsNullAndStillReadTheOthers() {
        java.util.BitSet needed = new java.util.BitSet();
        needed.set(0);
        needed.set(6);
        FlatJsonReader projected = new FlatJsonReader(SCHEMA, false, needed);
        Object[] row = projected.read(utf8(RECORD), 0, utf8(RECORD).length);
        assertThat(row).containsExactly(-12L, null, null, null, null, null, 1609330394123L, null);
        // a column not read is stepped over whatever its value: Flink's projected JSON reads no more either
        String oddName = "{\"id\":3,\"name\":17,\"ts\":\"2020-12-30 12:13:14.123\"}";
        assertThat(projected.read(utf8(oddName), 0, utf8(oddName).length))
                .containsExactly(3L, null, null, null, null, null, 1609330394123L, null);
        // a needed column the fast path cannot read is still left to Jackson
        String escaped = "{\"id\":1.5}";
        assertThat(projected.read(utf8(escaped), 0, utf8(escaped).length)).isNull();
    }

    @Test
    void shouldLeaveEverythingElseToJackson() {
        for (String record : List.of("[1]", "{\"id\":1}x", "{\"id\":01}", "{\"id\":1.0}", "{\"id\":1e3}", "{\"id\":-}",
                "{\"id\":1234567890123456789}", "{\"n\":2147483648}", "{\"t\":128}", "{\"name\":\"a\\\"b\"}",
                "{\"name\":\"\u00e9\"}", "{\"name\":1}", "{\"id\":\"1\"}", "{\"ts\":\"2020-12-30 12:13\"}", "{\"d\":1.5}",
                "{\"other\":{}}", "{\"other\":[1]}", "{\"other\":01}", "{\"other\":1.}", "{\"other\":1e}", "{\"other\":-}", "{\"id\":1,}", "{\"id\":1", "{\"id\" 1}",
                "{\"b\":\"true\"}", "{\"id\":nul}", "{\"name\":\"tab\there\"}", "{\"id\":1}\u000b", "{\"na\\u006de\":\"x\"}")) {
            assertThat(flat.read(utf8(record), 0, utf8(record).length)).as(record).isNull();
        }
    }

    @Test
    void shouldNeverReadAMutatedRecordOtherwiseThanJackson() {
        Random random = new Random(11);
        String alphabet = "\"\\{}[],: 0123456789-.eEtrufalsn\u00e9x\t";
        for (int i = 0; i < 50_000; i++) {
            char[] chars = RECORD.toCharArray();
            for (int m = random.nextInt(3) + 1; m > 0; m--) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String record = new String(chars);
            List<Object> row = read(record);
            if (row != null) {
                List<Object> expected;
                try {
                    expected = Arrays.asList(jackson.deserialize(record));
                } catch (MalformedRecordException e) {
                    expected = List.of("malformed: " + e.getMessage());
                }
                assertThat(row).as(record).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldStopTryingWhenMostRecordsAreNotItsShape() {
        byte[] escaped = utf8("{\"name\":\"a\\nb\"}");
        for (int i = 0; i < 1024; i++) {
            flat.read(escaped, 0, escaped.length);
        }

        assertThat(flat.worthTrying()).isFalse();
    }

    private List<Object> read(String record) {
        byte[] bytes = utf8("  " + record);
        Object[] row = flat.read(bytes, 2, bytes.length - 2);
        return row == null ? null : Arrays.asList(row);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
