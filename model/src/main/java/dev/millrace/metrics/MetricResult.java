package dev.millrace.metrics;

/**
 * The value of one metric of one step.
 *
 * @param key the step and metric name
 * @param committed the value over successfully committed work (equal to attempted on runners
 *     without retries)
 * @param attempted the value over all attempts, including retried work
 * @param <T> the value type: Long, DistributionResult or GaugeResult
 */
public record MetricResult<T>(MetricKey key, T committed, T attempted) {
  public String getStep() {
    return key.stepName();
  }

  public MetricName getName() {
    return key.metricName();
  }
}
