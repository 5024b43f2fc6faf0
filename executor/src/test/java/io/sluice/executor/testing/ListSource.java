package io.sluice.executor.testing;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded table given as named splits of rows. Subtask {@code i} of {@code p} reads the splits at
 * positions {@code i, i + p, …}, registers them all on its first poll, and emits their rows
 * interleaved a few at a time, finishing each split at its end.
 */
public final class ListSource implements TableSource {
    private static final int ROWS_PER_SPLIT_AND_POLL = 7;

    private final Map<String, List<Object[]>> splits;
    private final AtomicInteger closedReaders = new AtomicInteger();

    public ListSource(Map<String, List<Object[]>> splits) {
        this.splits = new LinkedHashMap<>(Objects.requireNonNull(splits, "splits is null"));
    }

    /** All rows in one split. */
    public static ListSource of(List<Object[]> rows) {
        return new ListSource(Map.of("split-0", rows));
    }

    public int closedReaders() {
        return closedReaders.get();
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        Map<String, List<Object[]>> mine = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, List<Object[]>> split : splits.entrySet()) {
            if (position++ % parallelism == subtaskIndex) {
                mine.put(split.getKey(), split.getValue());
            }
        }
        return new Reader(mine);
    }

    @Override
    public String describe() {
        return "list[splits=" + splits.size() + "]";
    }

    private final class Reader implements SourceReader {
        private final Map<String, List<Object[]>> splits;
        private final Map<String, Integer> positions = new LinkedHashMap<>();

        Reader(Map<String, List<Object[]>> splits) {
            this.splits = splits;
        }

        @Override
        public void open(SourceContext context) {
        }

        @Override
        public ReadStatus pollNext(SourceOutput output) {
            if (positions.isEmpty()) {
                splits.keySet().forEach(id -> {
                    output.split(id);
                    positions.put(id, 0);
                });
            }
            boolean more = false;
            for (String id : new ArrayList<>(positions.keySet())) {
                List<Object[]> rows = splits.get(id);
                int position = positions.get(id);
                if (position >= rows.size()) {
                    continue;
                }
                int end = Math.min(rows.size(), position + ROWS_PER_SPLIT_AND_POLL);
                for (int i = position; i < end; i++) {
                    output.split(id).collect(rows.get(i).clone());
                }
                positions.put(id, end);
                if (end == rows.size()) {
                    output.split(id).finish();
                } else {
                    more = true;
                }
            }
            return more ? ReadStatus.MORE_AVAILABLE : ReadStatus.END_OF_INPUT;
        }

        @Override
        public void close() {
            closedReaders.incrementAndGet();
        }
    }
}
