package dev.millrace.time;

/**
 * The wall clock, {@link System#currentTimeMillis()}, made monotonic: if the operating system's
 * clock steps back, this clock holds at the highest value it has returned until the wall clock
 * catches up. An enum so that it stays a singleton across serialisation.
 */
enum SystemClock implements Clock {
  INSTANCE;

  private final java.util.concurrent.atomic.AtomicLong highest =
      new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

  @Override
  public long millis() {
    long wall = System.currentTimeMillis();
    return highest.accumulateAndGet(wall, Math::max);
  }

  @Override
  public String toString() {
    return "Clock.system()";
  }
}
