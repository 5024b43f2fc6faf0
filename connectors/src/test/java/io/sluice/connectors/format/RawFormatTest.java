package io.sluice.connectors.format;

import static io.sluice.connectors.format.FormatTestSupport.format;
import static io.sluice.connectors.format.JsonFormatTest.assertOptionError;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawFormatTest {
    private static final RowSchema LINE = RowSchema.builder().field("line", LogicalType.string()).build();

    @Test
    void shouldReadTheWholeRecordAsTheColumn() throws Exception {
        RowDeserializer raw = format(LINE, "format", "raw").createDeserializer();

        assertThat(raw.deserialize("{not json, \"at all\"}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("{not json, \"at all\"}");
        assertThat(raw.deserialize("héllo")).containsExactly("héllo");
    }

    @Test
    void shouldMapNullRecordToNullColumnAndBack() throws Exception {
        Format raw = format(LINE, "format", "raw");

        assertThat(raw.createDeserializer().deserialize((byte[]) null)).containsExactly((Object) null);
        assertThat(raw.createSerializer().serialize(new Object[] {null})).isNull();
    }

    @Test
    void shouldWriteTheColumnInTheCharset() {
        RowSerializer latin1 = format(LINE, "format", "raw", "raw.charset", "ISO-8859-1").createSerializer();

        assertThat(latin1.serialize(new Object[] {"é"})).containsExactly((byte) 0xE9);
    }

    @Test
    void shouldReadInTheCharsetOfAPrefixedFormatKey() throws Exception {
        Format value = Formats.create("value.format", LINE, new io.sluice.executor.connector.ConnectorOptions("t",
                java.util.Map.of("value.format", "raw", "value.raw.charset", "UTF-16BE")), io.sluice.connectors.ConnectorTestSupport.UTC);

        assertThat(value.createDeserializer().deserialize(new byte[] {0, 'h', 0, 'i'})).containsExactly("hi");
    }

    @Test
    void shouldRefuseTablesThatAreNotOneCharacterColumn() {
        RowSchema two = RowSchema.builder().field("a", LogicalType.string()).field("b", LogicalType.string()).build();
        RowSchema number = RowSchema.builder().field("n", LogicalType.of(TypeRoot.BIGINT)).build();

        assertOptionError(() -> format(two, "format", "raw"), "Table 't'", "format 'raw' (option 'format') needs"
                + " exactly one column of type STRING, VARCHAR or CHAR", "a ", "b ");
        assertOptionError(() -> format(number, "format", "raw"), "Table 't'", "n BIGINT");
    }

    @Test
    void shouldRefuseUnknownCharset() {
        assertOptionError(() -> format(LINE, "format", "raw", "raw.charset", "klingon"), "Table 't'",
                "option 'raw.charset' must be a charset this JVM supports", "'klingon'");
    }
}
