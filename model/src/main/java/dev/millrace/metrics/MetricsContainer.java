package dev.millrace.metrics;

/**
 * Where a runner collects the metrics of one step. Runners install one for the step whose user
 * code is running through {@link MetricsEnvironment}; user code never sees it.
 */
public interface MetricsContainer {
  Counter getCounter(MetricName name);

  Distribution getDistribution(MetricName name);

  Gauge getGauge(MetricName name);
}
