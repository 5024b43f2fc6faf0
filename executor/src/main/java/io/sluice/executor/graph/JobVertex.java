package io.sluice.executor.graph;

import io.sluice.executor.operators.OperatorFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the job graph: an optional source followed by a chain of operators, run as
 * {@code parallelism} tasks. A vertex without a source reads its input edges.
 */
public record JobVertex(int id, String name, int parallelism, Optional<SourceSpec> source, List<OperatorFactory> chain) {

    public JobVertex {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(source, "source is null");
        chain = List.copyOf(chain);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        if (source.isEmpty() && chain.isEmpty()) {
            throw new IllegalArgumentException("vertex " + name + " has neither source nor operators");
        }
    }
}
