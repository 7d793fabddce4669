package dev.millrace.runners.flink.internal;

import dev.millrace.metrics.MetricName;
import dev.millrace.runners.core.MetricsContainerImpl;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Carries the Millrace metrics of the steps an operator runs to the JobManager as a Flink
 * accumulator; Flink merges the accumulators of all parallel instances, and the final value lands
 * in the job's result, from which {@link FlinkMetricResults} answers queries.
 */
public final class MetricsAccumulator implements Accumulator<Long, MetricsAccumulator.Snapshot> {
  private static final long serialVersionUID = 1L;

  /** The accumulator names used by the runner all start with this prefix. */
  public static final String PREFIX = "millrace.metrics.";

  private transient Map<String, MetricsContainerImpl> live;
  private Snapshot merged = new Snapshot();

  /** An accumulator reporting the live containers (one per step) of an operator instance. */
  public MetricsAccumulator(Map<String, MetricsContainerImpl> live) {
    this.live = live;
  }

  private MetricsAccumulator(Snapshot merged) {
    this.merged = merged;
  }

  @Override
  public void add(Long value) {}

  @Override
  public Snapshot getLocalValue() {
    Snapshot s = merged.copy();
    if (live != null) {
      for (MetricsContainerImpl c : live.values()) {
        s.add(c);
      }
    }
    return s;
  }

  @Override
  public void resetLocal() {
    merged = new Snapshot();
    live = null;
  }

  @Override
  public void merge(Accumulator<Long, Snapshot> other) {
    merged = merged.copy();
    merged.merge(other.getLocalValue());
  }

  @Override
  public Accumulator<Long, Snapshot> clone() {
    return new MetricsAccumulator(getLocalValue());
  }

  /** Serialises the current values, never the live containers. */
  private Object writeReplace() {
    return live == null ? this : new MetricsAccumulator(getLocalValue());
  }

  /** Metric values by step: counters, distributions (sum, count, min, max) and gauges. */
  public static final class Snapshot implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Map<MetricName, Long>> counters = new HashMap<>();
    final Map<String, Map<MetricName, long[]>> distributions = new HashMap<>();
    final Map<String, Map<MetricName, long[]>> gauges = new HashMap<>();

    Snapshot copy() {
      Snapshot s = new Snapshot();
      s.merge(this);
      return s;
    }

    void add(MetricsContainerImpl c) {
      String step = c.getStepName();
      c.counterValues().forEach((n, v) -> addCounter(step, n, v));
      c.distributionValues().forEach((n, d) ->
          addDistribution(step, n, new long[] {d.sum(), d.count(), d.min(), d.max()}));
      c.gaugeValues().forEach((n, g) ->
          addGauge(step, n, new long[] {g.value(), g.timestamp().toEpochMilli()}));
    }

    void merge(Snapshot o) {
      o.counters.forEach((step, m) -> m.forEach((n, v) -> addCounter(step, n, v)));
      o.distributions.forEach((step, m) -> m.forEach((n, v) -> addDistribution(step, n, v)));
      o.gauges.forEach((step, m) -> m.forEach((n, v) -> addGauge(step, n, v)));
    }

    private void addCounter(String step, MetricName n, long v) {
      counters.computeIfAbsent(step, s -> new HashMap<>()).merge(n, v, Long::sum);
    }

    private void addDistribution(String step, MetricName n, long[] v) {
      distributions.computeIfAbsent(step, s -> new HashMap<>()).merge(n, v.clone(), (a, b) ->
          new long[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])});
    }

    private void addGauge(String step, MetricName n, long[] v) {
      gauges.computeIfAbsent(step, s -> new HashMap<>()).merge(n, v.clone(),
          (a, b) -> b[1] >= a[1] ? b : a);
    }
  }
}
