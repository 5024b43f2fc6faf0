package io.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds where the statements typed into the shell end: at a {@code ;} outside quotes ({@code '},
 * {@code "}, backtick) and comments ({@code --}, {@code /* *}{@code /}). A statement set
 * {@code [EXECUTE] STATEMENT SET BEGIN … END;} ends only at the {@code ;} after its {@code END}.
 *
 * <p>Only the boundaries matter here; the parser judges the statements themselves.
 */
final class StatementSplitter {
    private StatementSplitter() {
    }

    /**
     * @param statements the complete statements, each from its first token (comments before it left
     *     out, so that positions count from the statement) to its {@code ;}
     * @param remainder the text after the last complete statement
     * @param remainderIsEmpty the remainder holds nothing but blanks and finished comments
     */
    record Split(List<String> statements, String remainder, boolean remainderIsEmpty) {
        /** True when nothing typed waits for more input. */
        boolean isComplete() {
            return remainderIsEmpty;
        }
    }

    private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    static Split split(String text) {
        List<String> statements = new ArrayList<>();
        State state = State.CODE;
        int start = 0;
        int firstToken = -1;
        boolean empty = true;
        List<String> leadingWords = new ArrayList<>(4);
        String lastToken = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (state == State.CODE && firstToken < 0 && !Character.isWhitespace(c)
                    && !(c == '-' && next == '-') && !(c == '/' && next == '*')) {
                firstToken = i;
            }
            switch (state) {
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = State.CODE;
                    }
                    i++;
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                case SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK -> {
                    char quote = state == State.SINGLE_QUOTE ? '\'' : state == State.DOUBLE_QUOTE ? '"' : '`';
                    if (c == quote && next == quote) {
                        i += 2;
                    } else {
                        if (c == quote) {
                            state = State.CODE;
                        }
                        i++;
                    }
                }
                case CODE -> {
                    if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                        i += 2;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        i += 2;
                    } else if (c == '\'' || c == '"' || c == '`') {
                        state = c == '\'' ? State.SINGLE_QUOTE : c == '"' ? State.DOUBLE_QUOTE : State.BACKTICK;
                        empty = false;
                        lastToken = String.valueOf(c);
                        i++;
                    } else if (c == ';') {
                        boolean statementSet = isStatementSet(leadingWords);
                        if (!statementSet || "END".equals(lastToken)) {
                            if (!empty) {
                                statements.add(text.substring(firstToken, i + 1).strip());
                            }
                            start = i + 1;
                            firstToken = -1;
                            empty = true;
                            leadingWords.clear();
                        }
                        lastToken = ";";
                        i++;
                    } else if (Character.isJavaIdentifierStart(c)) {
                        int end = i + 1;
                        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                            end++;
                        }
                        lastToken = text.substring(i, end).toUpperCase(Locale.ROOT);
                        if (leadingWords.size() < 4) {
                            leadingWords.add(lastToken);
                        }
                        empty = false;
                        i = end;
                    } else {
                        if (!Character.isWhitespace(c)) {
                            empty = false;
                            lastToken = String.valueOf(c);
                            if (leadingWords.size() < 4) {
                                leadingWords.add(lastToken);
                            }
                        }
                        i++;
                    }
                }
            }
        }
        boolean open = state != State.CODE && state != State.LINE_COMMENT;
        return new Split(statements, text.substring(start), empty && !open);
    }

    private static boolean isStatementSet(List<String> words) {
        return words.equals(List.of("EXECUTE", "STATEMENT", "SET", "BEGIN"))
                || words.size() >= 3 && words.subList(0, 3).equals(List.of("STATEMENT", "SET", "BEGIN"));
    }
}
