package io.sluice.planner;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Map;

/**
 * Whether a job computes identical sub-plans once ({@link SharedSubPlans}), by Flink's keys. Both
 * are on by default, as in Flink; turning them off gives the job graph of builds without reuse,
 * whose checkpoints only such a graph can restore.
 *
 * @param subPlans {@code table.optimizer.reuse-sub-plan-enabled}: identical subtrees become one vertex
 * @param sources {@code table.optimizer.reuse-source-enabled}: identical scans are read once (only
 *     with {@code subPlans}); when off, a larger identical subtree over a scan is still shared
 */
public record SubPlanReuse(boolean subPlans, boolean sources) {
    static final String SUB_PLANS = "table.optimizer.reuse-sub-plan-enabled";
    static final String SOURCES = "table.optimizer.reuse-source-enabled";

    public static final SubPlanReuse ENABLED = new SubPlanReuse(true, true);
    public static final SubPlanReuse DISABLED = new SubPlanReuse(false, false);

    static SubPlanReuse from(Map<String, String> settings) {
        return new SubPlanReuse(bool(settings, SUB_PLANS), bool(settings, SOURCES));
    }

    private static boolean bool(Map<String, String> settings, String key) {
        String value = settings.getOrDefault(key, "true").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new SluiceException(ErrorCode.OPTION_ERROR, "'" + key + "' must be true or false, but is '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
