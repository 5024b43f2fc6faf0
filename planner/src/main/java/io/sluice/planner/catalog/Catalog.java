package io.sluice.planner.catalog;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables and views of a session, by case-sensitive name (as in Flink SQL). Tables and views
 * share one namespace. Thread-safe.
 */
public final class Catalog {
    private final Map<String, CatalogTable> tables = new ConcurrentHashMap<>();
    private final Map<String, CatalogView> views = new ConcurrentHashMap<>();

    public Optional<CatalogTable> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Optional<CatalogView> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    public boolean contains(String name) {
        return tables.containsKey(name) || views.containsKey(name);
    }

    public synchronized void createTable(CatalogTable table, boolean ifNotExists) {
        if (checkFree(table.name(), ifNotExists)) {
            tables.put(table.name(), table);
        }
    }

    public synchronized void createView(CatalogView view, boolean ifNotExists) {
        if (checkFree(view.name(), ifNotExists)) {
            views.put(view.name(), view);
        }
    }

    private boolean checkFree(String name, boolean ifNotExists) {
        if (!contains(name)) {
            return true;
        }
        if (ifNotExists) {
            return false;
        }
        String kind = tables.containsKey(name) ? "A table" : "A view";
        throw new SluiceException(ErrorCode.CATALOG_ERROR, kind + " named '" + name + "' already exists");
    }

    /** Drops a table; returns false when it did not exist and {@code ifExists} allowed that. */
    public synchronized boolean dropTable(String name, boolean ifExists) {
        if (tables.remove(name) != null) {
            return true;
        }
        return missing("Table", name, ifExists, views.containsKey(name) ? " (it is a view: use DROP VIEW)" : "");
    }

    public synchronized boolean dropView(String name, boolean ifExists) {
        if (views.remove(name) != null) {
            return true;
        }
        return missing("View", name, ifExists, tables.containsKey(name) ? " (it is a table: use DROP TABLE)" : "");
    }

    private static boolean missing(String kind, String name, boolean ifExists, String hint) {
        if (ifExists) {
            return false;
        }
        throw new SluiceException(ErrorCode.CATALOG_ERROR, kind + " '" + name + "' does not exist" + hint);
    }

    public List<String> tableNames() {
        return new ArrayList<>(new TreeMap<>(tables).keySet());
    }

    public List<String> viewNames() {
        return new ArrayList<>(new TreeMap<>(views).keySet());
    }
}
