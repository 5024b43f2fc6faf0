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
    private final JobManager jobs = new JobManager();

    public Session openSession() {
        return new Session(new Planner(catalog, connectors), jobs);
    }

    public JobManager jobs() {
        return jobs;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Cancels every running job. */
    @Override
    public void close() {
        jobs.cancelAll();
    }
}
