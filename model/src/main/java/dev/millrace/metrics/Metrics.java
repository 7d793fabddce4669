package dev.millrace.metrics;

/**
 * Creates metrics that user code reports from inside a step, queried afterwards through
 * {@code PipelineResult.metrics()} by step and name.
 *
 * <pre>{@code
 * private final Counter emptyLines = Metrics.counter(WordCount.class, "emptyLines");
 * ...
 * emptyLines.inc();
 * }</pre>
 *
 * <p>The returned objects are serialisable handles that can be kept in a DoFn's fields; each call
 * reports to the step that is running on the current thread.
 */
public final class Metrics {
  private Metrics() {}

  public static Counter counter(String namespace, String name) {
    return new DelegatingCounter(MetricName.named(namespace, name));
  }

  public static Counter counter(Class<?> namespace, String name) {
    return new DelegatingCounter(MetricName.named(namespace, name));
  }

  public static Distribution distribution(String namespace, String name) {
    return new DelegatingDistribution(MetricName.named(namespace, name));
  }

  public static Distribution distribution(Class<?> namespace, String name) {
    return new DelegatingDistribution(MetricName.named(namespace, name));
  }

  public static Gauge gauge(String namespace, String name) {
    return new DelegatingGauge(MetricName.named(namespace, name));
  }

  public static Gauge gauge(Class<?> namespace, String name) {
    return new DelegatingGauge(MetricName.named(namespace, name));
  }

  private record DelegatingCounter(MetricName getName) implements Counter, java.io.Serializable {
    @Override
    public void inc(long n) {
      MetricsContainer c = MetricsEnvironment.getCurrentContainer();
      if (c != null) {
        c.getCounter(getName).inc(n);
      }
    }
  }

  private record DelegatingDistribution(MetricName getName)
      implements Distribution, java.io.Serializable {
    @Override
    public void update(long value) {
      MetricsContainer c = MetricsEnvironment.getCurrentContainer();
      if (c != null) {
        c.getDistribution(getName).update(value);
      }
    }
  }

  private record DelegatingGauge(MetricName getName) implements Gauge, java.io.Serializable {
    @Override
    public void set(long value) {
      MetricsContainer c = MetricsEnvironment.getCurrentContainer();
      if (c != null) {
        c.getGauge(getName).set(value);
      }
    }
  }
}
