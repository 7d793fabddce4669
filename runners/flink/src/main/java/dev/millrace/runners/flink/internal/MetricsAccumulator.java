package dev.millrace.runners.flink.internal;

import dev.millrace.metrics.MetricName;
import dev.millrace.runners.core.MetricsContainerImpl;
import java.io.Serializable;
import dev.millrace.metrics.DistributionResult;
import dev.millrace.metrics.GaugeResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Carries the Millrace metrics of the steps an operator runs to the JobManager as a Flink
 * accumulator; Flink merges the accumulators of all parallel instances, and the final value lands
 * in the job's result, from which {@link FlinkMetricResults} answers queries. {@link #register}
 * also publishes the same metrics as Flink metrics of the operator (see {@link FlinkMetrics}), so
 * Flink's reporters and Web UI show them.
 */
public final class MetricsAccumulator implements Accumulator<Long, MetricsAccumulator.Snapshot> {
  private static final long serialVersionUID = 1L;

  /** The accumulator names used by the runner all start with this prefix. */
  public static final String PREFIX = "millrace.metrics.";

  private transient Map<String, MetricsContainerImpl> live;
  private Snapshot merged = new Snapshot();

  /**
   * Registers the accumulator of an operator's steps under {@code PREFIX + id} and returns the
   * bridge publishing the same metrics in the operator's Flink metric group.
   */
  public static FlinkMetrics register(
      RuntimeContext context, String id, Map<String, MetricsContainerImpl> live) {
    context.addAccumulator(PREFIX + id, new MetricsAccumulator(live));
    return new FlinkMetrics(context.getMetricGroup(), live);
  }

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

  /**
   * Publishes the Millrace metrics of an operator's steps as Flink metrics, in the group
   * {@code millrace.<step>.<namespace>} of the operator's metric group: a counter as a Flink
   * {@link org.apache.flink.metrics.Counter} named after it, a gauge as a Flink gauge named after
   * it, a distribution as the gauges {@code count}, {@code sum}, {@code min}, {@code max} and
   * {@code mean} in a group named after it. The Flink metrics read the live values (they are views,
   * not copies). User code creates metrics lazily, so the operator calls {@link #sync()} after each
   * bundle to register the ones created since. Not thread-safe (the task thread calls it).
   */
  public static final class FlinkMetrics {
    private record Registered(char kind, String step, MetricName name) {}

    private final MetricGroup root;
    private final Map<String, MetricsContainerImpl> live;
    private final Set<Registered> registered = new HashSet<>();

    FlinkMetrics(MetricGroup operatorGroup, Map<String, MetricsContainerImpl> live) {
      this.root = operatorGroup.addGroup("millrace");
      this.live = live;
    }

    /** Registers the metrics created since the last call. */
    public void sync() {
      for (MetricsContainerImpl c : live.values()) {
        String step = c.getStepName();
        for (MetricName n : c.counterValues().keySet()) {
          if (registered.add(new Registered('c', step, n))) {
            group(step, n).counter(n.name(), new CounterView(c, n));
          }
        }
        for (MetricName n : c.gaugeValues().keySet()) {
          if (registered.add(new Registered('g', step, n))) {
            group(step, n).gauge(n.name(), (Gauge<Long>) () -> {
              GaugeResult g = c.gaugeValues().get(n);
              return g == null ? 0L : g.value();
            });
          }
        }
        for (MetricName n : c.distributionValues().keySet()) {
          if (registered.add(new Registered('d', step, n))) {
            MetricGroup g = group(step, n).addGroup(n.name());
            g.gauge("count", (Gauge<Long>) () -> distribution(c, n).count());
            g.gauge("sum", (Gauge<Long>) () -> distribution(c, n).sum());
            g.gauge("min", (Gauge<Long>) () -> distribution(c, n).min());
            g.gauge("max", (Gauge<Long>) () -> distribution(c, n).max());
            g.gauge("mean", (Gauge<Double>) () -> {
              DistributionResult d = distribution(c, n);
              return d.count() == 0 ? 0.0 : d.sum() / (double) d.count();
            });
          }
        }
      }
    }

    private MetricGroup group(String step, MetricName n) {
      return root.addGroup(step).addGroup(n.namespace());
    }

    private static DistributionResult distribution(MetricsContainerImpl c, MetricName n) {
      DistributionResult d = c.distributionValues().get(n);
      return d == null ? new DistributionResult(0, 0, 0, 0) : d;
    }
  }

  /** A Flink counter showing a Millrace counter's live value; Flink never changes it. */
  private record CounterView(MetricsContainerImpl container, MetricName name)
      implements org.apache.flink.metrics.Counter {
    @Override
    public void inc() {}

    @Override
    public void inc(long n) {}

    @Override
    public void dec() {}

    @Override
    public void dec(long n) {}

    @Override
    public long getCount() {
      Long v = container.counterValues().get(name);
      return v == null ? 0 : v;
    }
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
