package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the ranking and OVER tests: replaying a changelog, writing JSON input, times as millis. */
final class ChangelogReplay {
    private ChangelogReplay() {
    }

    /** Applies a changelog: +I/+U add a row, -U/-D remove one (which must be there); what is left, sorted. */
    static List<String> replay(List<String> changelog) {
        List<String> rows = new ArrayList<>();
        for (String change : changelog) {
            String row = change.substring(2);
            if (change.startsWith("+I") || change.startsWith("+U")) {
                rows.add(row);
            } else {
                assertThat(rows.remove(row)).as("retracted row %s was in the result", row).isTrue();
            }
        }
        rows.sort(null);
        return rows;
    }

    /** Writes JSON lines into {@code dir/part.json}. */
    static void writeJson(Path dir, String... lines) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("part.json"), String.join("\n", lines) + "\n");
    }

    /** The epoch millis of {@code 2024-01-01 00:00:<second>} UTC, as a query prints a TIMESTAMP(3). */
    static long at(int second) {
        return LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(second).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A JSON TIMESTAMP(3) value of {@code 2024-01-01 00:00:00} plus {@code second} seconds. */
    static String time(int second) {
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(second);
        return "\"" + t.toLocalDate() + " " + t.toLocalTime() + (t.getSecond() == 0 ? ":00" : "") + ".000\"";
    }
}
