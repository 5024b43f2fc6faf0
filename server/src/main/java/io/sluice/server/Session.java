package io.sluice.server;

import io.sluice.executor.checkpoint.CheckpointStats;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.planner.PlannedJob;
import io.sluice.planner.Planner;
import io.sluice.planner.PlannerConfig;
import io.sluice.planner.calcite.SqlErrors;
import io.sluice.planner.catalog.CatalogColumn;
import io.sluice.planner.catalog.CatalogTable;
import io.sluice.sql.parser.SluiceSqlParser;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlCreateView;
import io.sluice.sql.parser.ddl.SqlDropTable;
import io.sluice.sql.parser.ddl.SqlDropView;
import io.sluice.sql.parser.dml.SqlBeginStatementSet;
import io.sluice.sql.parser.dml.SqlEndStatementSet;
import io.sluice.sql.parser.dml.SqlExecute;
import io.sluice.sql.parser.dml.SqlStatementSet;
import io.sluice.sql.parser.dql.SqlReset;
import io.sluice.sql.parser.dql.SqlRichDescribeTable;
import io.sluice.sql.parser.dql.SqlRichExplain;
import io.sluice.sql.parser.dql.SqlSet;
import io.sluice.sql.parser.dql.SqlShowCreateTable;
import io.sluice.sql.parser.dql.SqlShowFunctions;
import io.sluice.sql.parser.dql.SqlShowJobs;
import io.sluice.sql.parser.dql.SqlShowTables;
import io.sluice.sql.parser.dql.SqlShowViews;
import io.sluice.sql.parser.dql.SqlStopJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * One user's conversation with the engine: settings made with SET, an open statement set, and
 * the execution of statements. Not thread-safe: one session serves one client at a time.
 */
public final class Session {
    private final Planner planner;
    private final JobManager jobs;
    private final Map<String, String> settings = new TreeMap<>();
    private List<SqlNode> pendingStatementSet;

    Session(Planner planner, JobManager jobs) {
        this.planner = planner;
        this.jobs = jobs;
    }

    /** Parses a whole script; positions in errors are the script's lines and columns. */
    public static List<SqlNode> parse(String script) {
        try {
            return SluiceSqlParser.parseScript(script);
        } catch (SqlParseException e) {
            throw SqlErrors.fromParse(e);
        }
    }

    /** Parses and runs every statement of a script in order, stopping at the first error. */
    public List<StatementResult> executeScript(String script) {
        List<StatementResult> results = new ArrayList<>();
        for (SqlNode statement : parse(script)) {
            results.add(execute(statement));
        }
        return results;
    }

    /** Sets a session property as {@code SET 'key' = 'value'} does, checking the value. */
    public void set(String key, String value) {
        Map<String, String> candidate = new TreeMap<>(settings);
        candidate.put(key, value);
        PlannerConfig.from(candidate);
        ExecutionSettings.from(candidate);
        settings.put(key, value);
    }

    public Map<String, String> settings() {
        return java.util.Collections.unmodifiableMap(settings);
    }

    public PlannerConfig plannerConfig() {
        return PlannerConfig.from(settings);
    }

    public StatementResult execute(SqlNode statement) {
        if (pendingStatementSet != null && !(statement instanceof SqlEndStatementSet)) {
            if (!(statement instanceof SqlInsert)) {
                throw new SluiceException(ErrorCode.VALIDATION_ERROR, "Only INSERT statements can be added to a "
                        + "statement set; end it with END", statement.getParserPosition().getLineNum(),
                        statement.getParserPosition().getColumnNum(), null);
            }
            pendingStatementSet.add(statement);
            return new StatementResult.Message("[INFO] Added the INSERT to the statement set.");
        }
        if (statement instanceof SqlCreateTable ddl) {
            planner.catalog().createTable(planner.definitions().table(ddl), ddl.isIfNotExists());
            return message("Table '" + ((SqlIdentifier) ddl.getName()).getSimple() + "' has been created.");
        }
        if (statement instanceof SqlCreateView ddl) {
            planner.catalog().createView(planner.definitions().view(ddl), ddl.isIfNotExists());
            return message("View '" + ddl.getName().getSimple() + "' has been created.");
        }
        if (statement instanceof SqlDropTable drop) {
            boolean dropped = planner.catalog().dropTable(drop.getName().getSimple(), drop.isIfExists());
            return message(dropped ? "Table '" + drop.getName().getSimple() + "' has been dropped." : "Nothing to drop.");
        }
        if (statement instanceof SqlDropView drop) {
            boolean dropped = planner.catalog().dropView(drop.getName().getSimple(), drop.isIfExists());
            return message(dropped ? "View '" + drop.getName().getSimple() + "' has been dropped." : "Nothing to drop.");
        }
        if (statement instanceof SqlSet set) {
            return set(set);
        }
        if (statement instanceof SqlReset reset) {
            if (reset.getKey().isPresent()) {
                settings.remove(reset.getKey().get());
            } else {
                settings.clear();
            }
            return message("Session property has been reset.");
        }
        if (statement instanceof SqlShowTables) {
            return column("table name", planner.catalog().tableNames());
        }
        if (statement instanceof SqlShowViews) {
            return column("view name", planner.catalog().viewNames());
        }
        if (statement instanceof SqlShowJobs) {
            return showJobs();
        }
        if (statement instanceof SqlShowFunctions) {
            TreeSet<String> names = new TreeSet<>();
            for (SqlOperator op : io.sluice.planner.calcite.SluiceOperatorTable.instance().getOperatorList()) {
                if (op.getName().matches("[A-Z_][A-Z0-9_]*")) {
                    names.add(op.getName());
                }
            }
            return column("function name", new ArrayList<>(names));
        }
        if (statement instanceof SqlShowCreateTable show) {
            return new StatementResult.Message(table(show.getName()).ddl());
        }
        if (statement instanceof SqlRichDescribeTable describe) {
            return describe(describe.getTable());
        }
        if (statement instanceof SqlRichExplain explain) {
            return new StatementResult.Explain(plan(explain.getStatement(), true).plan.explain());
        }
        if (statement instanceof SqlStopJob stop) {
            RunningJob job = jobs.get(stop.getJobName());
            if (stop.isWithSavepoint()) {
                java.nio.file.Path savepoint = job.stopWithSavepoint(java.time.Duration.ofMinutes(1));
                return message("Job '" + job.name() + "' stopped with a savepoint at " + savepoint + ". To resume "
                        + "it: SET 'execution.savepoint.path' = '" + savepoint + "'; then run its INSERT again.");
            }
            job.cancel();
            return message("Job '" + job.name() + "' has been stopped.");
        }
        if (statement instanceof SqlBeginStatementSet) {
            pendingStatementSet = new ArrayList<>();
            return message("Begin a statement set.");
        }
        if (statement instanceof SqlEndStatementSet) {
            if (pendingStatementSet == null) {
                throw new SluiceException(ErrorCode.VALIDATION_ERROR, "END without BEGIN STATEMENT SET");
            }
            List<SqlNode> inserts = pendingStatementSet;
            pendingStatementSet = null;
            if (inserts.isEmpty()) {
                return message("The statement set was empty: nothing to run.");
            }
            return start(plan(new SqlStatementSet(inserts.stream()
                    .map(SqlInsert.class::cast).toList(), statement.getParserPosition()), false));
        }
        if (statement instanceof SqlExecute execute) {
            return execute(execute.getStatement());
        }
        if (statement instanceof SqlInsert || statement instanceof SqlStatementSet || isQuery(statement)) {
            return start(plan(statement, false));
        }
        throw new SluiceException(ErrorCode.UNSUPPORTED, "The statement " + statement.getKind()
                + " is not supported", statement.getParserPosition().getLineNum(),
                statement.getParserPosition().getColumnNum(), null);
    }

    private static boolean isQuery(SqlNode statement) {
        return statement.getKind().belongsTo(SqlKind.QUERY);
    }

    private record Planned(String jobName, PlannedJob plan, ResultCollector collector) {
    }

    private Planned plan(SqlNode statement, boolean explainOnly) {
        PlannerConfig config = plannerConfig();
        if (statement instanceof SqlExecute execute) {
            return plan(execute.getStatement(), explainOnly);
        }
        if (statement instanceof SqlInsert insert) {
            String name = jobName("insert-into_" + targetName(insert));
            return new Planned(name, planner.planInserts(name, List.of(insert), config), null);
        }
        if (statement instanceof SqlStatementSet set) {
            List<SqlNode> inserts = new ArrayList<>(set.getInserts());
            String name = jobName("insert-into_" + String.join(",",
                    set.getInserts().stream().map(Session::targetName).toList()));
            return new Planned(name, planner.planInserts(name, inserts, config), null);
        }
        if (isQuery(statement)) {
            String name = jobName("select");
            ResultCollector[] collector = new ResultCollector[1];
            PlannedJob plan = planner.planQuery(name, statement, config, schema -> {
                collector[0] = new ResultCollector(schema);
                return collector[0];
            });
            return new Planned(name, plan, collector[0]);
        }
        throw new SluiceException(ErrorCode.UNSUPPORTED, "EXPLAIN of " + statement.getKind() + " is not supported");
    }

    private StatementResult start(Planned planned) {
        if (planned.collector() == null) {
            try {
                java.util.Optional<String> finished = jobs.finishedEarlier(planned.jobName(), ExecutionSettings.from(settings));
                if (finished.isPresent()) {
                    return new StatementResult.Message(finished.get());
                }
            } catch (java.io.IOException e) {
                throw new SluiceException(ErrorCode.EXTERNAL_ERROR, e.getMessage(), e);
            }
        }
        RunningJob job = jobs.start(planned.jobName(), planned.plan(), queryFree(planned));
        return planned.collector() == null
                ? new StatementResult.JobStarted(job)
                : new StatementResult.Query(job, planned.collector());
    }

    private String jobName(String derived) {
        return jobs.uniqueName(settings.getOrDefault("pipeline.name", derived));
    }

    /** A SELECT's result lives only in this session: it is never checkpointed or resumed. */
    private Map<String, String> queryFree(Planned planned) {
        if (planned.collector() == null) {
            return settings;
        }
        Map<String, String> withoutState = new TreeMap<>(settings);
        withoutState.remove("state.dir");
        withoutState.remove("execution.checkpointing.interval");
        return withoutState;
    }

    private static String targetName(SqlInsert insert) {
        SqlNode target = insert.getTargetTable();
        return target instanceof SqlIdentifier id ? id.names.get(id.names.size() - 1) : target.toString();
    }

    private StatementResult set(SqlSet set) {
        if (set.getKey().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            settings.forEach((k, v) -> rows.add(List.of(k, v)));
            return new StatementResult.Table(List.of("key", "value"), rows);
        }
        set(set.getKey().get(), set.getValue().orElse(""));
        return message("Session property has been set.");
    }

    private CatalogTable table(SqlIdentifier name) {
        return planner.catalog().table(name.getSimple()).orElseThrow(() -> new SluiceException(
                ErrorCode.CATALOG_ERROR, "Table '" + name.getSimple() + "' does not exist",
                name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null));
    }

    private StatementResult describe(SqlIdentifier name) {
        var view = planner.catalog().view(name.getSimple());
        List<List<String>> rows = new ArrayList<>();
        if (view.isPresent()) {
            view.get().rowType().getFieldList().forEach(f -> rows.add(List.of(f.getName(), typeName(f.getType()),
                    String.valueOf(f.getType().isNullable()).toUpperCase(), "", "", "")));
        } else {
            CatalogTable table = table(name);
            for (CatalogColumn column : table.columns()) {
                String key = table.primaryKey().contains(column.name())
                        ? "PRI(" + String.join(", ", table.primaryKey()) + ")" : "";
                String extras = column.expression()
                        .map(e -> "AS " + io.sluice.planner.TableDefinitions.display(e))
                        .or(() -> column.metadata().map(m -> "METADATA FROM '" + m.key() + "'" + (m.virtual() ? " VIRTUAL" : "")))
                        .orElse("");
                String watermark = table.watermark().filter(w -> w.column().equals(column.name()))
                        .map(w -> w.sql()).orElse("");
                rows.add(List.of(column.name(), typeName(column.type()),
                        String.valueOf(column.type().isNullable()).toUpperCase(), key, extras, watermark));
            }
        }
        return new StatementResult.Table(List.of("name", "type", "null", "key", "extras", "watermark"), rows);
    }

    private static String typeName(org.apache.calcite.rel.type.RelDataType type) {
        try {
            return io.sluice.planner.calcite.TypeConversion.toLogicalType(type, "").withNullable(true).toString();
        } catch (SluiceException e) {
            return type.getFullTypeString();
        }
    }

    /**
     * One row per job: its state, progress, checkpoints (how many, and the last one's id, completion
     * time, duration and bytes written) and restarts. Absent values are {@code -}.
     */
    private StatementResult showJobs() {
        List<List<String>> rows = new ArrayList<>();
        for (RunningJob job : jobs.list()) {
            JobMetrics metrics = job.metrics();
            Optional<CheckpointStats> last = metrics.lastCheckpoint();
            rows.add(List.of(job.id(), job.name(), job.isRestarting() ? "RESTARTING" : job.status().name(),
                    job.startTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    String.valueOf(metrics.rowsIn().sum()), String.valueOf(metrics.rowsOut().sum()),
                    String.valueOf(metrics.completedCheckpoints()),
                    last.map(c -> String.valueOf(c.id())).orElse("-"),
                    last.map(c -> c.completedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()).orElse("-"),
                    last.map(c -> String.valueOf(c.durationMillis())).orElse("-"),
                    last.map(c -> String.valueOf(c.writtenBytes())).orElse("-"),
                    String.valueOf(metrics.restarts().sum())));
        }
        return new StatementResult.Table(List.of("job id", "job name", "status", "start time", "rows in", "rows out",
                "checkpoints", "last checkpoint", "last checkpoint time", "last checkpoint duration ms",
                "last checkpoint bytes", "restarts"),
                rows);
    }

    private static StatementResult column(String name, List<String> values) {
        return new StatementResult.Table(List.of(name), values.stream().map(List::of).toList());
    }

    private static StatementResult message(String text) {
        return new StatementResult.Message("[INFO] " + text);
    }
}
