package dev.millrace.windowing.triggers;

import java.util.List;
import java.util.stream.Collectors;

/** Package-private helpers shared by the trigger records: validation and rendering. */
final class TriggerChecks {
  private TriggerChecks() {}

  static List<Trigger> copyOfNonEmpty(List<Trigger> triggers, String what) {
    if (triggers == null || triggers.isEmpty()) {
      throw new IllegalArgumentException(what + " needs at least one sub-trigger, got none");
    }
    for (int i = 0; i < triggers.size(); i++) {
      if (triggers.get(i) == null) {
        throw new IllegalArgumentException(what + ": sub-trigger #" + i + " is null");
      }
    }
    return List.copyOf(triggers);
  }

  static String join(List<Trigger> triggers) {
    return triggers.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  static List<Trigger> continuations(List<Trigger> triggers) {
    return triggers.stream().map(Trigger::continuation).toList();
  }

  static void checkOnceTriggers(Trigger trigger) {
    if (trigger instanceof AfterWatermark w) {
      requireOnce(w.early(), "the early firings of " + w);
      requireOnce(w.late(), "the late firings of " + w);
    } else if (trigger instanceof OrFinally o) {
      requireOnce(o.until(), "the 'until' trigger of " + o);
    } else if (trigger instanceof AfterFirst || trigger instanceof AfterAll) {
      for (Trigger member : trigger.subTriggers()) {
        requireOnce(member, "each member of " + trigger);
      }
    }
    for (Trigger sub : trigger.subTriggers()) {
      checkOnceTriggers(sub);
    }
  }

  private static void requireOnce(Trigger t, String where) {
    if (t != null && !t.isOnceTrigger()) {
      throw new IllegalArgumentException(
          where
              + " must be a trigger that fires at most once, but "
              + t
              + " can fire repeatedly. Use a once-trigger such as AfterPane.elementCountAtLeast(n),"
              + " AfterProcessingTime.pastFirstElementInPane()..., AfterFirst.of(...) or"
              + " AfterAll.of(...); early and late firings are repeated automatically, so do not"
              + " wrap them in Repeatedly.forever(...).");
    }
  }
}
