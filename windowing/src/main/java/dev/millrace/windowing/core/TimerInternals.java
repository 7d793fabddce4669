package dev.millrace.windowing.core;

/**
 * The timers and clocks of ONE key, as a runner provides them: set and delete timers, and read the
 * computation's input watermark, output watermark and processing time (epoch millis).
 *
 * <p>A runner delivers a timer (to {@link KeyedGroupAlsoByWindow#onTimers}) once its clock is
 * strictly past the timer's timestamp. The output watermark is the runner's watermark for the
 * computation's output: at most the input watermark, the minimum watermark hold over every key
 * and window, and the earliest pending event-time timer; it never goes backwards. Because it
 * spans every key the runner happens to place together, the grouping core does not read it: it
 * decides against the key's own output watermark (see {@link KeyedGroupAlsoByWindow}).
 */
public interface TimerInternals {
  /** Sets {@code timer}, replacing any timer with the same namespace, id and domain. */
  void setTimer(TimerData timer);

  /** Deletes the timer with this identity, if set. */
  void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain);

  /** The input watermark of the computation. */
  long currentInputWatermark();

  /** The output watermark of the computation (see the class comment). */
  long currentOutputWatermark();

  /** The current processing time. */
  long currentProcessingTime();
}
