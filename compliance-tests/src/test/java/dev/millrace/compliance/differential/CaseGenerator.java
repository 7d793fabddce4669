package dev.millrace.compliance.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates random pipelines over random, out-of-order timestamped inputs, using only the
 * {@link Features} allowed. It tracks the windowing of the collection as steps are added so that
 * every generated pipeline is valid and its answer is unambiguous: no re-windowing of elements in
 * several (sliding) windows, no grouping right after a merging grouping without re-windowing, no
 * timestamp shifts past the end of the global window, and session gaps that never make two
 * windows merely touch (timestamps stay even, gaps are odd).
 */
final class CaseGenerator {
  static final long BASE_MILLIS = 1_700_000_000_000L;
  private static final long[] FIXED_SIZES = {1_000, 4_000, 10_000, 60_000};
  private static final long[][] SLIDING = {{10_000, 5_000}, {6_000, 2_000}, {9_000, 3_000}};
  private static final long[] SESSION_GAPS = {1_001, 3_001, 7_001};

  private final Features features;

  CaseGenerator(Features features) {
    this.features = features;
  }

  /** The case for {@code seed}; the same seed and features always give the same case. */
  GeneratedCase generate(long seed) {
    return generate(seed, List.of());
  }

  /** The case for {@code seed}, starting with the given steps. */
  GeneratedCase generate(long seed, List<Step> prefix) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<GeneratedCase.Input> inputs = inputs(rnd);
    return new GeneratedCase(seed, inputs, steps(rnd, prefix));
  }

  private static List<GeneratedCase.Input> inputs(SplittableRandom rnd) {
    int n = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(24);
    int keys = 1 + rnd.nextInt(4);
    List<GeneratedCase.Input> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      in.add(new GeneratedCase.Input(String.valueOf((char) ('a' + rnd.nextInt(keys))),
          rnd.nextInt(100), BASE_MILLIS + 2L * rnd.nextInt(20_000)));
    }
    return in;
  }

  /** What the generator knows about the collection after the steps so far. */
  private static final class Shape {
    boolean global = true;
    boolean multiWindow;
    boolean merging;
    boolean mustRewindow;
    boolean evenTimestamps = true;
    boolean atEndOfGlobalWindow;
  }

  private List<Step> steps(SplittableRandom rnd, List<Step> prefix) {
    int count = prefix.size() + 1 + rnd.nextInt(6);
    Shape s = new Shape();
    List<Step> steps = new ArrayList<>(prefix);
    prefix.forEach(step -> update(s, step));
    while (steps.size() < count) {
      Step step = candidate(rnd, s);
      if (step != null) {
        steps.add(step);
        update(s, step);
      }
    }
    return steps;
  }

  private Step candidate(SplittableRandom rnd, Shape s) {
    boolean canWindow = !s.multiWindow && !s.atEndOfGlobalWindow;
    switch (rnd.nextInt(13)) {
      case 0: return new Step.MapValues(1 + rnd.nextInt(7), rnd.nextInt(50));
      case 1: return new Step.RekeyByValue(2 + rnd.nextInt(2));
      case 2: {
        int mod = 2 + rnd.nextInt(4);
        return new Step.FilterValues(mod, rnd.nextInt(mod));
      }
      case 3: return new Step.FlatMapCopies(1 + rnd.nextInt(3));
      case 4: return s.atEndOfGlobalWindow ? null : new Step.ShiftTimestamps(2L * rnd.nextInt(100));
      case 5: return new Step.FlattenWithBranch(1 + rnd.nextInt(20));
      case 6: return canWindow
          ? new Step.FixedWindowsInto(FIXED_SIZES[rnd.nextInt(FIXED_SIZES.length)]) : null;
      case 7: {
        long[] sp = SLIDING[rnd.nextInt(SLIDING.length)];
        return canWindow ? new Step.SlidingWindowsInto(sp[0], sp[1]) : null;
      }
      case 8: return canWindow && features.mergingWindows() && s.evenTimestamps
          ? new Step.SessionsInto(SESSION_GAPS[rnd.nextInt(SESSION_GAPS.length)]) : null;
      case 9: return s.mustRewindow ? null : new Step.GroupByKeySumAndCount();
      case 10: return s.mustRewindow || !features.combine() ? null : new Step.CombineSum();
      case 11: return s.mustRewindow || !features.combine() ? null : new Step.CountPerKey();
      default: return features.sideInputs() && (s.global || features.windowedSideInputs())
          ? new Step.AddSideInput(rnd.nextBoolean()) : null;
    }
  }

  private static void update(Shape s, Step step) {
    if (step instanceof Step.FixedWindowsInto) {
      rewindow(s, false, false);
    } else if (step instanceof Step.SlidingWindowsInto w) {
      rewindow(s, w.sizeMillis() > w.periodMillis(), false);
    } else if (step instanceof Step.SessionsInto) {
      rewindow(s, false, true);
    } else if (step instanceof Step.GroupByKeySumAndCount || step instanceof Step.CombineSum
        || step instanceof Step.CountPerKey) {
      grouped(s);
    }
  }

  private static void rewindow(Shape s, boolean multiWindow, boolean merging) {
    s.global = false;
    s.multiWindow = multiWindow;
    s.merging = merging;
    s.mustRewindow = false;
  }

  private static void grouped(Shape s) {
    s.multiWindow = false;
    if (s.global) {
      s.atEndOfGlobalWindow = true;
    } else {
      s.evenTimestamps = false;
    }
    s.mustRewindow = s.merging;
  }
}
