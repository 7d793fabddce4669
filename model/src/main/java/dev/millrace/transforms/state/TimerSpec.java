package dev.millrace.transforms.state;

import java.io.Serializable;

/**
 * The declaration of a timer (or of a family of timers with dynamic ids) of a stateful
 * {@code DoFn}. Create it with {@link TimerSpecs} and declare it as a field; the field name is the
 * timer's id (or family id). Access it with {@code c.timer(SPEC)} or {@code c.timerFamily(SPEC)};
 * when it fires, the DoFn's {@code onTimer} is called. Specs are compared by identity.
 */
public final class TimerSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TimeDomain timeDomain;
  private final boolean family;

  TimerSpec(TimeDomain timeDomain, boolean family) {
    this.timeDomain = timeDomain;
    this.family = family;
  }

  /** The clock the timer is set against. */
  public TimeDomain timeDomain() {
    return timeDomain;
  }

  /** Whether this declares a family of timers with dynamic ids. */
  public boolean isFamily() {
    return family;
  }

  @Override
  public String toString() {
    return (family ? "TimerSpecs.timerFamily(" : "TimerSpecs.timer(") + timeDomain + ")";
  }
}
