package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Nexmark benchmark's queries ({@code benchmarks/nexmark/q*.sql}) on a few thousand events: each
 * query Sluice can plan gives the same final result from the nexmark generator as from the JSON-lines
 * copy of the same events that {@code benchmarks/nexmark/export-json.sql} writes. The query's INSERT
 * is run as its SELECT, whose changelog is replayed into the final rows.
 */
class NexmarkQueriesTest {
    private static final Path NEXMARK = Path.of("..", "benchmarks", "nexmark").toAbsolutePath().normalize();
    private static final long EVENTS = 4_000;
    private static final int PARALLELISM = 2;
    /** Queries Sluice plans today: they must run, not be skipped. */
    private static final Set<String> SUPPORTED_TODAY = Set.of("q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q9",
            "q10", "q11", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22");
    /** Processing-time queries: their results depend on the machine's speed. */
    private static final Set<String> NOT_DETERMINISTIC = Set.of("q12", "q13");
    /**
     * Queries that pick one of several rows whose order columns tie, by arrival: rows of different
     * source subtasks arrive in either order, so only the columns that decide are compared (for q18,
     * the last bid per bidder and auction: auction, bidder and its time).
     */
    private static final Map<String, int[]> DECIDED_BY_ARRIVAL_ON_TIES = Map.of("q18", new int[] {0, 1, 5});
    private static final Pattern INSERT = Pattern.compile("(?s)^INSERT\\s+INTO\\s+\\w+\\s+(.*)$");

    @TempDir
    static Path json;

    @BeforeAll
    static void exportTheEventsAsJsonLines() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '" + PARALLELISM + "';\n" + ddl("sluice-generator.sql")
                    + read(NEXMARK.resolve("export-json.sql")));
        }
    }

    static Stream<String> queries() throws IOException {
        try (Stream<Path> files = Files.list(NEXMARK)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("q\\d+\\.sql"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))))
                    .toList().stream();
        }
    }

    @Test
    void shouldHaveEveryQueryOfTheSuite() throws IOException {
        assertThat(queries().toList()).hasSize(23).startsWith("q0").endsWith("q22");
    }

    @Test
    void shouldWriteEveryEventOfTheGeneratorToTheJsonCopy() throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(ddl("sluice-json.sql"));
            assertThat(sql.query("SELECT COUNT(*), MIN(id), MAX(id) FROM person")).last()
                    .isEqualTo("+U[80, 1000, 1079]");
            assertThat(sql.query("SELECT COUNT(*) FROM auction")).last().isEqualTo("+U[240]");
            assertThat(sql.query("SELECT COUNT(*) FROM bid")).last().isEqualTo("+U[3680]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldGiveTheSameResultFromTheGeneratorAndFromTheJsonCopy(String query) throws Exception {
        Assumptions.assumeFalse(NOT_DETERMINISTIC.contains(query), "processing-time query");
        String script = read(NEXMARK.resolve(query + ".sql"));
        List<String> fromGenerator;
        try {
            fromGenerator = finalRows(ddl("sluice-generator.sql"), script);
        } catch (RuntimeException e) {
            // a query Sluice cannot plan yet; planning errors other than SluiceException are planner
            // bugs (q11's session window fails with a bare RuntimeException today) but skip it as well
            if (SUPPORTED_TODAY.contains(query)) {
                throw e;
            }
            Assumptions.abort("not supported: " + (e instanceof SluiceException ? "" : e.getClass().getSimpleName()
                    + ": ") + e.getMessage());
            return;
        }
        List<String> fromJson = finalRows(ddl("sluice-json.sql"), script);
        assertThat(fromGenerator).as("%s's result", query).isNotEmpty();
        int[] deciding = DECIDED_BY_ARRIVAL_ON_TIES.get(query);
        if (deciding != null) {
            fromGenerator = columns(fromGenerator, deciding);
            fromJson = columns(fromJson, deciding);
        }
        assertThat(fromJson).as("%s from JSON lines against the generator", query).isEqualTo(fromGenerator);
    }

    /** The given columns of rows printed as {@code [a, b, …]} (no value of these queries holds ", "), sorted. */
    private static List<String> columns(List<String> rows, int[] indexes) {
        return rows.stream().map(row -> {
            String[] values = row.substring(1, row.length() - 1).split(", ");
            return java.util.Arrays.stream(indexes).mapToObj(i -> values[i])
                    .collect(java.util.stream.Collectors.joining(", "));
        }).sorted().toList();
    }

    /** Runs the query file's statements, its INSERT as a SELECT, and replays the SELECT's changelog. */
    private static List<String> finalRows(String ddl, String script) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '" + PARALLELISM + "';\n" + ddl);
            String select = null;
            for (String statement : statements(script)) {
                Matcher insert = INSERT.matcher(statement);
                if (insert.matches()) {
                    select = insert.group(1);
                } else {
                    sql.run(statement);
                }
            }
            if (select == null) {
                fail("no INSERT INTO in " + script);
            }
            return replay(sql.query(select));
        }
    }

    /** The statements of a query file, without comments; none of them has a ';' inside. */
    private static List<String> statements(String script) {
        String code = script.replaceAll("(?m)--.*$", "");
        List<String> statements = new ArrayList<>();
        for (String statement : code.split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** The rows a changelog ends with, sorted: inserts and updates add a row, retractions remove one. */
    private static List<String> replay(List<String> changelog) {
        Map<String, Integer> counts = new HashMap<>();
        for (String change : changelog) {
            String row = change.substring(change.indexOf('['));
            boolean adds = change.startsWith("+I") || change.startsWith("+U");
            counts.merge(row, adds ? 1 : -1, Integer::sum);
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((row, count) -> {
            assertThat(count).as("copies of %s left by the changelog", row).isNotNegative();
            for (int i = 0; i < count; i++) {
                rows.add(row);
            }
        });
        rows.sort(null);
        return rows;
    }

    private static String ddl(String file) throws IOException {
        return read(NEXMARK.resolve("ddl").resolve(file));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).replace("${NEXMARK_EVENTS}", String.valueOf(EVENTS))
                .replace("${NEXMARK_DIR}", json.toString());
    }
}
