package io.sluice.executor.operators;

import io.sluice.executor.runtime.JobMetrics;

/**
 * What the runtime tells an operator about where it runs.
 *
 * @param operatorName the operator's name in the plan
 * @param subtaskIndex this instance's index, 0-based
 * @param parallelism the number of instances
 * @param metrics the job's counters
 */
public record OperatorContext(String operatorName, int subtaskIndex, int parallelism, JobMetrics metrics) {
}
