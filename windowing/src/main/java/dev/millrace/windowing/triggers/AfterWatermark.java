package dev.millrace.windowing.triggers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires when the input watermark passes the end of the window (the ON_TIME pane), optionally with
 * early firings before it and late firings after it. Beam's {@code AfterWatermark.pastEndOfWindow()}.
 *
 * <p>The early trigger, when present, is run repeatedly until the watermark passes the end of the
 * window; the late trigger, when present, is run repeatedly after it. Both must be once-triggers.
 * Without late firings the trigger finishes after the on-time pane; with late firings it never
 * finishes (the window's garbage collection ends it).
 *
 * @param early the trigger for early firings, or {@code null} for none
 * @param late the trigger for late firings, or {@code null} for none
 */
public record AfterWatermark(Trigger early, Trigger late) implements Trigger {

  /** Fires once when the watermark passes the end of the window. */
  public static AfterWatermark pastEndOfWindow() {
    return new AfterWatermark(null, null);
  }

  /** This trigger with {@code earlyFirings} repeated before the end of the window. */
  public AfterWatermark withEarlyFirings(Trigger earlyFirings) {
    return new AfterWatermark(
        Objects.requireNonNull(earlyFirings, "withEarlyFirings needs a trigger, got null"), late);
  }

  /** This trigger with {@code lateFirings} repeated after the end of the window. */
  public AfterWatermark withLateFirings(Trigger lateFirings) {
    return new AfterWatermark(
        early, Objects.requireNonNull(lateFirings, "withLateFirings needs a trigger, got null"));
  }

  /** Whether this has neither early nor late firings. */
  public boolean isPlainPastEndOfWindow() {
    return early == null && late == null;
  }

  @Override
  public Trigger continuation() {
    if (isPlainPastEndOfWindow()) {
      return this;
    }
    return new AfterWatermark(
        early == null ? null : early.continuation(), late == null ? null : late.continuation());
  }

  /** True unless late firings are set up. */
  @Override
  public boolean mayFinish() {
    return late == null;
  }

  @Override
  public boolean isOnceTrigger() {
    return isPlainPastEndOfWindow();
  }

  /** The early trigger (if any) then the late trigger (if any). */
  @Override
  public List<Trigger> subTriggers() {
    List<Trigger> subs = new ArrayList<>(2);
    if (early != null) {
      subs.add(early);
    }
    if (late != null) {
      subs.add(late);
    }
    return List.copyOf(subs);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("AfterWatermark.pastEndOfWindow()");
    if (early != null && !(early instanceof Never)) {
      s.append(".withEarlyFirings(").append(early).append(')');
    }
    if (late != null && !(late instanceof Never)) {
      s.append(".withLateFirings(").append(late).append(')');
    }
    return s.toString();
  }
}
