package io.sluice.planner.calcite;

import io.sluice.planner.catalog.Catalog;
import io.sluice.sql.parser.SluiceSqlParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's validator and SQL-to-relational converter over the session catalog. One instance per
 * statement: Calcite's validator keeps state per statement.
 */
public final class SqlContext implements RelOptTable.ViewExpander {
    private static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

    private final CalciteCatalogReader catalogReader;
    private final RelOptCluster cluster;

    public SqlContext(Catalog catalog) {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", new CatalogSchema(catalog));
        this.catalogReader = new CalciteCatalogReader(root, List.of(), TYPE_FACTORY,
                new CalciteConnectionConfigImpl(properties));
        this.cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(TYPE_FACTORY));
    }

    public static JavaTypeFactory typeFactory() {
        return TYPE_FACTORY;
    }

    public RelOptCluster cluster() {
        return cluster;
    }

    public RexBuilder rexBuilder() {
        return cluster.getRexBuilder();
    }

    public SqlValidator newValidator() {
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(SqlConformanceEnum.DEFAULT)
                .withIdentifierExpansion(true)
                .withTypeCoercionFactory(NoImplicitInsertCasts::new);
        return SqlValidatorUtil.newValidator(SluiceOperatorTable.instance(), catalogReader, TYPE_FACTORY, config);
    }

    private SqlToRelConverter newConverter(SqlValidator validator) {
        SqlToRelConverter.Config config = SqlToRelConverter.config()
                .withTrimUnusedFields(false)
                .withExpand(true);
        return new SqlToRelConverter(this, validator, catalogReader, cluster, StandardConvertletTable.INSTANCE, config);
    }

    /** Validates a query or INSERT and converts it to a logical plan; errors carry positions. */
    public RelRoot toRel(SqlNode statement) {
        try {
            TemporalJoinSyntax.check(statement);
            SqlValidator validator = newValidator();
            SqlNode validated = validator.validate(GroupWindowSyntax.rewrite(statement));
            return newConverter(validator).convertQuery(validated, false, true);
        } catch (RuntimeException e) {
            throw SqlErrors.fromValidation(e);
        }
    }

    /** Validates an expression over the columns of a row type and converts it. */
    public RexNode toRex(SqlNode expression, RelDataType rowType) {
        try {
            Map<String, RelDataType> types = new HashMap<>();
            Map<String, RexNode> refs = new HashMap<>();
            for (RelDataTypeField field : rowType.getFieldList()) {
                types.put(field.getName(), field.getType());
                refs.put(field.getName(), rexBuilder().makeInputRef(field.getType(), field.getIndex()));
            }
            SqlValidator validator = newValidator();
            SqlNode validated = validator.validateParameterizedExpression(expression, types);
            return newConverter(validator).convertExpression(validated, refs);
        } catch (RuntimeException e) {
            throw SqlErrors.fromValidation(e);
        }
    }

    /**
     * Calcite would make {@code INSERT INTO t(bigint_col) SELECT string_col} valid by casting, which
     * fails row by row at run time; as in Flink, only assignable types may be inserted (the planner
     * then widens them, e.g. INT into BIGINT).
     */
    private static final class NoImplicitInsertCasts extends org.apache.calcite.sql.validate.implicit.TypeCoercionImpl {
        NoImplicitInsertCasts(org.apache.calcite.rel.type.RelDataTypeFactory typeFactory, SqlValidator validator) {
            super(typeFactory, validator);
        }

        @Override
        public boolean querySourceCoercion(org.apache.calcite.sql.validate.SqlValidatorScope scope,
                RelDataType sourceRowType, RelDataType targetRowType, SqlNode query) {
            return false;
        }
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
            List<String> viewPath) {
        SqlNode query;
        try {
            query = SluiceSqlParser.parseStatement(queryString);
        } catch (SqlParseException e) {
            throw new IllegalStateException("the stored query of view " + viewPath + " no longer parses: " + queryString, e);
        }
        SqlValidator validator = newValidator();
        SqlNode validated = validator.validate(GroupWindowSyntax.rewrite(query));
        return newConverter(validator).convertQuery(validated, false, true);
    }
}
