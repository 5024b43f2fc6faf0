package io.sluice.executor.graph;

import java.util.Objects;

/** Rows flow from vertex {@code source} into input {@code targetInput} of vertex {@code target}. */
public record JobEdge(int source, int target, int targetInput, Partitioning partitioning) {
    public JobEdge {
        Objects.requireNonNull(partitioning, "partitioning is null");
    }
}
