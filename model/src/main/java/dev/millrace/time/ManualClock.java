package dev.millrace.time;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Clock} that moves only when told to, for tests: processing-time behaviour (rates,
 * timeouts, processing-time triggers) can then be exercised exactly and without sleeping.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2024-01-01T00:00:00Z"));
 * clock.advance(Duration.ofSeconds(5));   // now() is 00:00:05
 * clock.set(Instant.parse("2024-01-01T00:01:00Z"));
 * }</pre>
 *
 * <p>Like real processing time it never goes backwards: {@link #set} to an earlier time and
 * {@link #advance} by a negative duration are rejected. Thread-safe. A deserialised copy is an
 * independent clock starting at the time the original had when it was serialised.
 */
public final class ManualClock implements Clock {
  private static final long serialVersionUID = 1L;

  private long millis;

  private ManualClock(long millis) {
    this.millis = millis;
  }

  /** A clock reading the given time. */
  public static ManualClock at(Instant start) {
    Preconditions.checkNotNull(start, "ManualClock.at(null): give a start instant");
    return new ManualClock(start.toEpochMilli());
  }

  /** A clock reading the given epoch millis. */
  public static ManualClock atMillis(long startMillis) {
    return new ManualClock(startMillis);
  }

  /** A clock starting at the epoch (1970-01-01T00:00:00Z). */
  public static ManualClock atEpoch() {
    return new ManualClock(0L);
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  /**
   * Moves the clock to {@code time}.
   *
   * @throws IllegalArgumentException if {@code time} is before the clock's current time
   */
  public void set(Instant time) {
    Preconditions.checkNotNull(time, "ManualClock.set(null)");
    setMillis(time.toEpochMilli());
  }

  /**
   * Moves the clock to {@code timeMillis} (epoch millis).
   *
   * @throws IllegalArgumentException if it is before the clock's current time
   */
  public synchronized void setMillis(long timeMillis) {
    Preconditions.checkArgument(
        timeMillis >= millis,
        "ManualClock cannot go back from %s to %s: processing time never decreases. Use a new "
            + "ManualClock to start over.",
        Instant.ofEpochMilli(millis),
        Instant.ofEpochMilli(timeMillis));
    millis = timeMillis;
  }

  /**
   * Moves the clock forward by {@code amount}; returns the new time.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advance(Duration amount) {
    Preconditions.checkNotNull(amount, "ManualClock.advance(null)");
    return Instant.ofEpochMilli(advanceMillis(amount.toMillis()));
  }

  /**
   * Moves the clock forward by {@code amountMillis}; returns the new time in epoch millis.
   *
   * @throws IllegalArgumentException if {@code amountMillis} is negative
   */
  public synchronized long advanceMillis(long amountMillis) {
    Preconditions.checkArgument(
        amountMillis >= 0,
        "ManualClock.advance(%s ms): processing time never decreases; give a non-negative amount",
        amountMillis);
    millis = Math.addExact(millis, amountMillis);
    return millis;
  }

  @Override
  public synchronized String toString() {
    return "ManualClock(" + Instant.ofEpochMilli(millis) + ")";
  }
}
