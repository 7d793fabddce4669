package dev.millrace.runners.core;

import dev.millrace.metrics.DistributionResult;
import dev.millrace.metrics.GaugeResult;
import dev.millrace.metrics.MetricKey;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.metrics.MetricResults;
import dev.millrace.metrics.MetricsFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of a whole pipeline run: one {@link MetricsContainerImpl} per step, queryable as
 * {@link MetricResults}. Attempted and committed values are the same (in-process runners do not
 * retry work).
 */
public final class MetricsRegistry implements MetricResults {
  private final Map<String, MetricsContainerImpl> containers = new ConcurrentHashMap<>();

  /** The container of the given step, created on first use. */
  public MetricsContainerImpl forStep(String stepName) {
    return containers.computeIfAbsent(stepName, MetricsContainerImpl::new);
  }

  @Override
  public MetricQueryResults queryMetrics(MetricsFilter filter) {
    List<MetricResult<Long>> counters = new ArrayList<>();
    List<MetricResult<DistributionResult>> distributions = new ArrayList<>();
    List<MetricResult<GaugeResult>> gauges = new ArrayList<>();
    for (MetricsContainerImpl c : containers.values()) {
      c.counterValues().forEach((name, v) -> add(counters, filter, c, name, v));
      c.distributionValues().forEach((name, v) -> add(distributions, filter, c, name, v));
      c.gaugeValues().forEach((name, v) -> add(gauges, filter, c, name, v));
    }
    return new MetricQueryResults(counters, distributions, gauges);
  }

  private static <T> void add(
      List<MetricResult<T>> out,
      MetricsFilter filter,
      MetricsContainerImpl c,
      dev.millrace.metrics.MetricName name,
      T value) {
    MetricKey key = new MetricKey(c.getStepName(), name);
    if (filter.matches(key)) {
      out.add(new MetricResult<>(key, value, value));
    }
  }
}
