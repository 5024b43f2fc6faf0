package io.sluice.cli;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Tells JLine when the typed text is a complete input: when every statement in it has ended with
 * {@code ;}. Until then Enter starts a continuation line.
 */
final class SqlLineParser implements Parser {
    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !StatementSplitter.split(line).isComplete()) {
            throw new EOFError(-1, cursor, "the statement has not ended with ';'");
        }
        return new WholeLine(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private record WholeLine(String line, int cursor) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return cursor;
        }

        @Override
        public int rawWordLength() {
            return line.length();
        }

        @Override
        public String word() {
            return line;
        }

        @Override
        public int wordCursor() {
            return cursor;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(line);
        }
    }
}
