package dev.millrace.transforms.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A timer of the current key and window. Setting a timer replaces its previous setting, so a timer
 * reset before it fires fires once, at the new time. A timer set for a time its clock has already
 * passed fires as soon as possible. Timers of a key fire in timestamp order; when one fires the
 * DoFn's {@code onTimer} is called with the same key and window.
 *
 * <p>Output timestamp: outputs from {@code onTimer} get the timer's output timestamp, and while
 * the timer is pending it holds the step's output watermark at that timestamp, so those outputs
 * are not late downstream. By default it is the firing time for event-time timers, and the
 * timestamp of the element (or firing timer) that set it for processing-time timers.
 *
 * <pre>{@code
 * c.timer(flush).set(c.window().maxTimestamp());                  // event time: end of window
 * c.timer(poll).offset(Duration.ofSeconds(10)).setRelative();     // 10 s after now
 * c.timer(flush).withOutputTimestamp(c.timestamp()).set(end);     // hold the watermark
 * }</pre>
 *
 * <p>Event-time timers may not be set after the window expires (its end plus the allowed
 * lateness). The builder methods modify and return this object; they apply to the next set.
 */
public interface Timer {
  /** Sets the timer for an absolute time of its domain. */
  void set(Instant absoluteTime);

  /**
   * Sets the timer relative to the current time of its domain (the element's timestamp, or the
   * firing timer's output timestamp, for event time; the processing-time clock otherwise), plus
   * the {@link #offset} and rounded up to the {@link #align} period.
   */
  void setRelative();

  /** The offset {@link #setRelative()} adds. */
  Timer offset(Duration offset);

  /**
   * Makes {@link #setRelative()} round the target up to the next multiple of {@code period}
   * (shifted by the offset).
   */
  Timer align(Duration period);

  /** Deletes the timer if it is set. */
  void clear();

  /**
   * The timestamp of outputs from {@code onTimer}; the timer holds the output watermark there
   * while pending. For event-time timers it must not be after the firing time.
   */
  Timer withOutputTimestamp(Instant outputTimestamp);

  /**
   * No output timestamp and no watermark hold (useful for long processing-time timers that only
   * clean up state); such a timer's {@code onTimer} may not output.
   */
  Timer withNoOutputTimestamp();

  /** The base time of {@link #setRelative()}. */
  Instant getCurrentRelativeTime();
}
