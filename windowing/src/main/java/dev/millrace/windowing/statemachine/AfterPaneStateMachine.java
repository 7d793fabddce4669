package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.core.Aggregations;
import dev.millrace.windowing.core.CombiningState;
import dev.millrace.windowing.core.StateTag;
import java.util.List;

/**
 * {@code AfterPane.elementCountAtLeast(n)}: counts the elements of the current pane and fires once
 * the count reaches {@code n}, then finishes. Merged windows add their counts, unless the trigger
 * had already finished in one of them (then the result is finished too).
 */
public final class AfterPaneStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;
  private static final StateTag<CombiningState<Long, Long, Long>> COUNT =
      StateTag.combining("count", Aggregations.summingLongs(), StateCodecs.longs());

  private final long count;

  /** Fires after {@code count} elements. */
  public AfterPaneStateMachine(long count) {
    super(List.of());
    this.count = count;
  }

  @Override
  public void onElement(TriggerContext c) {
    c.state(COUNT).add(1L);
  }

  @Override
  public void onMerge(TriggerContext c) {
    if (c.finishedInAnyMergingWindow()) {
      c.setFinished(true);
      MergingCells.clearAll(c.stateInMergingWindows(COUNT));
      return;
    }
    MergingCells.mergeInto(c.stateInMergingWindows(COUNT), c.state(COUNT));
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return c.state(COUNT).read() >= count;
  }

  @Override
  protected void onOnlyFiring(TriggerContext c) {
    clear(c);
  }

  @Override
  public void clear(TriggerContext c) {
    c.state(COUNT).clear();
  }

  @Override
  public String toString() {
    return "AfterPane.elementCountAtLeast(" + count + ")";
  }
}
