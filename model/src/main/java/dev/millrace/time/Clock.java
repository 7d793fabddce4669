package dev.millrace.time;

import java.io.Serializable;
import java.time.Instant;

/**
 * A source of <em>processing time</em>: the time on the machine that executes the pipeline, as
 * opposed to the event time carried by elements. Runners, rate-limited sources and
 * processing-time triggers read the time through a {@code Clock} instead of calling {@link
 * System#currentTimeMillis()} directly, so that tests can substitute a {@link ManualClock} and
 * run deterministically without sleeping.
 *
 * <p>Processing time never goes backwards: successive calls to {@link #millis()} on one clock
 * return non-decreasing values. Clocks are {@link Serializable} because sources that hold one are
 * shipped to workers; {@link #system()} stays the wall clock after deserialisation.
 */
public interface Clock extends Serializable {
  /** The current processing time in epoch milliseconds. */
  long millis();

  /** The current processing time as an instant. */
  default Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  /** The wall clock of this machine (a singleton); what production code uses. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
