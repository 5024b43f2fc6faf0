package io.sluice.server;

import java.util.List;
import java.util.Objects;

/** What executing one statement produced, for the shell, the CLI and (later) the JDBC endpoint. */
public sealed interface StatementResult {

    /** A statement that changed something: DDL, SET, STOP JOB. */
    record Message(String text) implements StatementResult {
        public Message {
            Objects.requireNonNull(text, "text is null");
        }
    }

    /** A small finite table: SHOW, DESCRIBE, SET without arguments. */
    record Table(List<String> columns, List<List<String>> rows) implements StatementResult {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** EXPLAIN: the plan text. */
    record Explain(String plan) implements StatementResult {
    }

    /** An INSERT or statement set: a job now running in the background. */
    record JobStarted(RunningJob job) implements StatementResult {
    }

    /** A SELECT: a job whose rows arrive in {@code result}. */
    record Query(RunningJob job, ResultCollector result) implements StatementResult {
    }
}
