package dev.millrace.compliance.differential;

import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Random non-default triggers that a grouping accepts: watermark triggers with early and late
 * firings, repeated element-count and processing-time triggers, AfterFirst / AfterAll / AfterEach
 * compositions and orFinally. Every top-level trigger is safe (cannot finish, or is a watermark
 * trigger whose lateness rule {@link #needsZeroLateness} tells the caller to respect).
 */
final class TriggerGenerator {
  private static final long[] DELAYS = {5_000, 10_000, 30_000, 60_000};

  private final SplittableRandom rnd;
  private final boolean processingTime;

  TriggerGenerator(SplittableRandom rnd, boolean processingTime) {
    this.rnd = rnd;
    this.processingTime = processingTime;
  }

  /** A random top-level trigger. */
  Trigger topLevel() {
    switch (rnd.nextInt(6)) {
      case 0:
      case 1: {
        AfterWatermark w = AfterWatermark.pastEndOfWindow();
        if (rnd.nextInt(3) > 0) {
          w = w.withEarlyFirings(once(1));
        }
        if (rnd.nextBoolean()) {
          w = w.withLateFirings(once(1));
        }
        return w;
      }
      case 2: return Repeatedly.forever(once(0));
      case 3: return Repeatedly.forever(once(0).orFinally(once(1)));
      case 4: return Repeatedly.forever(AfterEach.inOrder(once(1), once(1)));
      default: return Repeatedly.forever(
          Repeatedly.forever(once(1)).orFinally(AfterWatermark.pastEndOfWindow()));
    }
  }

  /**
   * Whether a grouping with {@code trigger} must have zero allowed lateness: a plain watermark
   * trigger without late firings finishes at the end of the window (the model rejects it with
   * lateness).
   */
  static boolean needsZeroLateness(Trigger trigger) {
    return trigger instanceof AfterWatermark w && w.late() == null;
  }

  /** A random once-trigger; {@code depth} limits the nesting of AfterFirst / AfterAll. */
  Trigger once(int depth) {
    int kinds = depth < 2 ? 5 : 3;
    switch (rnd.nextInt(kinds)) {
      case 0: return AfterPane.elementCountAtLeast(1 + rnd.nextInt(3));
      case 1: return processingTime ? delay() : AfterPane.elementCountAtLeast(2);
      case 2: return rnd.nextInt(4) == 0 ? AfterWatermark.pastEndOfWindow() : count();
      case 3: return AfterFirst.of(once(depth + 1), once(depth + 1));
      default: return AfterAll.of(once(depth + 1), once(depth + 1));
    }
  }

  private Trigger count() {
    return AfterPane.elementCountAtLeast(1 + rnd.nextInt(3));
  }

  private Trigger delay() {
    AfterProcessingTime t = AfterProcessingTime.pastFirstElementInPane()
        .plusDelayOf(Duration.ofMillis(DELAYS[rnd.nextInt(DELAYS.length)]));
    return rnd.nextInt(4) == 0 ? t.alignedTo(Duration.ofSeconds(30)) : t;
  }
}
