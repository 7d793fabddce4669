package dev.millrace.transforms.state;

import java.time.Instant;

/**
 * The timers of a timer family for the current key and window, addressed by ids chosen at
 * runtime. Each id is an independent {@link Timer}; {@code onTimer} tells them apart by
 * {@code c.timerId()} (and {@code c.timerFamilyId()} names the family).
 */
public interface TimerMap {
  /** Sets the timer {@code timerId} of this family for an absolute time. */
  void set(String timerId, Instant absoluteTime);

  /** The timer {@code timerId} of this family. */
  Timer get(String timerId);
}
