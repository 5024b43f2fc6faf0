package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code METADATA} columns end to end, on the filesystem source's file metadata: values are cast to
 * the declared type, computed columns may use them, and bad declarations name the table and column.
 */
class MetadataColumnsTest {
    @TempDir
    Path dir;

    @Test
    void fileMetadataIsAppendedCastAndUsableByComputedColumns() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.json"), "{\"id\":1}\n{\"id\":2}\n");
        Files.writeString(in.resolve("b.json"), "{\"id\":3}\n");
        Files.setLastModifiedTime(in.resolve("a.json"), FileTime.fromMillis(1_700_000_000_123L));
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '2'; SET 'table.local-time-zone' = 'UTC';\n"
                    + "CREATE TABLE files (\n"
                    + "  name STRING METADATA FROM 'file.name' VIRTUAL,\n"
                    + "  id BIGINT,\n"
                    + "  modified TIMESTAMP(3) METADATA FROM 'file.modification-time',\n"
                    + "  size INT METADATA FROM 'file.size',\n"
                    + "  label AS UPPER(name) || '#' || CAST(id AS STRING)\n"
                    + ") WITH ('connector' = 'filesystem', 'path' = '" + in + "', 'format' = 'json')");
            List<String> rows = sql.query("SELECT name, id, size, label FROM files");
            assertThat(rows).containsExactlyInAnyOrder(
                    "+I[a.json, 1, 18, A.JSON#1]", "+I[a.json, 2, 18, A.JSON#2]", "+I[b.json, 3, 9, B.JSON#3]");
            assertThat(sql.query("SELECT modified FROM files WHERE name = 'a.json' AND id = 1"))
                    .containsExactly("+I[1700000000123]");
            StatementResult.Table describe = (StatementResult.Table) sql.session().executeScript("DESCRIBE files").get(0);
            assertThat(describe.rows()).anySatisfy(row -> assertThat(row)
                    .contains("name", "METADATA FROM 'file.name' VIRTUAL"));
        }
    }

    @Test
    void badMetadataDeclarationsNameTableColumnAndKey() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            assertThatThrownBy(() -> sql.run("CREATE TABLE t (\n  id BIGINT,\n  f STRING METADATA FROM 'file.nam'\n)"
                    + " WITH ('connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'json')"))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("line 3, column 3")
                    .hasMessageContaining("Table 't': connector 'filesystem' has no metadata key 'file.nam'; its metadata keys"
                            + " are file.modification-time, file.name, file.path, file.size");
            assertThatThrownBy(() -> sql.run("CREATE TABLE t (id BIGINT, f BOOLEAN METADATA FROM 'file.modification-time')"
                    + " WITH ('connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'json')"))
                    .hasMessageContaining("metadata column 'f' is declared BOOLEAN")
                    .hasMessageContaining("cannot be cast to it");
            assertThatThrownBy(() -> sql.run("CREATE TABLE t (id BIGINT, k STRING METADATA)"
                    + " WITH ('connector' = 'datagen')"))
                    .hasMessageContaining("connector 'datagen' has no metadata key 'k'; it supports no metadata columns");
        }
    }

    @Test
    void aTableWithVirtualMetadataCannotBeWrittenYet(@TempDir Path out) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');\n"
                    + "CREATE TABLE dst (id BIGINT, name STRING METADATA FROM 'file.name' VIRTUAL)"
                    + " WITH ('connector' = 'filesystem', 'path' = '" + out + "', 'format' = 'json')");
            assertThatThrownBy(() -> sql.run("INSERT INTO dst SELECT id, 'x' FROM src"))
                    .hasMessageContaining("Table 'dst' has computed or VIRTUAL metadata columns");
        }
    }
}
