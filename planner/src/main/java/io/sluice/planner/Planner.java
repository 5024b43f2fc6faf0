package io.sluice.planner;

import io.sluice.executor.connector.TableSink;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.types.RowSchema;
import io.sluice.planner.calcite.SqlContext;
import io.sluice.planner.calcite.TypeConversion;
import io.sluice.planner.catalog.Catalog;
import io.sluice.planner.codegen.ExpressionCompiler;
import io.sluice.planner.codegen.SessionDataContext;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamSink;
import io.sluice.planner.physical.StreamTableSourceScan;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlNode;

/**
 * Plans statements into jobs: validate (Calcite) → logical plan → rewrite (merge projections and
 * filters into one Calc) → physical stream operators → job graph. DDL is checked by
 * {@link TableDefinitions}.
 */
public final class Planner {
    private static final HepProgram LOGICAL_REWRITE = HepProgram.builder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            // OVER windows out of projections first, into a LogicalWindow that the filters and merges below
            // leave alone: a top-N's "rn <= N" then stays a filter right over its window (RankTranslator)
            .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
            .addRuleCollection(List.of(CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_MERGE,
                    CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE))
            // a WHERE over a join becomes its ON condition (keys, residual); one-side conditions go below it
            .addRuleCollection(List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH))
            .addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC))
            .addRuleCollection(List.of(CoreRules.CALC_MERGE, CoreRules.CALC_REMOVE))
            .build();

    private final Catalog catalog;
    private final ConnectorRegistry connectors;

    public Planner(Catalog catalog, ConnectorRegistry connectors) {
        this.catalog = catalog;
        this.connectors = connectors;
    }

    public Catalog catalog() {
        return catalog;
    }

    public ConnectorRegistry connectors() {
        return connectors;
    }

    public TableDefinitions definitions() {
        return new TableDefinitions(catalog, connectors);
    }

    /** Plans INSERT statements into one job (a statement set shares one job). */
    public PlannedJob planInserts(String jobName, List<SqlNode> inserts, PlannerConfig config) {
        SqlContext sql = new SqlContext(catalog);
        PhysicalTranslator translator = translator(sql, config);
        List<RelNode> logical = new ArrayList<>();
        List<StreamSink> sinks = new ArrayList<>();
        for (SqlNode insert : inserts) {
            RelNode plan = optimize(sql.toRel(insert).rel);
            if (!(plan instanceof TableModify modify)) {
                throw new SluiceException(ErrorCode.INTERNAL_ERROR, "an INSERT planned to " + plan.getRelTypeName());
            }
            logical.add(plan);
            sinks.add(translator.translateInsert(modify));
        }
        RowSchema schema = TypeConversion.toRowSchema(sinks.get(sinks.size() - 1).getRowType());
        return build(jobName, logical, sinks, config, sql, schema);
    }

    /** Plans a SELECT whose rows go to a sink made for its result columns. */
    public PlannedJob planQuery(String jobName, SqlNode query, PlannerConfig config,
            Function<RowSchema, TableSink> resultSink) {
        SqlContext sql = new SqlContext(catalog);
        RelRoot root = sql.toRel(query);
        if (!root.collation.getFieldCollations().isEmpty()) {
            throw Unsupported.construct("ORDER BY on a streaming query");
        }
        RelNode plan = optimize(root.project());
        RowSchema schema = TypeConversion.toRowSchema(plan.getRowType());
        StreamSink sink = translator(sql, config).translateQuery(plan, "result", resultSink.apply(schema));
        return build(jobName, List.of(plan), List.of(sink), config, sql, schema);
    }

    private PhysicalTranslator translator(SqlContext sql, PlannerConfig config) {
        return new PhysicalTranslator(sql, connectors, config, compiler(sql, config));
    }

    private static ExpressionCompiler compiler(SqlContext sql, PlannerConfig config) {
        return new ExpressionCompiler(SqlContext.typeFactory(), sql.rexBuilder(),
                new SessionDataContext(SqlContext.typeFactory(), TimeZone.getTimeZone(config.timeZone())));
    }

    private static RelNode optimize(RelNode logical) {
        HepPlanner planner = new HepPlanner(LOGICAL_REWRITE);
        planner.setRoot(GroupWindowRewrite.rewrite(TemporalJoinRewrite.rewrite(logical)));
        return planner.findBestExp();
    }

    private PlannedJob build(String jobName, List<RelNode> logical, List<StreamSink> sinks, PlannerConfig config,
            SqlContext sql, RowSchema schema) {
        JobGraph graph = new JobGraphBuilder(compiler(sql, config), config).build(jobName, sinks);
        return new PlannedJob(graph, explain(logical, sinks, graph), isBounded(sinks), schema);
    }

    private static boolean isBounded(List<StreamSink> sinks) {
        List<Boolean> bounded = new ArrayList<>();
        for (StreamSink sink : sinks) {
            collectBoundedness(sink, bounded);
        }
        return bounded.stream().allMatch(b -> b);
    }

    private static void collectBoundedness(RelNode node, List<Boolean> bounded) {
        if (node instanceof StreamTableSourceScan scan) {
            bounded.add(scan.source().isBounded());
        }
        node.getInputs().forEach(input -> collectBoundedness(input, bounded));
    }

    private static String explain(List<RelNode> logical, List<StreamSink> sinks, JobGraph graph) {
        StringBuilder sb = new StringBuilder("== Optimized Logical Plan ==\n");
        logical.forEach(plan -> sb.append(RelOptUtil.toString(plan, SqlExplainLevel.EXPPLAN_ATTRIBUTES)));
        sb.append("\n== Physical Plan ==\n");
        for (StreamRel sink : sinks) {
            sb.append(RelOptUtil.toString(sink, SqlExplainLevel.EXPPLAN_ATTRIBUTES));
        }
        sb.append("\n== Job Graph ==\n");
        for (JobVertex vertex : graph.vertices()) {
            sb.append("Vertex ").append(vertex.id()).append(": ").append(vertex.name())
                    .append(" (parallelism ").append(vertex.parallelism()).append(")");
            List<JobEdge> inputs = graph.inputsOf(vertex.id());
            for (JobEdge edge : inputs) {
                sb.append(" <- ").append(edge.partitioning()).append(" from vertex ").append(edge.source());
            }
            sb.append(sharedBy(graph.outputsOf(vertex.id())));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Names the consumers of a vertex whose output fans out (a shared sub-plan); empty otherwise. */
    private static String sharedBy(List<JobEdge> outputs) {
        if (outputs.size() < 2) {
            return "";
        }
        // a vertex read by both inputs of one consumer (a self-join) names the inputs
        boolean sameTargetTwice = outputs.stream().map(JobEdge::target).distinct().count() < outputs.size();
        return "; shared by " + outputs.stream()
                .map(edge -> "vertex " + edge.target() + (sameTargetTwice ? " (input " + edge.targetInput() + ")" : ""))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
