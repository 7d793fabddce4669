package dev.millrace.metrics;

import java.util.List;

/**
 * The metrics that matched a {@link MetricsFilter}.
 *
 * @param counters the counters
 * @param distributions the distributions
 * @param gauges the gauges
 */
public record MetricQueryResults(
    List<MetricResult<Long>> counters,
    List<MetricResult<DistributionResult>> distributions,
    List<MetricResult<GaugeResult>> gauges) {

  /** The attempted value of the counter with this name summed over matching steps, or 0. */
  public long counterValue(String name) {
    return counters.stream()
        .filter(r -> r.getName().name().equals(name))
        .mapToLong(MetricResult::attempted)
        .sum();
  }
}
