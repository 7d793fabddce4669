package dev.millrace.metrics;

/** A metric that sums increments, e.g. the number of malformed records seen. */
public interface Counter {
  /** Adds one. */
  default void inc() {
    inc(1);
  }

  /** Adds {@code n} (may be negative). */
  void inc(long n);

  /** Subtracts one. */
  default void dec() {
    inc(-1);
  }

  MetricName getName();
}
