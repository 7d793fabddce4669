package dev.millrace.compliance.testing;

import static dev.millrace.compliance.testing.PaneScripts.W0;
import static dev.millrace.compliance.testing.PaneScripts.W1;
import static dev.millrace.compliance.testing.PaneScripts.W2;
import static dev.millrace.compliance.testing.PaneScripts.at;
import static dev.millrace.compliance.testing.PaneScripts.earlyAndLate;
import static dev.millrace.compliance.testing.PaneScripts.earlyOnTimeAndLate;
import static dev.millrace.compliance.testing.PaneScripts.k;
import static dev.millrace.compliance.testing.PaneScripts.minutes;
import static dev.millrace.compliance.testing.PaneScripts.stream;
import static dev.millrace.compliance.testing.PaneScripts.t;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.PAssert.PaneSelectable;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window- and pane-specific assertions that hold, over TestStream scripts with early, on-time and
 * late firings in both accumulation modes. The expected panes follow Beam's documented semantics:
 * early firings repeat until the watermark passes the end of the window; the pane fired when it
 * does is ON_TIME; later ones are LATE; a pane is marked last only when no more can follow (the
 * window expires with new data, or the watermark passes the end of the window and its expiry in
 * one step, as with no allowed lateness or a jump to infinity); an expiring window with no data
 * since its last pane fires nothing (the default closing behavior FIRE_IF_NON_EMPTY), so it then
 * has no final pane.
 *
 * <p>Every row is checked with {@code PAssert.that(..)}, and rows expecting one element also
 * with {@code PAssert.thatSingleton(..)}.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.COMBINE})
class PAssertPanesTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** The selectors of PAssert; NONE checks every element of every window. */
  enum Selector { NONE, IN_WINDOW, ON_TIME, FINAL, EARLY, LATE, NON_LATE, ONLY, EARLY_GLOBAL }

  /** One expectation: the per-key sums that the selector sees in the window. */
  record Check(Selector selector, BoundedWindow window, List<Long> sums) {
    @Override
    public String toString() {
      return selector + (window == null ? "" : " of " + window) + " = " + sums;
    }
  }

  /** One script, windowing and aggregation, with its expectations. */
  record Scenario(String name, TestStream<KV<String, Long>> script,
      Window<KV<String, Long>> windowing,
      UnaryOperator<PCollection<KV<String, Long>>> aggregation, List<Check> checks) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Check check(Selector s, BoundedWindow w, long... sums) {
    List<Long> list = new ArrayList<>();
    for (long v : sums) {
      list.add(v);
    }
    return new Check(s, w, list);
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        // W0: EARLY 0 = 1+2, ON_TIME 1 = 1+2+3, LATE 2 = 1+2+3+4, and no final pane (nothing
        // new when it expires). W1: ON_TIME 0 = 10, final: the watermark jumps to infinity, past
        // the end of W1 and its expiry at once.
        new Scenario("early, on-time and late panes, accumulating, Combine", earlyOnTimeAndLate(),
            earlyAndLate().accumulatingFiredPanes(), PaneScripts::combine, List.of(
                check(Selector.NONE, null, 3, 6, 10, 10),
                check(Selector.IN_WINDOW, W0, 3, 6, 10),
                check(Selector.EARLY, W0, 3),
                check(Selector.ON_TIME, W0, 6),
                check(Selector.LATE, W0, 10),
                check(Selector.NON_LATE, W0, 3, 6),
                check(Selector.FINAL, W0),
                check(Selector.IN_WINDOW, W1, 10),
                check(Selector.ON_TIME, W1, 10),
                check(Selector.EARLY, W1),
                check(Selector.LATE, W1),
                check(Selector.FINAL, W1, 10),
                check(Selector.ONLY, W1, 10),
                check(Selector.IN_WINDOW, W2))),
        // W0: EARLY 0 = 1+2, ON_TIME 1 = 3, LATE 2 = 4; W1: ON_TIME 0 = 10.
        new Scenario("early, on-time and late panes, discarding, GroupByKey",
            earlyOnTimeAndLate(), earlyAndLate().discardingFiredPanes(),
            PaneScripts::groupAndSum, List.of(
                check(Selector.NONE, null, 3, 3, 4, 10),
                check(Selector.IN_WINDOW, W0, 3, 3, 4),
                check(Selector.EARLY, W0, 3),
                check(Selector.ON_TIME, W0, 3),
                check(Selector.LATE, W0, 4),
                check(Selector.NON_LATE, W0, 3, 3),
                check(Selector.ON_TIME, W1, 10))),
        // W0: ON_TIME 0 = 1; 2@20 arrives late but does not reach the late trigger's count, so
        // it is emitted when the window expires (watermark 200 > 60 + 120): LATE 1, last = 1+2.
        // 5@30 arrives after expiry and is dropped.
        new Scenario("the pane emitted at expiry is late and final",
            stream().addElements(at(1, 10)).advanceWatermarkTo(t(60)).addElements(at(2, 20))
                .advanceWatermarkTo(t(200)).addElements(at(5, 30)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(2)))
                .withAllowedLateness(Duration.ofMinutes(2)).accumulatingFiredPanes(),
            PaneScripts::combine, List.of(
                check(Selector.IN_WINDOW, W0, 1, 3),
                check(Selector.ON_TIME, W0, 1),
                check(Selector.LATE, W0, 3),
                check(Selector.FINAL, W0, 3),
                check(Selector.EARLY, W0))),
        // The default trigger without lateness: one ON_TIME pane per window, first and last.
        new Scenario("default trigger: the on-time pane is the only pane",
            stream().addElements(at(1, 10)).addElements(at(2, 20)).addElements(at(5, 70))
                .advanceWatermarkToInfinity(),
            minutes(), PaneScripts::groupAndSum, List.of(
                check(Selector.ONLY, W0, 3),
                check(Selector.ONLY, W1, 5),
                check(Selector.ON_TIME, W0, 3),
                check(Selector.FINAL, W0, 3),
                check(Selector.EARLY, W0),
                check(Selector.LATE, W0))),
        // No lateness: EARLY 0 = 1, EARLY 1 = 1+2, then ON_TIME 2 = 1+2, which is final.
        new Scenario("early firings without lateness: the on-time pane is final",
            stream().addElements(at(1, 10)).addElements(at(2, 20)).advanceWatermarkTo(t(60))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(1)))
                .accumulatingFiredPanes(),
            PaneScripts::combine, List.of(
                check(Selector.EARLY, W0, 1, 3),
                check(Selector.ON_TIME, W0, 3),
                check(Selector.FINAL, W0, 3),
                check(Selector.NON_LATE, W0, 1, 3, 3),
                check(Selector.LATE, W0))),
        // Global window, every 2 elements: EARLY 0 = 1+2, EARLY 1 = 3+4; the rest (5) fires when
        // the input ends, in the ON_TIME pane 2, which is final.
        new Scenario("global window: early panes before the end of input",
            stream().addElements(at(1, 1)).addElements(at(2, 2)).addElements(at(3, 3))
                .addElements(at(4, 4)).addElements(at(5, 5)).advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(GlobalWindows.of())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(2)))
                .discardingFiredPanes(),
            PaneScripts::combine, List.of(
                check(Selector.EARLY_GLOBAL, null, 3, 7),
                check(Selector.EARLY, GlobalWindow.INSTANCE, 3, 7),
                check(Selector.ON_TIME, GlobalWindow.INSTANCE, 5),
                check(Selector.FINAL, GlobalWindow.INSTANCE, 5),
                check(Selector.IN_WINDOW, GlobalWindow.INSTANCE, 3, 7, 5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void paneAssertionsHold(Scenario s) {
    PCollection<KV<String, Long>> sums =
        s.aggregation().apply(p.apply(s.script()).apply(s.windowing()));
    for (Check c : s.checks()) {
      List<KV<String, Long>> expected = new ArrayList<>();
      c.sums().forEach(v -> expected.add(k(v)));
      select(PAssert.that(c.toString(), sums), c).containsInAnyOrder(expected);
      if (expected.size() == 1 && c.selector() != Selector.EARLY_GLOBAL) {
        select(PAssert.thatSingleton(c.toString(), sums), c).isEqualTo(expected.get(0));
      }
    }
    p.run();
  }

  private static PAssert.IterableAssert<KV<String, Long>> select(
      PAssert.IterableAssert<KV<String, Long>> a, Check c) {
    return c.selector() == Selector.EARLY_GLOBAL ? a.inEarlyGlobalWindowPanes() : by(a, c);
  }

  private static <A> A select(PaneSelectable<A> a, Check c) {
    return by(a, c);
  }

  @SuppressWarnings("unchecked")
  private static <A> A by(PaneSelectable<A> a, Check c) {
    BoundedWindow w = c.window();
    return switch (c.selector()) {
      case NONE -> (A) a;
      case IN_WINDOW -> a.inWindow(w);
      case ON_TIME -> a.inOnTimePane(w);
      case FINAL -> a.inFinalPane(w);
      case EARLY -> a.inEarlyPane(w);
      case LATE -> a.inLatePane(w);
      case NON_LATE -> a.inCombinedNonLatePanes(w);
      case ONLY -> a.inOnlyPane(w);
      case EARLY_GLOBAL -> throw new IllegalArgumentException("only for PAssert.that");
    };
  }

  @Test
  void mapAndMultimapAssertionsSelectPanesToo() {
    PCollection<KV<String, Long>> sums = PaneScripts.combine(
        p.apply(earlyOnTimeAndLate()).apply(earlyAndLate().accumulatingFiredPanes()));
    PAssert.thatMap(sums).inOnTimePane(W0).isEqualTo(Map.of("k", 6L));
    PAssert.thatMap(sums).inLatePane(W0).isEqualTo(Map.of("k", 10L));
    PAssert.thatMultimap(sums).inWindow(W0).isEqualTo(Map.of("k", List.of(10L, 3L, 6L)));
    PAssert.thatMultimap(sums).isEqualTo(Map.of("k", List.of(3L, 6L, 10L, 10L)));
    p.run();
  }
}
