package dev.millrace.metrics;

/** A metric that keeps the latest reported value. */
public interface Gauge {
  /** Reports the current value. */
  void set(long value);

  MetricName getName();
}
