package io.sluice.planner;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.window.WindowAssignment;
import io.sluice.planner.calcite.CatalogSchema;
import io.sluice.planner.calcite.SqlContext;
import io.sluice.planner.calcite.TypeConversion;
import io.sluice.planner.catalog.CatalogColumn;
import io.sluice.planner.catalog.CatalogTable;
import io.sluice.planner.codegen.ExpressionCompiler;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamConvention;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamSessionWindowAggregate;
import io.sluice.planner.physical.StreamSink;
import io.sluice.planner.physical.StreamTableSourceScan;
import io.sluice.planner.physical.StreamUnion;
import io.sluice.planner.physical.StreamGroupAggregate;
import io.sluice.planner.physical.StreamWindowAggregate;
import io.sluice.planner.physical.StreamWindowTableFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Turns an optimized logical plan into physical stream operators, one method per logical operator.
 * Anything without a method here fails with a message naming the construct, at planning time.
 */
final class PhysicalTranslator {
    private final SqlContext sql;
    private final ConnectorRegistry connectors;
    private final PlannerConfig config;
    private final ExpressionCompiler compiler;
    private final RelOptCluster cluster;
    private final RelTraitSet traits;
    private final RexBuilder rexBuilder;

    PhysicalTranslator(SqlContext sql, ConnectorRegistry connectors, PlannerConfig config, ExpressionCompiler compiler) {
        this.sql = sql;
        this.connectors = connectors;
        this.config = config;
        this.compiler = compiler;
        this.cluster = sql.cluster();
        this.traits = cluster.traitSetOf(StreamConvention.INSTANCE);
        this.rexBuilder = sql.rexBuilder();
    }

    StreamSink translateInsert(TableModify modify) {
        CatalogTable target = sourceTable(modify.getTable().unwrap(CatalogSchema.SourceTable.class));
        if (!target.isWritable()) {
            throw Unsupported.because("Table '" + target.name()
                    + "' has computed or VIRTUAL metadata columns: it can be read, not written yet");
        }
        TableSink sink = connectors.createSink(target, config.timeZone());
        // the query's columns come in declaration order; the connector takes physical, then metadata columns
        List<CatalogColumn> columns = target.columns();
        List<Integer> connectorOrder = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).isPhysical() == (pass == 0)) {
                    connectorOrder.add(i);
                }
            }
        }
        StreamRel input = castTo(translate(modify.getInput()), target.connectorRowType(cluster.getTypeFactory(), true),
                connectorOrder);
        int[] primaryKey = sink.acceptsUpdates() ? primaryKeyFields(target, connectorOrder) : new int[0];
        return sink(withSinkParallelism(input, target, primaryKey), target.name(), sink, primaryKey);
    }

    /** The sink row's fields of the table's PRIMARY KEY columns; the row's columns are in {@code connectorOrder}. */
    private static int[] primaryKeyFields(CatalogTable target, List<Integer> connectorOrder) {
        List<String> names = target.columns().stream().map(CatalogColumn::name).toList();
        return target.primaryKey().stream().mapToInt(column -> connectorOrder.indexOf(names.indexOf(column))).toArray();
    }

    /**
     * {@code 'sink.parallelism'}: the sink runs at its own parallelism, fed round-robin — or, for a
     * sink with a PRIMARY KEY that takes updates, hashed by the key, so the changes of one key reach
     * one subtask in order.
     */
    private StreamRel withSinkParallelism(StreamRel input, CatalogTable target, int[] primaryKey) {
        var options = new io.sluice.executor.connector.ConnectorOptions(target.name(), target.options());
        if (!options.contains("sink.parallelism")) {
            return input;
        }
        int parallelism = options.getInt("sink.parallelism", input.parallelism());
        if (parallelism < 1 || parallelism > io.sluice.executor.data.KeyGroups.MAX_PARALLELISM) {
            throw options.invalid("sink.parallelism", options.get("sink.parallelism").orElse(""),
                    "an integer from 1 to " + io.sluice.executor.data.KeyGroups.MAX_PARALLELISM);
        }
        if (parallelism == input.parallelism()) {
            return input;
        }
        Partitioning partitioning = parallelism == 1 ? Partitioning.SINGLETON
                : primaryKey.length > 0 ? Partitioning.hash(primaryKey) : Partitioning.REBALANCE;
        return new StreamExchange(cluster, traits, input, partitioning, parallelism);
    }

    StreamSink translateQuery(RelNode query, String name, TableSink sink) {
        return sink(translate(query), name, sink, new int[0]);
    }

    /**
     * The sink node. An updating input whose unique key is the sink's {@code primaryKey} becomes an
     * upsert stream ({@link UpsertInput}); otherwise the sink gets the retract stream.
     */
    private StreamSink sink(StreamRel input, String name, TableSink sink, int[] primaryKey) {
        if (!input.isInsertOnly() && !sink.acceptsUpdates()) {
            throw Unsupported.because("Table '" + name + "' (" + sink.describe()
                    + ") takes only inserts, but the query produces updates");
        }
        StreamRel upsert = input.isInsertOnly() ? null : UpsertInput.rewrite(input, primaryKey);
        if (upsert != null) {
            List<String> fields = upsert.getRowType().getFieldNames();
            List<String> key = java.util.Arrays.stream(primaryKey).mapToObj(fields::get).toList();
            return new StreamSink(cluster, traits, upsert, name, sink, key);
        }
        return new StreamSink(cluster, traits, input, name, sink);
    }

    private static CatalogTable sourceTable(CatalogSchema.SourceTable table) {
        if (table == null) {
            throw Unsupported.because("Only tables declared with CREATE TABLE can be written to");
        }
        return table.table();
    }

    StreamRel translate(RelNode node) {
        if (node instanceof TableScan scan) {
            return scan(scan);
        }
        if (OverWindowTranslator.accepts(node)) {
            return new OverWindowTranslator(cluster, traits, config.parallelism(), this::translate).translate(node);
        }
        if (node instanceof LogicalCalc calc) {
            if (org.apache.calcite.rex.RexOver.containsOver(calc.getProgram())) {
                throw Unsupported.construct("OVER window aggregation");
            }
            return calc(translate(calc.getInput()), calc.getProgram());
        }
        if (node instanceof Aggregate aggregate) {
            if (isOverWindow(aggregate.getInput())) {
                return windowAggregate(aggregate);
            }
            StreamRel input = translate(aggregate.getInput());
            Optional<int[]> window = WindowColumns.windowGroupFields(aggregate);
            return window.isPresent() && input.isInsertOnly()
                    ? windowedInputAggregate(aggregate, input, window.get()[0], window.get()[1])
                    : groupAggregate(aggregate, input);
        }
        if (node instanceof TableFunctionScan scan && WindowCall.isWindow(scan)) {
            WindowCall window = windowOf(scan);
            if (window.isSession()) {
                throw Unsupported.because("SESSION windows are supported in a window aggregation "
                        + "(GROUP BY window_start, window_end), not as a table on their own");
            }
            return new StreamWindowTableFunction(cluster, traits, insertOnly(translate(scan.getInput(0)),
                    "A window table function"), window.spec(),
                    window.timeField(), scan.getRowType());
        }
        if (node instanceof LogicalUnion union) {
            if (!union.all) {
                throw Unsupported.construct("UNION without ALL (a distinct union over a stream)");
            }
            List<RelNode> inputs = new ArrayList<>();
            int parallelism = 1;
            for (RelNode input : union.getInputs()) {
                StreamRel translated = translate(input);
                parallelism = Math.max(parallelism, translated.parallelism());
                inputs.add(translated);
            }
            return new StreamUnion(cluster, traits, inputs, union.getRowType(), parallelism);
        }
        if (node instanceof LogicalValues values) {
            return ValuesSource.scan(values, compiler, cluster, traits);
        }
        if (node instanceof LogicalTemporalJoin join) {
            return new JoinTranslator(cluster, traits, config, this::translate).translate(join);
        }
        if (node instanceof org.apache.calcite.rel.core.Join join) {
            return new JoinTranslator(cluster, traits, config, this::translate).translate(join);
        }
        throw Unsupported.construct(describe(node));
    }

    private static String describe(RelNode node) {
        return switch (node.getRelTypeName()) {
            case "LogicalCorrelate" -> "Correlated subqueries and LATERAL joins";
            case "LogicalSort" -> "ORDER BY / LIMIT / FETCH on a stream";
            case "LogicalWindow" -> "OVER window aggregation";
            case "LogicalIntersect", "LogicalMinus" -> "INTERSECT / EXCEPT";
            case "LogicalTableFunctionScan" -> "This table function";
            case "LogicalMatch" -> "MATCH_RECOGNIZE";
            default -> "The relational operator " + node.getRelTypeName();
        };
    }

    private StreamRel scan(TableScan scan) {
        CatalogSchema.SourceTable sourceTable = scan.getTable().unwrap(CatalogSchema.SourceTable.class);
        if (sourceTable == null) {
            throw Unsupported.construct("Scanning " + scan.getTable().getQualifiedName());
        }
        CatalogTable table = sourceTable.table();
        TableSource source = connectors.createSource(table, config.timeZone());
        RelDataTypeFactory typeFactory = cluster.getTypeFactory();
        RexProgram computed = table.isPhysicalOnly() ? null : columnsProgram(table, typeFactory);
        RexNode watermark = table.watermark()
                .map(w -> sql.toRex(SqlNodes.deepCopy(w.expression()), table.rowType(typeFactory)))
                .orElse(null);
        return new StreamTableSourceScan(cluster, traits, table, source, computed, watermark, scan.getRowType(),
                config.parallelism());
    }

    /**
     * Computes a table's columns, in declaration order, from the row its source emits (physical
     * columns, then metadata columns in the connector's types): metadata values are cast to their
     * declared types, and computed columns may use both physical and metadata columns.
     */
    private RexProgram columnsProgram(CatalogTable table, RelDataTypeFactory typeFactory) {
        RelDataType sourceRow = table.connectorRowType(typeFactory, false);
        int physicalCount = table.physicalColumns().size();
        RexProgramBuilder builder = new RexProgramBuilder(sourceRow, rexBuilder);
        List<RexNode> stored = new ArrayList<>();
        RelDataTypeFactory.Builder storedRow = typeFactory.builder();
        int physicalIndex = 0;
        int metadataIndex = physicalCount;
        for (CatalogColumn column : table.columns()) {
            if (column.isPhysical()) {
                stored.add(rexBuilder.makeInputRef(sourceRow, physicalIndex++));
            } else if (column.isMetadata()) {
                stored.add(rexBuilder.makeCast(column.type(), rexBuilder.makeInputRef(sourceRow, metadataIndex++), false,
                        false));
            } else {
                continue;
            }
            storedRow.add(column.name(), column.type());
        }
        RelDataType storedType = storedRow.build();
        RexShuttle toSourceRow = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return stored.get(ref.getIndex());
            }
        };
        int storedIndex = 0;
        for (CatalogColumn column : table.columns()) {
            RexNode expr = column.isComputed()
                    ? sql.toRex(SqlNodes.deepCopy(column.expression().get()), storedType).accept(toSourceRow)
                    : stored.get(storedIndex++);
            builder.addProject(expr, column.name());
        }
        return builder.getProgram();
    }

    private WindowCall windowOf(TableFunctionScan scan) {
        WindowCall window = WindowCall.of(scan);
        RelNode input = scan.getInput(0);
        if (!TimeAttributes.isRowtime(input, window.timeField())) {
            String column = input.getRowType().getFieldNames().get(window.timeField());
            throw Unsupported.because("The window time column '" + column + "' is not a time attribute: "
                    + "declare it with WATERMARK FOR " + column + " AS … in CREATE TABLE");
        }
        return window;
    }

    /**
     * GROUP BY window_start, window_end[, keys] over a window table function, optionally through a
     * projection and filter. The window is assigned inside the aggregation, from the time column, so
     * HOP rows are not copied before the exchange.
     */
    private StreamRel windowAggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw Unsupported.construct("GROUPING SETS, ROLLUP and CUBE");
        }
        RelNode input = aggregate.getInput();
        RexProgram program;
        TableFunctionScan windowScan;
        if (input instanceof LogicalCalc calc && calc.getInput() instanceof TableFunctionScan scan && WindowCall.isWindow(scan)) {
            program = calc.getProgram();
            windowScan = scan;
        } else if (input instanceof TableFunctionScan scan && WindowCall.isWindow(scan)) {
            program = RexProgram.createIdentity(scan.getRowType());
            windowScan = scan;
        } else {
            throw new IllegalStateException("not a window aggregate: " + aggregate);
        }
        WindowCall window = windowOf(windowScan);
        RelNode tableInput = WindowCall.tableInput(windowScan);
        RelDataType tableType = tableInput.getRowType();
        int windowStart = tableType.getFieldCount();
        ImmutableBitSet windowColumns = ImmutableBitSet.range(windowStart, windowStart + 3);

        RexProgramBuilder pre = new RexProgramBuilder(tableType, rexBuilder);
        pre.addProject(rexBuilder.makeInputRef(tableType, window.timeField()),
                tableType.getFieldNames().get(window.timeField()));
        if (program.getCondition() != null) {
            RexNode condition = program.expandLocalRef(program.getCondition());
            requireNoWindowColumn(condition, windowColumns, "a WHERE condition of a window aggregation");
            pre.addCondition(condition);
        }
        List<Integer> groupRoles = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        List<RelDataType> keyTypes = new ArrayList<>();
        int keyCount = 0;
        List<Integer> groupedColumns = new ArrayList<>();
        for (int group : aggregate.getGroupSet()) {
            RexNode expr = program.expandLocalRef(program.getProjectList().get(group));
            if (expr instanceof RexInputRef ref && windowColumns.get(ref.getIndex())) {
                groupRoles.add(-1 - (ref.getIndex() - windowStart));
                continue;
            }
            requireNoWindowColumn(expr, windowColumns, "a grouping key other than window_start, window_end");
            if (expr instanceof RexInputRef ref) {
                groupedColumns.add(ref.getIndex());
            }
            String name = aggregate.getRowType().getFieldNames().get(groupRoles.size());
            pre.addProject(expr, name);
            keyNames.add(name);
            keyTypes.add(expr.getType());
            groupRoles.add(keyCount++);
        }
        if (!groupRoles.contains(-1) || !groupRoles.contains(-2)) {
            throw Unsupported.because("A window aggregation must group by both window_start and window_end");
        }
        window.requirePartitionKeysGrouped(groupedColumns, tableType);
        List<AggregateSpec> specs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<RexNode> extraInputs = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            specs.add(aggregateSpec(call, program, windowColumns, keyCount, extraInputs));
            texts.add(describe(call, program));
        }
        for (int i = 0; i < extraInputs.size(); i++) {
            pre.addProject(extraInputs.get(i), "$arg" + i);
        }
        StreamRel translatedInput = insertOnly(translate(tableInput), "A window aggregation");
        StreamCalc preCalc = calc(translatedInput, pre.getProgram());
        int[] keyFields = new int[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keyFields[i] = i + 1;
        }
        StreamExchange exchange = keyCount == 0
                ? new StreamExchange(cluster, traits, preCalc, Partitioning.SINGLETON, 1)
                : new StreamExchange(cluster, traits, preCalc, Partitioning.hash(keyFields), config.parallelism());

        List<RelDataType> windowTypes = windowScan.getRowType().getFieldList().subList(windowStart, windowStart + 3)
                .stream().map(f -> f.getType()).toList();
        RelDataType windowAggType = windowAggregateType(keyNames, keyTypes, windowTypes, aggregate);
        StreamRel windowAggregate = window.isSession()
                ? new StreamSessionWindowAggregate(cluster, traits, exchange, window.sessionGap(), 0, keyFields, specs,
                        texts, windowAggType)
                : new StreamWindowAggregate(cluster, traits, exchange, new WindowAssignment.ByTime(window.spec(), 0), 0,
                        keyFields, specs, texts, windowAggType);

        int keys = keyCount;
        int[] groupOutputs = groupRoles.stream().mapToInt(role -> role >= 0 ? role : keys + (-1 - role)).toArray();
        return inAggregateLayout(windowAggregate, aggregate, groupOutputs, keys);
    }

    /**
     * A window aggregate's output row: {@code [keys…, window_start, window_end, window_time,
     * aggregates…]}, the aggregates named as in the logical aggregate.
     */
    private RelDataType windowAggregateType(List<String> keyNames, List<RelDataType> keyTypes,
            List<RelDataType> windowTypes, Aggregate aggregate) {
        RelDataTypeFactory.Builder outType = cluster.getTypeFactory().builder();
        for (int i = 0; i < keyNames.size(); i++) {
            outType.add(keyNames.get(i), keyTypes.get(i));
        }
        List<String> windowNames = List.of("window_start", "window_end", "window_time");
        for (int i = 0; i < windowNames.size(); i++) {
            outType.add(windowNames.get(i), windowTypes.get(i));
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            outType.add(call.getName() == null ? "$agg" + outType.getFieldCount() : call.getName(), call.getType());
        }
        return outType.uniquify().build();
    }

    /**
     * Back from a window aggregate's row to the logical aggregate's own layout: grouping columns in
     * their order ({@code groupOutputs}: where each is in the window aggregate's row), then the
     * aggregates, which follow the keys and the three window columns.
     */
    private StreamCalc inAggregateLayout(StreamRel windowAggregate, Aggregate aggregate, int[] groupOutputs,
            int keyCount) {
        RelDataType windowAggType = windowAggregate.getRowType();
        RexProgramBuilder post = new RexProgramBuilder(windowAggType, rexBuilder);
        List<String> names = aggregate.getRowType().getFieldNames();
        int position = 0;
        for (int field : groupOutputs) {
            post.addProject(rexBuilder.makeInputRef(windowAggType, field), names.get(position++));
        }
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            post.addProject(rexBuilder.makeInputRef(windowAggType, keyCount + 3 + i), names.get(position++));
        }
        return calc(windowAggregate, post.getProgram());
    }

    /** Window operators assign rows to windows once: they cannot take back a row that was updated. */
    private static StreamRel insertOnly(StreamRel input, String what) {
        if (!input.isInsertOnly()) {
            throw Unsupported.because(what + " over an updating input (such as the result of a GROUP BY without"
                    + " a window) is not supported: its rows would change after their window was computed");
        }
        return input;
    }

    private static boolean isOverWindow(RelNode input) {
        return (input instanceof LogicalCalc calc && calc.getInput() instanceof TableFunctionScan scan
                && WindowCall.isWindow(scan)) || (input instanceof TableFunctionScan direct && WindowCall.isWindow(direct));
    }

    /**
     * GROUP BY window_start, window_end[, keys] over rows that already carry their window, from an
     * upstream window operator such as another window aggregate (Nexmark q5's per-window maximum of
     * per-auction counts): one result per window and key when the watermark passes the window's end,
     * insert-only, its state dropped then, where a GROUP BY would keep every window and update it.
     * Each row is in one window, so rows are hashed by the keys and the window start, and a window
     * of no other key is spread over the subtasks as well.
     */
    private StreamRel windowedInputAggregate(Aggregate aggregate, StreamRel input, int startField, int endField) {
        RelNode logicalInput = aggregate.getInput();
        List<Integer> groupFields = aggregate.getGroupSet().asList();
        int[] keyFields = groupFields.stream().filter(f -> f != startField && f != endField).mapToInt(Integer::intValue)
                .toArray();
        int[] hashFields = IntStream.concat(Arrays.stream(keyFields), IntStream.of(startField)).toArray();
        GroupAggregateCalls calls = groupAggregateCalls(aggregate);
        StreamExchange exchange = new StreamExchange(cluster, traits, input, Partitioning.hash(hashFields),
                config.parallelism());

        List<RelDataTypeField> inputFields = logicalInput.getRowType().getFieldList();
        List<String> keyNames = Arrays.stream(keyFields).mapToObj(k -> inputFields.get(k).getName()).toList();
        List<RelDataType> keyTypes = Arrays.stream(keyFields).mapToObj(k -> inputFields.get(k).getType()).toList();
        RelDataType endType = inputFields.get(endField).getType();
        RelDataType windowAggType = windowAggregateType(keyNames, keyTypes,
                List.of(inputFields.get(startField).getType(), endType, endType), aggregate);
        StreamRel windowAggregate = new StreamWindowAggregate(cluster, traits, exchange,
                new WindowAssignment.Attached(startField, endField), endField, keyFields, calls.specs(), calls.texts(),
                windowAggType);

        // the other keys keep their order, then window_start and window_end
        int[] groupOutputs = new int[groupFields.size()];
        int nextKey = 0;
        for (int i = 0; i < groupOutputs.length; i++) {
            int group = groupFields.get(i);
            groupOutputs[i] = group == startField ? keyFields.length
                    : group == endField ? keyFields.length + 1 : nextKey++;
        }
        return inAggregateLayout(windowAggregate, aggregate, groupOutputs, keyFields.length);
    }

    /**
     * GROUP BY without a window: an updating aggregate, hashed by its keys (or in one task without
     * keys). Aggregate arguments and FILTER columns are fields of the input as they are.
     */
    private StreamRel groupAggregate(Aggregate aggregate, StreamRel input) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw Unsupported.construct("GROUPING SETS, ROLLUP and CUBE");
        }
        int[] keyFields = aggregate.getGroupSet().toArray();
        GroupAggregateCalls calls = groupAggregateCalls(aggregate);
        StreamExchange exchange = keyFields.length == 0
                ? new StreamExchange(cluster, traits, input, Partitioning.SINGLETON, 1)
                : new StreamExchange(cluster, traits, input, Partitioning.hash(keyFields), config.parallelism());
        return new StreamGroupAggregate(cluster, traits, exchange, keyFields, calls.specs(), calls.texts(),
                aggregate.getRowType(), config.stateTtl(), false, config.miniBatch().toMiniBatch());
    }

    /** An aggregate's calls over its input's fields as they are, and their EXPLAIN texts. */
    private record GroupAggregateCalls(List<AggregateSpec> specs, List<String> texts) {
    }

    private static GroupAggregateCalls groupAggregateCalls(Aggregate aggregate) {
        RexProgram identity = RexProgram.createIdentity(aggregate.getInput().getRowType());
        List<AggregateSpec> specs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            specs.add(groupAggregateSpec(call, aggregate.getInput()));
            texts.add(describe(call, identity));
        }
        return new GroupAggregateCalls(specs, texts);
    }

    private static AggregateSpec groupAggregateSpec(AggregateCall call, RelNode input) {
        AggregateKind kind = aggregateKind(call);
        String separator = separator(call, kind, RexProgram.createIdentity(input.getRowType()), input);
        int argIndex = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
        io.sluice.executor.types.LogicalType argType = argIndex < 0 ? null : TypeConversion.toLogicalType(
                input.getRowType().getFieldList().get(argIndex).getType(), call.getAggregation().getName());
        return new AggregateSpec(kind, argIndex, call.filterArg, call.isDistinct(), argType,
                TypeConversion.toLogicalType(call.getType(), call.getAggregation().getName()), separator);
    }

    /**
     * LISTAGG's separator, its second argument, which must be a character literal; null for the
     * other functions, which take one argument. {@code program} computes the aggregate's input row
     * from {@code below}; a literal may also be a column of a Calc under the aggregate's input.
     */
    private static String separator(AggregateCall call, AggregateKind kind, RexProgram program, RelNode below) {
        List<Integer> args = call.getArgList();
        String name = call.getAggregation().getName();
        if (kind != AggregateKind.LISTAGG || args.size() < 2) {
            if (args.size() > 1) {
                throw Unsupported.because("Aggregate function " + name + " with several arguments is not supported yet");
            }
            return null;
        }
        RexNode separator = program.expandLocalRef(program.getProjectList().get(args.get(1)));
        if (separator instanceof RexInputRef ref && below instanceof LogicalCalc calc) {
            RexProgram calcProgram = calc.getProgram();
            separator = calcProgram.expandLocalRef(calcProgram.getProjectList().get(ref.getIndex()));
        }
        while (separator instanceof org.apache.calcite.rex.RexCall cast
                && cast.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
            separator = cast.getOperands().get(0);
        }
        if (!(separator instanceof org.apache.calcite.rex.RexLiteral literal) || literal.getValueAs(String.class) == null) {
            throw Unsupported.because("The separator of LISTAGG must be a character literal, such as LISTAGG(x, ';')");
        }
        return literal.getValueAs(String.class);
    }

    private static AggregateKind aggregateKind(AggregateCall call) {
        return switch (call.getAggregation().getKind()) {
            case COUNT -> call.getArgList().isEmpty() ? AggregateKind.COUNT_STAR : AggregateKind.COUNT;
            case SUM, SUM0 -> AggregateKind.SUM;
            case MIN -> AggregateKind.MIN;
            case MAX -> AggregateKind.MAX;
            case AVG -> AggregateKind.AVG;
            case LISTAGG -> AggregateKind.LISTAGG;
            case FIRST_VALUE -> AggregateKind.FIRST_VALUE;
            case LAST_VALUE -> AggregateKind.LAST_VALUE;
            default -> throw Unsupported.because("Aggregate function " + call.getAggregation().getName()
                    + " is not supported yet");
        };
    }

    private AggregateSpec aggregateSpec(AggregateCall call, RexProgram program, ImmutableBitSet windowColumns,
            int keyCount, List<RexNode> extraInputs) {
        AggregateKind aggregateKind = aggregateKind(call);
        String separator = separator(call, aggregateKind, program, null);
        int argIndex = -1;
        io.sluice.executor.types.LogicalType argType = null;
        if (!call.getArgList().isEmpty()) {
            RexNode arg = program.expandLocalRef(program.getProjectList().get(call.getArgList().get(0)));
            requireNoWindowColumn(arg, windowColumns, "an aggregate argument");
            argIndex = inputPosition(arg, keyCount, extraInputs);
            argType = TypeConversion.toLogicalType(arg.getType(), call.getAggregation().getName());
        }
        int filterIndex = -1;
        if (call.filterArg >= 0) {
            RexNode filter = program.expandLocalRef(program.getProjectList().get(call.filterArg));
            requireNoWindowColumn(filter, windowColumns, "an aggregate FILTER");
            filterIndex = inputPosition(filter, keyCount, extraInputs);
        }
        return new AggregateSpec(aggregateKind, argIndex, filterIndex, call.isDistinct(), argType,
                TypeConversion.toLogicalType(call.getType(), call.getAggregation().getName()), separator);
    }

    /** Field of the pre-aggregation row holding {@code expr}: 0 is time, then keys, then the extra inputs. */
    private static int inputPosition(RexNode expr, int keyCount, List<RexNode> extraInputs) {
        for (int i = 0; i < extraInputs.size(); i++) {
            if (extraInputs.get(i).equals(expr)) {
                return 1 + keyCount + i;
            }
        }
        extraInputs.add(expr);
        return keyCount + extraInputs.size();
    }

    private static String describe(AggregateCall call, RexProgram program) {
        StringBuilder sb = new StringBuilder(call.getAggregation().getName()).append('(');
        if (call.isDistinct()) {
            sb.append("DISTINCT ");
        }
        if (call.getArgList().isEmpty()) {
            sb.append('*');
        } else {
            sb.append(program.getOutputRowType().getFieldNames().get(call.getArgList().get(0)));
        }
        sb.append(')');
        if (call.filterArg >= 0) {
            sb.append(" FILTER ").append(program.getOutputRowType().getFieldNames().get(call.filterArg));
        }
        return sb.append(" AS ").append(call.getName()).toString();
    }

    private static void requireNoWindowColumn(RexNode expr, ImmutableBitSet windowColumns, String where) {
        if (RexUtil.containsInputRef(expr) && windowColumns.intersects(RelOptUtil.InputFinder.bits(expr))) {
            throw Unsupported.because("window_start, window_end and window_time cannot be used in " + where + " yet");
        }
    }

    /** A Calc over the input; over another Calc the two programs become one, evaluated in one step. */
    private StreamCalc calc(StreamRel input, RexProgram program) {
        if (input instanceof StreamTableSourceScan scan) {
            return new StreamCalc(cluster, traits, scan.projected(usedInputs(program)), program);
        }
        if (input instanceof StreamCalc below) {
            RexProgram merged = RexProgramBuilder.mergePrograms(program, below.program(), rexBuilder);
            return new StreamCalc(cluster, traits, below.getInput(), merged);
        }
        return new StreamCalc(cluster, traits, input, program);
    }

    /** The input columns a program reads, in its projections and its condition. */
    private static java.util.BitSet usedInputs(RexProgram program) {
        java.util.BitSet used = new java.util.BitSet();
        for (org.apache.calcite.rex.RexLocalRef project : program.getProjectList()) {
            used.or(RelOptUtil.InputFinder.bits(program.expandLocalRef(project)).toBitSet());
        }
        if (program.getCondition() != null) {
            used.or(RelOptUtil.InputFinder.bits(program.expandLocalRef(program.getCondition())).toBitSet());
        }
        return used;
    }

    /** Casts the rows to the sink's column types where they differ (e.g. INT into a BIGINT column). */
    private StreamRel castTo(StreamRel input, RelDataType target) {
        List<Integer> identity = new ArrayList<>();
        for (int i = 0; i < target.getFieldCount(); i++) {
            identity.add(i);
        }
        return castTo(input, target, identity);
    }

    /** Field i of {@code target} is field {@code sourceFields.get(i)} of the input, cast where the types differ. */
    private StreamRel castTo(StreamRel input, RelDataType target, List<Integer> sourceFields) {
        RelDataType source = input.getRowType();
        if (source.getFieldCount() != target.getFieldCount()) {
            throw Unsupported.because("The query has " + source.getFieldCount() + " columns but the table has "
                    + target.getFieldCount());
        }
        boolean needed = false;
        RexProgramBuilder builder = new RexProgramBuilder(source, rexBuilder);
        for (int i = 0; i < target.getFieldCount(); i++) {
            int field = sourceFields.get(i);
            needed |= field != i;
            RelDataType from = source.getFieldList().get(field).getType();
            RelDataType to = target.getFieldList().get(i).getType();
            RexNode ref = rexBuilder.makeInputRef(source, field);
            if (from.getSqlTypeName() != to.getSqlTypeName() || from.getPrecision() != to.getPrecision()
                    || from.getScale() != to.getScale()) {
                needed = true;
                ref = rexBuilder.makeCast(cluster.getTypeFactory().createTypeWithNullability(to, from.isNullable()), ref);
            }
            builder.addProject(ref, target.getFieldNames().get(i));
        }
        return needed ? calc(input, builder.getProgram()) : input;
    }
}
