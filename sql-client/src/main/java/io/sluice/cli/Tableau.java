package io.sluice.cli;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A boxed table in the style of Flink's tableau results: {@code +---+} borders, values aligned to
 * the right, values wider than their column cut short with {@code ...}.
 *
 * <pre>
 * +----+-------+----------------------+
 * | op |  word |                  cnt |
 * +----+-------+----------------------+
 * | +I | hello |                    1 |
 * </pre>
 */
final class Tableau {
    /** Widest column of a streamed result, whose widths are fixed before any row arrives. */
    static final int MAX_STREAMING_COLUMN_WIDTH = 30;
    static final String OP_COLUMN = "op";
    private static final String CUT = "...";

    private final int[] widths;

    private Tableau(int[] widths) {
        this.widths = widths;
    }

    /** Columns as wide as their widest value: for small finite results known in full. */
    static Tableau fittingContent(List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = displayWidth(columns.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], displayWidth(row.get(i)));
            }
        }
        return new Tableau(widths);
    }

    /**
     * Columns as wide as their type needs, with a leading {@code op} column for the row kind: for
     * a streamed result, printed row by row as it arrives.
     */
    static Tableau fittingTypes(RowSchema schema) {
        int[] widths = new int[schema.size() + 1];
        widths[0] = OP_COLUMN.length();
        for (int i = 0; i < schema.size(); i++) {
            int typeWidth = Math.max(typeWidth(schema.type(i)), SqlValueFormat.NULL.length());
            widths[i + 1] = Math.min(MAX_STREAMING_COLUMN_WIDTH, Math.max(displayWidth(schema.name(i)), typeWidth));
        }
        return new Tableau(widths);
    }

    private static int typeWidth(LogicalType type) {
        return switch (type.root()) {
            case BOOLEAN -> 5;
            case TINYINT -> 4;
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case DECIMAL -> type.precision() + 2;
            case DATE -> 10;
            case TIME -> 8 + fractionWidth(type.precision());
            case TIMESTAMP, TIMESTAMP_LTZ -> 19 + fractionWidth(type.precision());
            case CHAR, VARCHAR -> type.precision() > 0 ? type.precision() : MAX_STREAMING_COLUMN_WIDTH;
            default -> MAX_STREAMING_COLUMN_WIDTH;
        };
    }

    private static int fractionWidth(int precision) {
        int digits = Math.min(Math.max(precision, 0), 3);
        return digits == 0 ? 0 : digits + 1;
    }

    String border() {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width + 2)).append('+');
        }
        return line.toString();
    }

    String row(List<String> values) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String value = values.get(i);
            int width = displayWidth(value);
            line.append(' ');
            if (width <= widths[i]) {
                line.append(" ".repeat(widths[i] - width)).append(value);
            } else {
                String cut = prefixOfWidth(value, widths[i] - CUT.length());
                line.append(" ".repeat(widths[i] - CUT.length() - displayWidth(cut))).append(cut).append(CUT);
            }
            line.append(" |");
        }
        return line.toString();
    }

    /** The whole table with its count line, or {@code Empty set}. */
    static List<String> render(List<String> columns, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        if (rows.isEmpty()) {
            lines.add("Empty set");
            return lines;
        }
        Tableau table = fittingContent(columns, rows);
        lines.add(table.border());
        lines.add(table.row(columns));
        lines.add(table.border());
        rows.forEach(row -> lines.add(table.row(row)));
        lines.add(table.border());
        lines.add(rows.size() + (rows.size() == 1 ? " row in set" : " rows in set"));
        return lines;
    }

    /** Columns a terminal gives the text: two for East Asian wide characters, one for others. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += isWide(codePoint) ? 2 : 1;
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private static String prefixOfWidth(String text, int maxWidth) {
        int width = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int w = isWide(codePoint) ? 2 : 1;
            if (width + w > maxWidth) {
                break;
            }
            width += w;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
