package io.sluice.executor.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The DAG a job runs: vertices in topological order (inputs before consumers) and the edges between them. */
public final class JobGraph {
    private final String name;
    private final List<JobVertex> vertices;
    private final List<JobEdge> edges;

    public JobGraph(String name, List<JobVertex> vertices, List<JobEdge> edges) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.vertices = List.copyOf(vertices);
        this.edges = List.copyOf(edges);
        for (int i = 0; i < this.vertices.size(); i++) {
            if (this.vertices.get(i).id() != i) {
                throw new IllegalArgumentException("vertex ids must be their positions: " + this.vertices.get(i));
            }
        }
        for (JobEdge edge : this.edges) {
            if (edge.source() >= edge.target()) {
                throw new IllegalArgumentException("edges must point forward in topological order: " + edge);
            }
            JobVertex from = this.vertices.get(edge.source());
            JobVertex to = this.vertices.get(edge.target());
            if (edge.partitioning().kind() == Partitioning.Kind.FORWARD && from.parallelism() != to.parallelism()) {
                throw new IllegalArgumentException("a forward edge joins vertices of different parallelism: " + edge);
            }
            if (edge.partitioning().kind() == Partitioning.Kind.SINGLETON && to.parallelism() != 1) {
                throw new IllegalArgumentException("a singleton edge needs a target of parallelism 1: " + edge);
            }
        }
    }

    public String name() {
        return name;
    }

    public List<JobVertex> vertices() {
        return vertices;
    }

    public List<JobEdge> edges() {
        return edges;
    }

    public List<JobEdge> inputsOf(int vertex) {
        List<JobEdge> inputs = new ArrayList<>();
        for (JobEdge edge : edges) {
            if (edge.target() == vertex) {
                inputs.add(edge);
            }
        }
        return inputs;
    }

    public List<JobEdge> outputsOf(int vertex) {
        List<JobEdge> outputs = new ArrayList<>();
        for (JobEdge edge : edges) {
            if (edge.source() == vertex) {
                outputs.add(edge);
            }
        }
        return outputs;
    }
}
