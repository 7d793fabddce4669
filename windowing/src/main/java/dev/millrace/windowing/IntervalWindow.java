package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.time.Instant;

/**
 * A window covering the half-open interval {@code [start, end)} of event time. Used by fixed,
 * sliding, session and calendar windows. Its maximum timestamp is {@code end - 1 ms}.
 */
public final class IntervalWindow implements BoundedWindow, Comparable<IntervalWindow> {
  private final long start;
  private final long end;

  /** Creates {@code [startMillis, endMillis)}; the end must not be before the start. */
  public IntervalWindow(long startMillis, long endMillis) {
    Preconditions.checkArgument(
        endMillis >= startMillis, "window end %s is before its start %s", endMillis, startMillis);
    this.start = startMillis;
    this.end = endMillis;
  }

  /** Creates {@code [start, end)}. */
  public IntervalWindow(Instant start, Instant end) {
    this(Timestamps.toMillis(start), Timestamps.toMillis(end));
  }

  /** Creates {@code [start, start + size)}. */
  public static IntervalWindow of(Instant start, Duration size) {
    long s = Timestamps.toMillis(start);
    return new IntervalWindow(s, s + size.toMillis());
  }

  public long startMillis() {
    return start;
  }

  public long endMillis() {
    return end;
  }

  public Instant start() {
    return Instant.ofEpochMilli(start);
  }

  public Instant end() {
    return Instant.ofEpochMilli(end);
  }

  @Override
  public long maxTimestampMillis() {
    return end - 1;
  }

  /** Whether this window and {@code other} share any instant. */
  public boolean intersects(IntervalWindow other) {
    return start < other.end && other.start < end;
  }

  /** Whether {@code other} lies entirely inside this window. */
  public boolean contains(IntervalWindow other) {
    return start <= other.start && other.end <= end;
  }

  /** The smallest window containing this one and {@code other}. */
  public IntervalWindow span(IntervalWindow other) {
    return new IntervalWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  @Override
  public int compareTo(IntervalWindow o) {
    int c = Long.compare(start, o.start);
    return c != 0 ? c : Long.compare(end, o.end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntervalWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "[" + Timestamps.format(start) + ".." + Timestamps.format(end) + ")";
  }
}
