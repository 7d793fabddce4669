package dev.millrace.runners.flink.internal;

import dev.millrace.metrics.DistributionResult;
import dev.millrace.metrics.GaugeResult;
import dev.millrace.metrics.MetricKey;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.metrics.MetricResults;
import dev.millrace.metrics.MetricsFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The metrics of a finished Flink job, read from the runner's accumulators. Flink accumulators are
 * not rolled back on restarts, so attempted and committed values are the same here.
 */
public final class FlinkMetricResults implements MetricResults {
  private final MetricsAccumulator.Snapshot snapshot = new MetricsAccumulator.Snapshot();

  /** Merges every runner accumulator among a job's accumulator results. */
  public FlinkMetricResults(Map<String, Object> accumulators) {
    accumulators.forEach((name, value) -> {
      if (name.startsWith(MetricsAccumulator.PREFIX) && value instanceof MetricsAccumulator.Snapshot s) {
        snapshot.merge(s);
      }
    });
  }

  @Override
  public MetricQueryResults queryMetrics(MetricsFilter filter) {
    return new MetricQueryResults(
        collect(snapshot.counters, filter, v -> v),
        collect(snapshot.distributions, filter, v -> new DistributionResult(v[0], v[1], v[2], v[3])),
        collect(snapshot.gauges, filter, v -> new GaugeResult(v[0], Instant.ofEpochMilli(v[1]))));
  }

  private static <S, T> List<MetricResult<T>> collect(
      Map<String, Map<MetricName, S>> byStep, MetricsFilter filter, Function<S, T> convert) {
    List<MetricResult<T>> out = new ArrayList<>();
    byStep.forEach((step, metrics) -> metrics.forEach((name, v) -> {
      MetricKey key = new MetricKey(step, name);
      if (filter.matches(key)) {
        T value = convert.apply(v);
        out.add(new MetricResult<>(key, value, value));
      }
    }));
    return out;
  }
}
