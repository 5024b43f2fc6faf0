package io.sluice.planner;

import io.sluice.executor.connector.TableSink;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.function.RowFunction;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.graph.SourceSpec;
import io.sluice.executor.operators.CalcOperator;
import io.sluice.executor.operators.OperatorFactory;
import io.sluice.executor.operators.PassThroughOperator;
import io.sluice.executor.operators.SinkOperator;
import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.window.SessionWindowAggregateOperator;
import io.sluice.executor.window.WindowAggregateOperator;
import io.sluice.executor.window.WindowTableFunctionOperator;
import io.sluice.planner.codegen.ExpressionCompiler;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamSessionWindowAggregate;
import io.sluice.planner.physical.StreamSink;
import io.sluice.planner.physical.StreamTableSourceScan;
import io.sluice.planner.physical.StreamUnion;
import io.sluice.planner.physical.StreamGroupAggregate;
import io.sluice.planner.physical.StreamWindowAggregate;
import io.sluice.planner.physical.StreamWindowTableFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.calcite.rel.RelNode;

/**
 * Turns physical plans into one {@link JobGraph}: operators joined by forward edges are chained into
 * one vertex (one thread per subtask); exchanges and unions start a new vertex. A sub-plan that
 * several consumers compute alike ({@link SharedSubPlans}) ends its chain and is built once: each
 * consumer reads its vertex through its own edge.
 */
final class JobGraphBuilder {
    private final ExpressionCompiler compiler;
    private final PlannerConfig config;
    private final List<PendingVertex> finished = new ArrayList<>();
    /** The finished vertex of each shared sub-plan built so far, by its digest id. */
    private final Map<Integer, PendingVertex> sharedVertices = new HashMap<>();
    private SharedSubPlans shared;
    private String jobName;

    JobGraphBuilder(ExpressionCompiler compiler, PlannerConfig config) {
        this.compiler = compiler;
        this.config = config;
    }

    JobGraph build(String jobName, List<StreamSink> sinks) {
        this.jobName = jobName;
        this.shared = SharedSubPlans.of(sinks, config.reuse());
        for (StreamSink sink : sinks) {
            PendingVertex vertex = visit(sink);
            finish(vertex);
        }
        List<JobVertex> vertices = new ArrayList<>();
        List<JobEdge> edges = new ArrayList<>();
        for (PendingVertex vertex : finished) {
            vertices.add(new JobVertex(vertex.id, vertex.name(), vertex.parallelism, vertex.source, vertex.chain));
            for (PendingEdge edge : vertex.inputs) {
                edges.add(new JobEdge(edge.from.id, vertex.id, edge.input, edge.partitioning));
            }
        }
        return new JobGraph(jobName, vertices, edges);
    }

    private PendingVertex visit(RelNode node) {
        if (node instanceof StreamTableSourceScan scan) {
            PendingVertex vertex = new PendingVertex(scan.parallelism(), "Source: " + scan.table().name());
            vertex.source = Optional.of(sourceSpec(scan));
            return vertex;
        }
        if (node instanceof StreamCalc calc) {
            RowFunction function = compiler.compile(calc.program());
            return chainOnto(calc.getInput()).append("Calc", (s, p) -> new CalcOperator(function));
        }
        if (node instanceof StreamWindowAggregate aggregate) {
            return chainOnto(aggregate.getInput()).append("WindowAggregate[" + aggregate.assignment() + "]",
                    (s, p) -> new WindowAggregateOperator(aggregate.assignment(), aggregate.keyFields(),
                            aggregate.aggregates()));
        }
        if (node instanceof StreamSessionWindowAggregate aggregate) {
            return chainOnto(aggregate.getInput()).append("SessionWindowAggregate[" + aggregate.window() + "]",
                    (s, p) -> new SessionWindowAggregateOperator(aggregate.gap(), aggregate.timeField(),
                            aggregate.keyFields(), aggregate.aggregates()));
        }
        if (node instanceof StreamGroupAggregate aggregate) {
            return chainOnto(aggregate.getInput()).append("GroupAggregate", (s, p) -> aggregate.createOperator());
        }
        if (RankOperators.handles(node)) {
            return chainOnto(node.getInput(0)).append(RankOperators.name(node), RankOperators.factory(node));
        }
        if (node instanceof StreamWindowTableFunction window) {
            return chainOnto(window.getInput()).append("Window[" + window.window() + "]",
                    (s, p) -> new WindowTableFunctionOperator(window.window(), window.timeField()));
        }
        if (node instanceof StreamExchange exchange) {
            PendingVertex input = produce(exchange.getInput());
            PendingVertex vertex = new PendingVertex(exchange.parallelism(), null);
            vertex.inputs.add(new PendingEdge(input, 0, exchange.partitioning()));
            return vertex;
        }
        if (node instanceof StreamUnion union) {
            PendingVertex vertex = new PendingVertex(union.parallelism(), null);
            for (RelNode input : union.getInputs()) {
                PendingVertex from = produce(input);
                vertex.inputs.add(new PendingEdge(from, 0,
                        from.parallelism == union.parallelism() ? Partitioning.FORWARD : Partitioning.REBALANCE));
            }
            return vertex.append("Union", (s, p) -> new PassThroughOperator());
        }
        if (node instanceof io.sluice.planner.physical.StreamJoin join) {
            RowExpression residual = residual(join);
            return twoInputs(join).append("Join[" + join.joinType() + "]",
                    (s, p) -> new io.sluice.executor.join.RegularJoinOperator(join.joinType(), join.leftKeys(),
                            join.rightKeys(), join.getLeft().getRowType().getFieldCount(),
                            join.getRight().getRowType().getFieldCount(), residual));
        }
        if (node instanceof io.sluice.planner.physical.StreamIntervalJoin join) {
            RowExpression residual = residual(join);
            return twoInputs(join).append("IntervalJoin[" + join.joinType() + "]",
                    (s, p) -> new io.sluice.executor.join.IntervalJoinOperator(join.joinType(), join.leftKeys(),
                            join.rightKeys(), join.getLeft().getRowType().getFieldCount(),
                            join.getRight().getRowType().getFieldCount(), join.leftTimeField(),
                            join.rightTimeField(), join.lowerBound(), join.upperBound(), residual));
        }
        if (node instanceof io.sluice.planner.physical.StreamTemporalJoin join) {
            RowExpression residual = residual(join);
            return twoInputs(join).append("TemporalJoin[" + join.joinType() + "]",
                    (s, p) -> new io.sluice.executor.join.TemporalJoinOperator(join.joinType(), join.leftKeys(),
                            join.rightKeys(), join.getLeft().getRowType().getFieldCount(),
                            join.getRight().getRowType().getFieldCount(), join.leftTimeField(),
                            join.rightTimeField(), residual));
        }
        if (node instanceof io.sluice.planner.physical.StreamWindowJoin join) {
            RowExpression residual = residual(join);
            return twoInputs(join).append("WindowJoin[" + join.joinType() + "]",
                    (s, p) -> new io.sluice.executor.join.WindowJoinOperator(join.joinType(), join.leftKeys(),
                            join.rightKeys(), join.getLeft().getRowType().getFieldCount(),
                            join.getRight().getRowType().getFieldCount(), join.leftWindowEnd(),
                            join.rightWindowEnd(), residual));
        }
        if (node instanceof StreamSink sink) {
            TableSink tableSink = sink.sink();
            // the same in every run of this job, so a restarted sink finds its own files and transactions
            String sinkId = (jobName + "-" + sink.tableName()).replaceAll("[^A-Za-z0-9_-]", "_");
            return chainOnto(sink.getInput()).append("Sink: " + sink.tableName(),
                    (s, p) -> new SinkOperator(tableSink.createWriter(s, p), sinkId));
        }
        throw new IllegalStateException("no runtime operator for " + node.getRelTypeName());
    }

    /**
     * The vertex a node's chained consumer is appended to: the node's own open chain, or, when the
     * node is shared, a new vertex reading the shared one.
     */
    private PendingVertex chainOnto(RelNode input) {
        if (!shared.isShared(input)) {
            return visit(input);
        }
        PendingVertex from = produce(input);
        // a chained consumer runs at its input's parallelism, so the edge stays forward
        PendingVertex vertex = new PendingVertex(from.parallelism, null);
        vertex.inputs.add(new PendingEdge(from, 0, Partitioning.FORWARD));
        return vertex;
    }

    /** The finished vertex whose output is the node's rows; a shared node's is built on first use only. */
    private PendingVertex produce(RelNode node) {
        if (!shared.isShared(node)) {
            return finish(visit(node));
        }
        int id = shared.idOf(node);
        PendingVertex vertex = sharedVertices.get(id);
        if (vertex == null) {
            vertex = finish(visit(node));
            sharedVertices.put(id, vertex);
        }
        return vertex;
    }

    private RowExpression residual(io.sluice.planner.physical.StreamJoinBase join) {
        return join.residual() == null ? null : compiler.compile(join.residual(), join.joinedInputType());
    }

    /** A vertex with the join's left input on runtime input 0 and its right input on 1. */
    private PendingVertex twoInputs(io.sluice.planner.physical.StreamJoinBase join) {
        PendingVertex vertex = new PendingVertex(join.parallelism(), null);
        for (int side = 0; side < 2; side++) {
            RelNode input = join.getInputs().get(side);
            if (input instanceof StreamExchange exchange) {
                vertex.inputs.add(new PendingEdge(produce(exchange.getInput()), side, exchange.partitioning()));
            } else {
                PendingVertex from = produce(input);
                vertex.inputs.add(new PendingEdge(from, side,
                        from.parallelism == join.parallelism() ? Partitioning.FORWARD : Partitioning.REBALANCE));
            }
        }
        return vertex;
    }

    private SourceSpec sourceSpec(StreamTableSourceScan scan) {
        RowFunction computed = scan.computedColumns() == null ? null : compiler.compile(scan.computedColumns());
        RowExpression watermark = scan.watermark() == null ? null
                : compiler.compile(scan.watermark(), scan.getRowType());
        var options = new io.sluice.executor.connector.ConnectorOptions(scan.table().name(), scan.table().options());
        Duration interval = config.watermarkInterval();
        String strategy = options.get("scan.watermark.emit.strategy", "on-periodic").toLowerCase(Locale.ROOT);
        switch (strategy) {
            case "on-event" -> interval = Duration.ZERO;
            case "on-periodic" -> {
            }
            default -> throw options.invalid("scan.watermark.emit.strategy", strategy, "'on-event' or 'on-periodic'");
        }
        Duration idleTimeout = options.getDuration("scan.watermark.idle-timeout", config.idleTimeout());
        return new SourceSpec(scan.source(), computed, watermark, interval, idleTimeout);
    }

    /** Gives a vertex its id once all its inputs have theirs, so edges point forward. */
    private PendingVertex finish(PendingVertex vertex) {
        if (vertex.id < 0) {
            vertex.id = finished.size();
            finished.add(vertex);
        }
        return vertex;
    }

    private static final class PendingVertex {
        private final int parallelism;
        private final List<String> names = new ArrayList<>();
        private final List<OperatorFactory> chain = new ArrayList<>();
        private final List<PendingEdge> inputs = new ArrayList<>();
        private Optional<io.sluice.executor.graph.SourceSpec> source = Optional.empty();
        private int id = -1;

        PendingVertex(int parallelism, String firstName) {
            this.parallelism = parallelism;
            if (firstName != null) {
                names.add(firstName);
            }
        }

        PendingVertex append(String name, BiFunction<Integer, Integer, StreamOperator> factory) {
            names.add(name);
            chain.add(new OperatorFactory() {
                @Override
                public StreamOperator create(int subtaskIndex, int parallelism) {
                    return factory.apply(subtaskIndex, parallelism);
                }

                @Override
                public String name() {
                    return name;
                }
            });
            return this;
        }

        String name() {
            return String.join(" -> ", names);
        }
    }

    private record PendingEdge(PendingVertex from, int input, Partitioning partitioning) {
    }
}
