package io.sluice.connectors.nexmark;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code 'connector' = 'nexmark'}: one table ({@code person}, {@code auction} or {@code bid}) of the
 * Nexmark benchmark's event stream. Tables of the same seed, rate and event count are views of one
 * global sequence, so bids refer to the persons and auctions the other two tables make.
 */
public final class NexmarkConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "nexmark";
    public static final String TABLE = "nexmark.table";
    public static final String EVENTS = "nexmark.events";
    public static final String RATE = "nexmark.rate";
    public static final String SEED = "nexmark.seed";
    public static final String BASE_TIME = "nexmark.base-time";
    public static final String MAX_EVENTS_PER_SECOND = "nexmark.max-events-per-second";

    static final double DEFAULT_RATE = 10_000;
    static final long DEFAULT_SEED = 42;
    /** 2024-01-01 00:00:00: a fixed start, so that runs (and their JSON copies) are comparable. */
    static final long DEFAULT_BASE_TIME = LocalDateTime.of(2024, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of(TABLE, EVENTS, RATE, SEED, BASE_TIME, MAX_EVENTS_PER_SECOND);
    }

    @Override
    public TableSource createSource(TableContext context) {
        ConnectorOptions options = context.options();
        NexmarkTable table = table(options);
        long events = -1;
        if (options.contains(EVENTS)) {
            events = options.getLong(EVENTS, 0);
            if (events < 0) {
                throw options.invalid(EVENTS, options.require(EVENTS), "an integer of at least 0");
            }
        }
        double rate = options.getDouble(RATE, DEFAULT_RATE);
        if (!(rate > 0)) {
            throw options.invalid(RATE, options.require(RATE), "a positive number of events per second");
        }
        double maxEventsPerSecond = options.getDouble(MAX_EVENTS_PER_SECOND, 0);
        if (maxEventsPerSecond < 0) {
            throw options.invalid(MAX_EVENTS_PER_SECOND, options.require(MAX_EVENTS_PER_SECOND),
                    "a positive number (0 or absent: no limit)");
        }
        long seed = options.getLong(SEED, DEFAULT_SEED);
        long baseTime = options.getLong(BASE_TIME, DEFAULT_BASE_TIME);
        int[] projection = projection(context.tableName(), table, context.physicalSchema(), options);
        return new NexmarkTableSource(context.tableName(), table,
                new NexmarkOptions(events, rate, seed, baseTime, maxEventsPerSecond), projection);
    }

    private static NexmarkTable table(ConnectorOptions options) {
        String name = options.require(TABLE).trim();
        for (NexmarkTable table : NexmarkTable.values()) {
            if (table.sqlName().equalsIgnoreCase(name)) {
                return table;
            }
        }
        throw options.invalid(TABLE, name, "'person', 'auction' or 'bid'");
    }

    /**
     * Maps each declared column to a standard column of the same name (ignoring case) and type; a
     * table may declare any of them in any order.
     */
    private static int[] projection(String tableName, NexmarkTable table, RowSchema schema, ConnectorOptions options) {
        List<NexmarkTable.Column> columns = table.columns();
        int[] projection = new int[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.name(i);
            int standard = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equalsIgnoreCase(name)) {
                    standard = c;
                }
            }
            if (standard < 0) {
                throw options.error("column '" + name + "' is not a column of the nexmark " + table.sqlName()
                        + " table; its columns are " + columns.stream().map(NexmarkTable.Column::name)
                        .collect(Collectors.joining(", ")));
            }
            TypeRoot expected = columns.get(standard).type();
            LogicalType declared = schema.type(i);
            if (declared.root() != expected) {
                throw options.error("column '" + name + "' of the nexmark " + table.sqlName() + " table must be "
                        + typeName(expected) + ", but is declared " + declared);
            }
            projection[i] = standard;
        }
        return projection;
    }

    private static String typeName(TypeRoot root) {
        switch (root) {
            case VARCHAR:
                return "STRING (VARCHAR)";
            case TIMESTAMP:
                return "TIMESTAMP(3)";
            default:
                return root.name().toUpperCase(Locale.ROOT);
        }
    }
}
