package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.core.CombiningState;
import java.util.ArrayList;
import java.util.List;

/** Helpers to merge a node's combining cells from the merging windows into the result window. */
final class MergingCells {
  private MergingCells() {}

  /** Merges the accumulators of {@code sources} into {@code result} (which may be a source). */
  static <I, A, O> void mergeInto(
      List<CombiningState<I, A, O>> sources, CombiningState<I, A, O> result) {
    List<A> accumulators = new ArrayList<>();
    for (CombiningState<I, A, O> source : sources) {
      A acc = source.readAccumulator();
      if (acc != null) {
        accumulators.add(acc);
      }
    }
    for (CombiningState<I, A, O> source : sources) {
      source.clear();
    }
    for (A acc : accumulators) {
      result.addAccumulator(acc);
    }
  }

  /** Clears {@code cells}. */
  static void clearAll(List<? extends dev.millrace.windowing.core.State> cells) {
    cells.forEach(dev.millrace.windowing.core.State::clear);
  }
}
