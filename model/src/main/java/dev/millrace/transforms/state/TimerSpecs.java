package dev.millrace.transforms.state;

import com.google.common.base.Preconditions;

/** Factories of {@link TimerSpec}s, to be assigned to fields of a stateful {@code DoFn}. */
public final class TimerSpecs {
  private TimerSpecs() {}

  /** One timer in {@code domain} per key and window. */
  public static TimerSpec timer(TimeDomain domain) {
    return new TimerSpec(Preconditions.checkNotNull(domain, "a timer needs a TimeDomain"), false);
  }

  /**
   * A family of timers in {@code domain}: any number of timers per key and window, told apart by
   * an id chosen at runtime ({@code c.timerFamily(SPEC).get("id")}).
   */
  public static TimerSpec timerFamily(TimeDomain domain) {
    return new TimerSpec(Preconditions.checkNotNull(domain, "a timer needs a TimeDomain"), true);
  }
}
