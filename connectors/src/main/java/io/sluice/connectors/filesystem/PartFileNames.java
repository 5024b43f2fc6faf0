package io.sluice.connectors.filesystem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of one sink subtask's part files: {@code .part-<sinkId>-<subtask>-<n>.inprogress} while
 * hidden, {@code part-<sinkId>-<subtask>-<n>.<format>} once published. The sink id is the runtime's
 * stable id with every character other than letters, digits, {@code _ . -} replaced by {@code _}.
 */
final class PartFileNames {
    private final String sinkId;
    private final int subtask;
    private final String extension;
    private final Pattern inProgress;
    private final Pattern any;

    PartFileNames(String sinkId, int subtask, String extension) {
        this.sinkId = sinkId;
        this.subtask = subtask;
        this.extension = extension;
        String stem = Pattern.quote("part-" + sinkId + "-" + subtask + "-") + "(\\d{1,18})";
        this.inProgress = Pattern.compile("\\." + stem + "\\.inprogress");
        this.any = Pattern.compile("\\.?" + stem + "(\\..*)?");
    }

    static String sanitize(String stableSinkId) {
        String id = stableSinkId == null ? "" : stableSinkId.replaceAll("[^A-Za-z0-9_.-]", "_");
        return id.isEmpty() ? "sink" : id;
    }

    String sinkId() {
        return sinkId;
    }

    int subtask() {
        return subtask;
    }

    String inProgressName(long part) {
        return ".part-" + sinkId + "-" + subtask + "-" + part + ".inprogress";
    }

    String finalName(long part) {
        return "part-" + sinkId + "-" + subtask + "-" + part + "." + extension;
    }

    /** The part number of an in-progress file of this sink id and subtask, or -1. */
    long inProgressPart(String fileName) {
        Matcher m = inProgress.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The part number of any part file, hidden or published, of this sink id and subtask, or -1. */
    long anyPart(String fileName) {
        Matcher m = any.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
