package dev.millrace.windowing.core;

import dev.millrace.windowing.StateCodecs;
import java.util.List;

/** Counts the elements that arrived in a window since its last pane (to tell empty panes). */
final class NonEmptyPanes {
  private static final StateTag<CombiningState<Long, Long, Long>> COUNT =
      StateTag.combining("elementsInPane", Aggregations.summingLongs(), StateCodecs.longs());

  private NonEmptyPanes() {}

  static void record(StateInternals s, StateNamespace ns) {
    s.state(ns, COUNT).add(1L);
  }

  static boolean isEmpty(StateInternals s, StateNamespace ns) {
    return s.state(ns, COUNT).isEmpty();
  }

  static void merge(StateInternals s, List<StateNamespace> sources, StateNamespace result) {
    ReduceBuffer.mergeCombining(s, COUNT, sources, result);
  }

  static void clear(StateInternals s, StateNamespace ns) {
    s.state(ns, COUNT).clear();
  }
}
