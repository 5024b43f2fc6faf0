package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void shouldEndAStatementAtItsSemicolon() {
        var split = StatementSplitter.split("SHOW TABLES;");

        assertThat(split.statements()).containsExactly("SHOW TABLES;");
        assertThat(split.isComplete()).isTrue();
    }

    @Test
    void shouldWaitForMoreWithoutASemicolon() {
        var split = StatementSplitter.split("SELECT *\nFROM t");

        assertThat(split.statements()).isEmpty();
        assertThat(split.isComplete()).isFalse();
        assertThat(split.remainder()).isEqualTo("SELECT *\nFROM t");
    }

    @Test
    void shouldSplitSeveralStatementsOnOneLine() {
        var split = StatementSplitter.split("SHOW TABLES; SHOW JOBS;\n SELECT 1");

        assertThat(split.statements()).containsExactly("SHOW TABLES;", "SHOW JOBS;");
        assertThat(split.remainder()).isEqualTo("\n SELECT 1");
        assertThat(split.isComplete()).isFalse();
    }

    @Test
    void shouldIgnoreSemicolonsInQuotes() {
        assertThat(StatementSplitter.split("SELECT 'a;b' FROM t").isComplete()).isFalse();
        assertThat(StatementSplitter.split("SELECT 'it''s;' FROM t;").statements())
                .containsExactly("SELECT 'it''s;' FROM t;");
        assertThat(StatementSplitter.split("SELECT \"a;b\", `c;d` FROM t;").statements())
                .containsExactly("SELECT \"a;b\", `c;d` FROM t;");
    }

    @Test
    void shouldWaitForAnOpenQuoteToClose() {
        var split = StatementSplitter.split("SELECT 'abc;\n");

        assertThat(split.statements()).isEmpty();
        assertThat(split.isComplete()).isFalse();
        assertThat(StatementSplitter.split("SELECT 'abc;\nde';").statements()).hasSize(1);
    }

    @Test
    void shouldIgnoreSemicolonsInComments() {
        assertThat(StatementSplitter.split("SELECT 1 -- not the end;\n").isComplete()).isFalse();
        assertThat(StatementSplitter.split("SELECT 1 /* not; the end */").isComplete()).isFalse();
        assertThat(StatementSplitter.split("SELECT 1 /* not; the end */;").statements())
                .containsExactly("SELECT 1 /* not; the end */;");
    }

    @Test
    void shouldWaitForAnOpenBlockComment() {
        var split = StatementSplitter.split("SHOW TABLES; /* a comment;");

        assertThat(split.statements()).containsExactly("SHOW TABLES;");
        assertThat(split.isComplete()).isFalse();
    }

    @Test
    void shouldTreatCommentsAndBlanksAfterTheLastStatementAsNothingPending() {
        var split = StatementSplitter.split("SHOW TABLES; -- done; really\n  /* ; */  ");

        assertThat(split.statements()).containsExactly("SHOW TABLES;");
        assertThat(split.isComplete()).isTrue();
        assertThat(StatementSplitter.split("").isComplete()).isTrue();
        assertThat(StatementSplitter.split("  ;  ").statements()).isEmpty();
    }

    @Test
    void shouldStartAStatementAtItsFirstTokenSoPositionsCountFromIt() {
        var split = StatementSplitter.split("-- the sources\n/* gen */\n  SELECT 1;");

        assertThat(split.statements()).containsExactly("SELECT 1;");
    }

    @Test
    void shouldEndAStatementSetOnlyAfterItsEnd() {
        String set = "EXECUTE STATEMENT SET BEGIN\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\n";

        assertThat(StatementSplitter.split(set).isComplete()).isFalse();
        assertThat(StatementSplitter.split(set).statements()).isEmpty();
        var split = StatementSplitter.split(set + "END; SHOW JOBS;");
        assertThat(split.statements()).containsExactly(set + "END;", "SHOW JOBS;");
        assertThat(split.isComplete()).isTrue();
    }

    @Test
    void shouldRecognizeStatementSetsInAnyCaseAndWithoutExecute() {
        var split = StatementSplitter.split("statement set begin insert into a select 1; end;");

        assertThat(split.statements()).containsExactly("statement set begin insert into a select 1; end;");
        assertThat(StatementSplitter.split("execute /* x */ statement\nset begin insert into a select 1;")
                .isComplete()).isFalse();
    }

    @Test
    void shouldNotMistakeAnEndInsideQuotesForTheEndOfAStatementSet() {
        var split = StatementSplitter.split("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 'END';");

        assertThat(split.isComplete()).isFalse();
    }

    @Test
    void shouldTreatBeginStatementSetAsAStatementOfItsOwn() {
        var split = StatementSplitter.split("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END;");

        assertThat(split.statements()).containsExactly("BEGIN STATEMENT SET;", "INSERT INTO a SELECT 1;", "END;");
    }
}
