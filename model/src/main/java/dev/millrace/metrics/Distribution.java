package dev.millrace.metrics;

/** A metric that tracks the count, sum, minimum and maximum of reported values. */
public interface Distribution {
  /** Reports a value. */
  void update(long value);

  MetricName getName();
}
