package io.sluice.planner;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.MetadataColumn;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.planner.calcite.SqlContext;
import io.sluice.planner.calcite.TypeConversion;
import io.sluice.planner.catalog.CatalogColumn;
import io.sluice.planner.catalog.CatalogTable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The connectors on the class path, by their {@code 'connector'} identifier, and the checks of a table's options. */
public final class ConnectorRegistry {
    /** Table options the engine itself reads, whatever the connector. */
    static final Set<String> ENGINE_OPTIONS = Set.of("connector", "scan.watermark.idle-timeout",
            "scan.watermark.emit.strategy");

    private final Map<String, ConnectorFactory> factories = new TreeMap<>();

    private ConnectorRegistry() {
    }

    public static ConnectorRegistry load() {
        ConnectorRegistry registry = new ConnectorRegistry();
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, ConnectorRegistry.class.getClassLoader())) {
            registry.factories.put(factory.identifier(), factory);
        }
        return registry;
    }

    public Set<String> identifiers() {
        return factories.keySet();
    }

    /** The table's connector, after checking that every option is one it or the engine understands. */
    public ConnectorFactory factoryFor(String tableName, Map<String, String> options) {
        ConnectorOptions named = new ConnectorOptions(tableName, options);
        String identifier = named.require("connector");
        ConnectorFactory factory = factories.get(identifier);
        if (factory == null) {
            throw named.error("unknown connector '" + identifier + "'. Available connectors: "
                    + String.join(", ", factories.keySet()));
        }
        for (String key : options.keySet()) {
            if (ENGINE_OPTIONS.contains(key) || factory.supportedOptions().contains(key)
                    || factory.supportedOptionPrefixes().stream().anyMatch(key::startsWith)) {
                continue;
            }
            Set<String> supported = new TreeSet<>(factory.supportedOptions());
            supported.addAll(ENGINE_OPTIONS);
            factory.supportedOptionPrefixes().forEach(prefix -> supported.add(prefix + "*"));
            String suggestion = closest(key, supported);
            throw named.error("unsupported option '" + key + "' for connector '" + identifier + "'."
                    + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?")
                    + " Supported options: " + String.join(", ", supported));
        }
        return factory;
    }

    public TableSource createSource(CatalogTable table, ZoneId zone) {
        return factoryFor(table.name(), table.options()).createSource(context(table, zone, false));
    }

    public TableSink createSink(CatalogTable table, ZoneId zone) {
        return factoryFor(table.name(), table.options()).createSink(context(table, zone, true));
    }

    /** @param forSink whether the context is for writing: virtual metadata columns are left out */
    private static TableContext context(CatalogTable table, ZoneId zone, boolean forSink) {
        List<MetadataColumn> metadata = new ArrayList<>();
        for (CatalogColumn column : table.metadataColumns()) {
            CatalogColumn.Metadata spec = column.metadata().get();
            if (!forSink || !spec.virtual()) {
                metadata.add(new MetadataColumn(spec.key(), TypeConversion.toLogicalType(spec.connectorType(), column.name())));
            }
        }
        return new TableContext(table.name(),
                TypeConversion.toRowSchema(table.physicalRowType(SqlContext.typeFactory())),
                new ConnectorOptions(table.name(), table.options()), table.primaryKey(), zone, metadata);
    }

    private static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
