package dev.millrace.windowing.triggers;

import java.io.Serializable;
import java.util.List;

/**
 * A trigger specification: immutable data describing <em>when in processing time</em> the panes of
 * a window are emitted by a grouping. Triggers are composed from the records permitted below, in
 * Beam's vocabulary ({@code AfterWatermark.pastEndOfWindow().withEarlyFirings(...)},
 * {@code Repeatedly.forever(AfterPane.elementCountAtLeast(10))}, ...). Their execution is a separate
 * set of state machines ({@code dev.millrace.windowing.statemachine}).
 *
 * <p>Some triggers are <em>once-triggers</em> ({@link #isOnceTrigger()}): they fire at most once and
 * then finish. The early and late firings of {@link AfterWatermark}, the {@code until} of
 * {@link OrFinally} and the members of {@link AfterFirst} and {@link AfterAll} must be
 * once-triggers; this is checked when a grouping validates its strategy, see {@link
 * #checkOnceTriggersWhereRequired()}.
 *
 * <p>A trigger that may finish ({@link #mayFinish()}) drops every element that arrives for a window
 * after it finished, which is why a grouping rejects such a trigger at the top level (wrap it in
 * {@link Repeatedly#forever}).
 */
public sealed interface Trigger extends Serializable
    permits DefaultTrigger,
        AfterWatermark,
        AfterProcessingTime,
        AfterSynchronizedProcessingTime,
        AfterPane,
        Repeatedly,
        AfterEach,
        AfterFirst,
        AfterAll,
        OrFinally,
        Never {

  /**
   * A trigger that fires like this one until {@code until} fires, then finishes. {@code until} must
   * be a once-trigger.
   */
  default Trigger orFinally(Trigger until) {
    return new OrFinally(this, until);
  }

  /**
   * The trigger a downstream grouping uses for a collection produced by a grouping with this
   * trigger (Beam's continuation trigger): it fires as soon as possible once this trigger's panes
   * arrive, e.g. {@code AfterPane.elementCountAtLeast(n)} continues as
   * {@code AfterPane.elementCountAtLeast(1)} and {@code AfterProcessingTime} as
   * {@link AfterSynchronizedProcessingTime}.
   */
  Trigger continuation();

  /**
   * Whether this trigger can finish for a window. A finished trigger never fires again and the
   * grouping drops the window's further elements, so such a trigger is unsafe at the top level.
   */
  boolean mayFinish();

  /** Whether this trigger fires at most once and then finishes (Beam's {@code OnceTrigger}). */
  boolean isOnceTrigger();

  /** The direct sub-triggers of this trigger in declaration order; empty for leaves. */
  default List<Trigger> subTriggers() {
    return List.of();
  }

  /**
   * Checks, recursively, that every position that requires a once-trigger holds one.
   *
   * @throws IllegalArgumentException naming the offending sub-trigger and how to fix it
   */
  default void checkOnceTriggersWhereRequired() {
    TriggerChecks.checkOnceTriggers(this);
  }
}
