package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterSynchronizedProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.util.List;

/** Builds the executable state machine tree of a trigger spec. */
public final class TriggerStateMachines {
  /** The largest tree the runner's finished bits can track. */
  public static final int MAX_NODES = 63;

  private TriggerStateMachines() {}

  /**
   * The state machine tree of {@code spec}, with node indices assigned.
   *
   * @throws IllegalArgumentException if the tree has more than {@link #MAX_NODES} nodes
   */
  public static TriggerStateMachine build(Trigger spec) {
    TriggerStateMachine root = create(spec);
    int nodes = root.assignIndices(0);
    if (nodes > MAX_NODES) {
      throw new IllegalArgumentException(
          "the trigger "
              + spec
              + " has "
              + nodes
              + " nodes, more than the "
              + MAX_NODES
              + " supported; simplify the trigger");
    }
    return root;
  }

  private static TriggerStateMachine create(Trigger spec) {
    if (spec == null) {
      throw new IllegalArgumentException("a trigger spec is null");
    }
    if (spec instanceof DefaultTrigger) {
      return new DefaultTriggerStateMachine();
    } else if (spec instanceof Never) {
      return new NeverStateMachine();
    } else if (spec instanceof AfterWatermark w) {
      return afterWatermark(w);
    } else if (spec instanceof AfterProcessingTime p) {
      return new AfterProcessingTimeStateMachine(p);
    } else if (spec instanceof AfterSynchronizedProcessingTime) {
      return new AfterSynchronizedProcessingTimeStateMachine();
    } else if (spec instanceof AfterPane p) {
      return new AfterPaneStateMachine(p.count());
    } else if (spec instanceof Repeatedly r) {
      return new RepeatedlyStateMachine(create(r.trigger()));
    } else if (spec instanceof AfterEach e) {
      return new AfterEachStateMachine(createAll(e.triggers()));
    } else if (spec instanceof AfterFirst f) {
      return new AfterFirstStateMachine(createAll(f.triggers()));
    } else if (spec instanceof AfterAll a) {
      return new AfterAllStateMachine(createAll(a.triggers()));
    } else if (spec instanceof OrFinally o) {
      return new OrFinallyStateMachine(create(o.trigger()), create(o.until()));
    }
    throw new IllegalArgumentException("no state machine for the trigger " + spec);
  }

  private static TriggerStateMachine afterWatermark(AfterWatermark w) {
    if (w.isPlainPastEndOfWindow()) {
      return new AfterWatermarkStateMachine();
    }
    TriggerStateMachine early = w.early() == null ? new NeverStateMachine() : create(w.early());
    TriggerStateMachine late = w.late() == null ? null : create(w.late());
    return new AfterWatermarkEarlyAndLateStateMachine(early, late);
  }

  private static List<TriggerStateMachine> createAll(List<Trigger> specs) {
    return specs.stream().map(TriggerStateMachines::create).toList();
  }
}
