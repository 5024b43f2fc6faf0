package io.sluice.server;

import io.sluice.planner.ConnectorRegistry;
import io.sluice.planner.Planner;
import io.sluice.planner.catalog.Catalog;

/**
 * The engine of one process: the catalog, the connectors and the jobs, shared by its sessions.
 * The shell and the {@code -f}/{@code -e} runner embed one; the server (later) exposes one over JDBC.
 */
public final class SluiceEngine implements AutoCloseable {
    private final Catalog catalog = new Catalog();
    private final ConnectorRegistry connectors = ConnectorRegistry.load();
    private final java.nio.file.Path temporaryStateRoot = temporaryDirectory();
    private final JobManager jobs = new JobManager(temporaryStateRoot);

    private static java.nio.file.Path temporaryDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("sluice-state-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create a temporary state directory", e);
        }
    }

    public Session openSession() {
        return new Session(new Planner(catalog, connectors), jobs);
    }

    public JobManager jobs() {
        return jobs;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Cancels every running job and removes the temporary state directory. */
    @Override
    public void close() {
        jobs.cancelAll();
        try {
            io.sluice.executor.checkpoint.CheckpointStorage.deleteRecursively(temporaryStateRoot);
        } catch (java.io.IOException e) {
            // a job still writing its last checkpoint can race the removal; the OS cleans temp later
        }
    }
}
