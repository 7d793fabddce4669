package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.Timestamps;

/** Converts between Millrace timestamps (bounded by MIN/MAX) and Flink watermarks (longs). */
final class Watermarks {
  private Watermarks() {}

  /** A Flink watermark as a Millrace timestamp: clamped, and Long.MAX_VALUE as the end of time. */
  static long fromFlink(long flink) {
    if (flink >= Timestamps.MAX) {
      return Timestamps.MAX;
    }
    return Math.max(flink, Timestamps.MIN);
  }

  /** A Millrace watermark as a Flink watermark: the end of time is Long.MAX_VALUE. */
  static long toFlink(long millis) {
    return millis >= Timestamps.MAX ? Long.MAX_VALUE : millis;
  }
}
