package io.sluice.sql.parser;

import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlRegularColumn;
import io.sluice.sql.parser.type.SqlBytesTypeNameSpec;
import io.sluice.sql.parser.type.SqlStringTypeNameSpec;
import io.sluice.sql.parser.type.SqlTimestampLtzTypeNameSpec;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.parseRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

class DataTypesTest {

    /** Like the planner's: strings and binaries up to Integer.MAX_VALUE, timestamps up to 9. */
    private static final RelDataTypeSystem TYPE_SYSTEM = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
            switch (typeName) {
                case VARCHAR:
                case VARBINARY:
                    return Integer.MAX_VALUE;
                case TIMESTAMP:
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                    return 9;
                default:
                    return super.getMaxPrecision(typeName);
            }
        }
    };

    private static SqlValidator validator() {
        SqlTypeFactoryImpl typeFactory = new SqlTypeFactoryImpl(TYPE_SYSTEM);
        CalciteCatalogReader catalog = new CalciteCatalogReader(
                CalciteSchema.createRootSchema(false), List.of(), typeFactory,
                CalciteConnectionConfig.DEFAULT);
        return SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), catalog, typeFactory,
                SqlValidator.Config.DEFAULT);
    }

    private static List<SqlDataTypeSpec> columnTypes(String columns) throws SqlParseException {
        SqlCreateTable table =
                parseRoundTrip("CREATE TABLE t (" + columns + ")", SqlCreateTable.class);
        return table.getColumns().stream().map(c -> ((SqlRegularColumn) c).getType()).toList();
    }

    @Test
    void shouldParseFlinkTypesAndDeriveCalciteTypes() throws SqlParseException {
        List<SqlDataTypeSpec> types = columnTypes(
                "s STRING, b BYTES NOT NULL, l TIMESTAMP_LTZ(3), d TIMESTAMP_LTZ");
        SqlValidator validator = validator();

        assertThat(types.get(0).getTypeNameSpec()).isInstanceOf(SqlStringTypeNameSpec.class);
        RelDataType string = types.get(0).getTypeNameSpec().deriveType(validator);
        assertThat(string.getSqlTypeName()).isEqualTo(SqlTypeName.VARCHAR);
        assertThat(string.getPrecision()).isEqualTo(Integer.MAX_VALUE);
        assertThat(string.getCharset()).isNotNull();

        assertThat(types.get(1).getTypeNameSpec()).isInstanceOf(SqlBytesTypeNameSpec.class);
        assertThat(types.get(1).getNullable()).isFalse();
        RelDataType bytes = types.get(1).getTypeNameSpec().deriveType(validator);
        assertThat(bytes.getSqlTypeName()).isEqualTo(SqlTypeName.VARBINARY);
        assertThat(bytes.getPrecision()).isEqualTo(Integer.MAX_VALUE);

        SqlTimestampLtzTypeNameSpec ltz3 =
                (SqlTimestampLtzTypeNameSpec) types.get(2).getTypeNameSpec();
        assertThat(ltz3.getPrecision()).isEqualTo(3);
        assertThat(ltz3.isPrecisionSpecified()).isTrue();
        RelDataType ltz3Type = ltz3.deriveType(validator);
        assertThat(ltz3Type.getSqlTypeName())
                .isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        assertThat(ltz3Type.getPrecision()).isEqualTo(3);

        SqlTimestampLtzTypeNameSpec ltz = (SqlTimestampLtzTypeNameSpec) types.get(3).getTypeNameSpec();
        assertThat(ltz.isPrecisionSpecified()).isFalse();
        assertThat(ltz.deriveType(validator).getPrecision()).isEqualTo(6);
    }

    @Test
    void shouldUnparseFlinkTypesInFlinkSpelling() throws SqlParseException {
        List<SqlDataTypeSpec> types =
                columnTypes("s STRING, b BYTES, l TIMESTAMP_LTZ(3), d TIMESTAMP_LTZ");

        assertThat(types).extracting(ParserAssertions::unparse)
                .containsExactly("STRING", "BYTES", "TIMESTAMP_LTZ(3)", "TIMESTAMP_LTZ");
    }

    @Test
    void shouldKeepCalciteTypes() throws SqlParseException {
        List<SqlDataTypeSpec> types = columnTypes("a TIMESTAMP(3), b TIMESTAMP(3) WITH LOCAL TIME "
                + "ZONE, c DECIMAL(10, 2), d TINYINT, e VARCHAR(20), f BOOLEAN, g DOUBLE, "
                + "h DATE, i MAP<STRING, INT>, j ARRAY<BIGINT>, k INT ARRAY");
        SqlValidator validator = validator();

        assertThat(types).extracting(ParserAssertions::unparse).containsExactly(
                "TIMESTAMP(3)", "TIMESTAMP(3) WITH LOCAL TIME ZONE", "DECIMAL(10, 2)", "TINYINT",
                "VARCHAR(20)", "BOOLEAN", "DOUBLE", "DATE", "MAP< STRING, INTEGER >",
                "BIGINT ARRAY", "INTEGER ARRAY");
        RelDataType withLocalTimeZone = types.get(1).deriveType(validator);
        assertThat(withLocalTimeZone.getSqlTypeName())
                .isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        assertThat(withLocalTimeZone.getPrecision()).isEqualTo(3);
        RelDataType decimal = types.get(2).deriveType(validator);
        assertThat(decimal.getPrecision()).isEqualTo(10);
        assertThat(decimal.getScale()).isEqualTo(2);
        assertThat(types.get(9).deriveType(validator).getComponentType().getSqlTypeName())
                .isEqualTo(SqlTypeName.BIGINT);
    }

    @Test
    void shouldCastToFlinkTypes() throws SqlParseException {
        assertThat(unparse(SluiceSqlParser.parseExpression(
                "CAST(a AS STRING) || CAST(CAST(b AS BYTES) AS STRING)")))
                .isEqualTo("CAST(`a` AS STRING) || CAST(CAST(`b` AS BYTES) AS STRING)");
        assertThat(unparse(SluiceSqlParser.parseExpression("CAST(ts AS TIMESTAMP_LTZ(3))")))
                .isEqualTo("CAST(`ts` AS TIMESTAMP_LTZ(3))");
    }
}
