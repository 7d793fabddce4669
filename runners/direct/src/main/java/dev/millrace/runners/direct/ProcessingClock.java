package dev.millrace.runners.direct;

/**
 * The direct runner's processing time: the wall clock, unless a TestStream drives the pipeline, in
 * which case it is a virtual clock that moves only with the script's processing-time advances.
 */
final class ProcessingClock {
  private volatile long virtualMillis = Long.MIN_VALUE;

  /** Switches to virtual time at the given instant (epoch millis). */
  void set(long millis) {
    virtualMillis = millis;
  }

  long millis() {
    long v = virtualMillis;
    return v == Long.MIN_VALUE ? System.currentTimeMillis() : v;
  }
}
