package dev.millrace.metrics;

/** Queryable metrics of a pipeline run. */
public interface MetricResults {
  /** The metrics matching the filter; {@link MetricsFilter#all()} for every metric. */
  MetricQueryResults queryMetrics(MetricsFilter filter);

  /** Every metric. */
  default MetricQueryResults allMetrics() {
    return queryMetrics(MetricsFilter.all());
  }
}
