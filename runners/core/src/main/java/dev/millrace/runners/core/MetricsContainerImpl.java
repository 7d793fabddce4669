package dev.millrace.runners.core;

import dev.millrace.metrics.Counter;
import dev.millrace.metrics.Distribution;
import dev.millrace.metrics.DistributionResult;
import dev.millrace.metrics.Gauge;
import dev.millrace.metrics.GaugeResult;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricsContainer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A thread-safe container of one step's metrics, shared by all threads running the step. */
public final class MetricsContainerImpl implements MetricsContainer {
  private final String stepName;
  private final Map<MetricName, CounterCell> counters = new ConcurrentHashMap<>();
  private final Map<MetricName, DistributionCell> distributions = new ConcurrentHashMap<>();
  private final Map<MetricName, GaugeCell> gauges = new ConcurrentHashMap<>();

  public MetricsContainerImpl(String stepName) {
    this.stepName = stepName;
  }

  public String getStepName() {
    return stepName;
  }

  @Override
  public Counter getCounter(MetricName name) {
    return counters.computeIfAbsent(name, CounterCell::new);
  }

  @Override
  public Distribution getDistribution(MetricName name) {
    return distributions.computeIfAbsent(name, DistributionCell::new);
  }

  @Override
  public Gauge getGauge(MetricName name) {
    return gauges.computeIfAbsent(name, GaugeCell::new);
  }

  public Map<MetricName, Long> counterValues() {
    Map<MetricName, Long> out = new java.util.LinkedHashMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum.sum()));
    return out;
  }

  public Map<MetricName, DistributionResult> distributionValues() {
    Map<MetricName, DistributionResult> out = new java.util.LinkedHashMap<>();
    distributions.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public Map<MetricName, GaugeResult> gaugeValues() {
    Map<MetricName, GaugeResult> out = new java.util.LinkedHashMap<>();
    gauges.forEach((k, v) -> {
      GaugeResult g = v.value.get();
      if (g != null) {
        out.put(k, g);
      }
    });
    return out;
  }

  private record CounterCell(MetricName getName, LongAdder sum) implements Counter {
    CounterCell(MetricName name) {
      this(name, new LongAdder());
    }

    @Override
    public void inc(long n) {
      sum.add(n);
    }
  }

  private static final class DistributionCell implements Distribution {
    private final MetricName name;
    private DistributionResult value = DistributionResult.EMPTY;

    DistributionCell(MetricName name) {
      this.name = name;
    }

    @Override
    public synchronized void update(long v) {
      value = new DistributionResult(
          value.sum() + v, value.count() + 1, Math.min(value.min(), v), Math.max(value.max(), v));
    }

    synchronized DistributionResult get() {
      return value;
    }

    @Override
    public MetricName getName() {
      return name;
    }
  }

  private record GaugeCell(MetricName getName, AtomicReference<GaugeResult> value)
      implements Gauge {
    GaugeCell(MetricName name) {
      this(name, new AtomicReference<>());
    }

    @Override
    public void set(long v) {
      value.set(new GaugeResult(v, Instant.now()));
    }
  }
}
