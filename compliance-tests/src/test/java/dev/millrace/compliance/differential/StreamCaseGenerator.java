package dev.millrace.compliance.differential;

import dev.millrace.compliance.differential.StreamBranch.Grouping;
import dev.millrace.compliance.differential.StreamBranch.SideInput;
import dev.millrace.compliance.differential.StreamBranch.WindowKind;
import dev.millrace.compliance.differential.StreamBranch.WindowSpec;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.triggers.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a {@link StreamBatch}: one random {@link StreamScript} and several random {@link
 * StreamBranch pipelines} over it, using only the {@link Features} allowed.
 *
 * <p>What is generated: element-wise steps (map, filter, flat-map, forward timestamp shifts)
 * before the windowing; every window function with a random non-default trigger, accumulation
 * mode, allowed lateness, timestamp combiner and on-time / closing behavior; GroupByKey, Combine
 * sum or Count; element-wise steps (including a Flatten of two branches) and a global-window side
 * input from a {@code Create} after the grouping. Side inputs are only read after the grouping:
 * before it, a runner may hold back main-input elements until the side input is ready, which
 * legitimately changes how they are bundled into panes. Scripts use several keys by default.
 * A Flatten of two branches of the TestStream before the grouping and a second grouping under
 * the continuation trigger are generated too (each can be switched off, see {@link Knobs}).
 */
final class StreamCaseGenerator {
  private static final long[] FIXED = {10_000, 30_000, 60_000};
  private static final long[][] SLIDING = {{30_000, 10_000}, {20_000, 10_000}};
  private static final long[] GAPS = {5_001, 15_001};
  private static final long[] LATENESS = {0, 5_000, 30_000, 600_000};

  private final Features features;
  private final Knobs knobs;

  /**
   * Switches for generated features, to narrow a disagreement down.
   *
   * @param maxKeys how many distinct keys a script may use (default 3); with 1, no re-keying
   *     before the grouping either, so every grouping sees a single key. Several keys check that
   *     a key's panes do not depend on which other keys share its partition or subtask (the
   *     grouping core decides element holds and ON_TIME versus LATE against the key's own output
   *     watermark, see KeyedGroupAlsoByWindow).
   * @param flattenBeforeGrouping whether a Flatten of two branches of the TestStream may precede
   *     the grouping (default true). It found that on Flink the two branches' elements of one
   *     TestStream event did not reach the grouping as one bundle and that a branch could be
   *     processed under another step's watermark; fixed by running every operator step by step
   *     (records carry their script step, held watermarks travel as markers).
   * @param regroup whether to generate second groupings under continuation triggers (default
   *     true). It found that on Flink a grouping after another one labelled panes differently
   *     (same cause), and that a side input from a bounded Create looked unready to a parallel
   *     Flink job until the very end.
   */
  record Knobs(int maxKeys, boolean flattenBeforeGrouping, boolean regroup) {
    /** The defaults, overridden by -Ddifferential.keys, .flattenBeforeGrouping, .regroup. */
    static Knobs fromSystemProperties() {
      return new Knobs(Integer.getInteger("differential.keys", 3),
          Boolean.parseBoolean(System.getProperty("differential.flattenBeforeGrouping", "true")),
          Boolean.parseBoolean(System.getProperty("differential.regroup", "true")));
    }
  }

  /**
   * @param features what the runner under test supports
   * @param knobs which features with known disagreements to generate
   */
  StreamCaseGenerator(Features features, Knobs knobs) {
    this.features = features;
    this.knobs = knobs;
  }

  /** The batch for {@code seed} with {@code branches} pipelines; deterministic. */
  StreamBatch generate(long seed, int branches) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StreamScript script = StreamScript.generate(rnd, knobs.maxKeys());
    List<StreamBranch> out = new ArrayList<>();
    for (int i = 0; i < branches; i++) {
      out.add(branch(rnd));
    }
    return new StreamBatch(seed, script, out);
  }

  private StreamBranch branch(SplittableRandom rnd) {
    List<Step> pre = elementWise(rnd, rnd.nextInt(4), true, knobs.maxKeys() > 1,
        knobs.flattenBeforeGrouping());
    WindowSpec window = window(rnd);
    Grouping grouping = grouping(rnd);
    List<Step> post = elementWise(rnd, rnd.nextInt(3), false, true, true);
    boolean sideOk = features.sideInputs()
        && (window.kind() == WindowKind.GLOBAL || features.windowedSideInputs());
    SideInput side = sideOk && rnd.nextInt(3) == 0 ? sideInput(rnd) : null;
    Grouping again = knobs.regroup() && rnd.nextInt(4) == 0 ? grouping(rnd) : null;
    return new StreamBranch(pre, window, grouping, post, side, again);
  }

  private Grouping grouping(SplittableRandom rnd) {
    if (!features.combine()) {
      return Grouping.GROUP_BY_KEY;
    }
    return Grouping.values()[rnd.nextInt(Grouping.values().length)];
  }

  private static List<Step> elementWise(SplittableRandom rnd, int n, boolean beforeWindowing,
      boolean rekey, boolean flatten) {
    List<Step> steps = new ArrayList<>();
    while (steps.size() < n) {
      switch (rnd.nextInt(6)) {
        case 0 -> steps.add(new Step.MapValues(1 + rnd.nextInt(7), rnd.nextInt(50)));
        case 1 -> {
          if (rekey) {
            steps.add(new Step.RekeyByValue(2 + rnd.nextInt(2)));
          }
        }
        case 2 -> {
          int mod = 2 + rnd.nextInt(4);
          steps.add(new Step.FilterValues(mod, rnd.nextInt(mod)));
        }
        case 3 -> steps.add(new Step.FlatMapCopies(1 + rnd.nextInt(3)));
        case 4 -> {
          if (flatten) {
            steps.add(new Step.FlattenWithBranch(1 + rnd.nextInt(20)));
          }
        }
        default -> {
          if (beforeWindowing) {
            steps.add(new Step.ShiftTimestamps(2L * rnd.nextInt(5_000)));
          }
        }
      }
    }
    return steps;
  }

  private WindowSpec window(SplittableRandom rnd) {
    WindowKind kind = WindowKind.values()[rnd.nextInt(WindowKind.values().length)];
    if (kind == WindowKind.SESSIONS && !features.mergingWindows()) {
      kind = WindowKind.FIXED;
    }
    long size = 0;
    long period = 0;
    switch (kind) {
      case FIXED -> size = FIXED[rnd.nextInt(FIXED.length)];
      case SLIDING -> {
        long[] sp = SLIDING[rnd.nextInt(SLIDING.length)];
        size = sp[0];
        period = sp[1];
      }
      case SESSIONS -> size = GAPS[rnd.nextInt(GAPS.length)];
      default -> { }
    }
    Trigger trigger = new TriggerGenerator(rnd, true).topLevel();
    long lateness = TriggerGenerator.needsZeroLateness(trigger)
        ? 0 : LATENESS[rnd.nextInt(LATENESS.length)];
    TimestampCombiner combiner = rnd.nextInt(3) == 0
        ? TimestampCombiner.values()[rnd.nextInt(TimestampCombiner.values().length)] : null;
    ClosingBehavior closing = rnd.nextInt(3) == 0
        ? ClosingBehavior.values()[rnd.nextInt(ClosingBehavior.values().length)] : null;
    OnTimeBehavior onTime = rnd.nextInt(3) == 0
        ? OnTimeBehavior.values()[rnd.nextInt(OnTimeBehavior.values().length)] : null;
    return new WindowSpec(kind, size, period, trigger, rnd.nextBoolean(), lateness, combiner,
        closing, onTime);
  }

  private static SideInput sideInput(SplittableRandom rnd) {
    List<Long> values = new ArrayList<>();
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      values.add((long) rnd.nextInt(100));
    }
    return new SideInput(rnd.nextBoolean(), values);
  }
}
