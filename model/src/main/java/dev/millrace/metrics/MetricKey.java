package dev.millrace.metrics;

/**
 * A metric as reported by one step.
 *
 * @param stepName the full name of the step
 * @param metricName the metric's name
 */
public record MetricKey(String stepName, MetricName metricName) {}
