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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window- and pane-specific assertions that fail: the message names the selector, gives the diff
 * of the selected elements, and lists what the window held in each pane. Misused selectors are
 * rejected when the assertion is declared.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.COMBINE})
class PAssertPaneFailuresTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** W0: EARLY 0 = 3, ON_TIME 1 = 6, LATE 2 = 10; W1: ON_TIME 0 = 10 (accumulating). */
  private PCollection<KV<String, Long>> accumulatingSums() {
    return PaneScripts.combine(
        p.apply(earlyOnTimeAndLate()).apply(earlyAndLate().accumulatingFiredPanes()));
  }

  @Test
  void aWrongOnTimePaneShowsTheDiffAndEveryPaneOfTheWindow() {
    PAssert.that(accumulatingSums()).inOnTimePane(W0).containsInAnyOrder(k(3));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inOnTimePane(" + W0 + ").containsInAnyOrder on '")
        .hasMessageContaining("Expected (in any order): [" + k(3) + "]\n  Actual: [" + k(6) + "]\n"
            + "  Missing: [" + k(3) + "]\n  Unexpected: [" + k(6) + "]\n"
            + "  Selected: the on-time pane of window " + W0 + "\n"
            + "  Panes of window " + W0 + ":\n"
            + "    EARLY pane 0 (not selected): [" + k(3) + "]\n"
            + "    ON_TIME pane 1: [" + k(6) + "]\n"
            + "    LATE pane 2 (not selected): [" + k(10) + "]");
  }

  @Test
  void aWindowWithoutAFinalPaneFailsASingletonAssertion() {
    // No data arrives after the late pane, so the expiring window fires nothing and no pane of
    // W0 is marked last (ClosingBehavior FIRE_IF_NON_EMPTY).
    PAssert.thatSingleton(accumulatingSums()).inFinalPane(W0).isEqualTo(k(10));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inFinalPane(" + W0 + ").thatSingleton.isEqualTo")
        .hasMessageContaining("Expected a single element equal to " + k(10)
            + ", but the collection is empty\n  Selected: the final pane of window " + W0)
        .hasMessageContaining("    LATE pane 2 (not selected): [" + k(10) + "]");
  }

  @Test
  void aSelectedWindowWithoutElementsListsTheWindowsThatHaveSome() {
    PAssert.that(accumulatingSums()).inWindow(W2).containsInAnyOrder(k(1));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inWindow(" + W2 + ").containsInAnyOrder")
        .hasMessageContaining("Selected: all panes of window " + W2 + "\n"
            + "  The window has no elements; the collection has elements in [" + W0 + ", " + W1
            + "]");
  }

  @Test
  void severalEarlyPanesFailASingletonAssertion() {
    // Early firing after every element, accumulating: EARLY 0 = 1, EARLY 1 = 1+2.
    PCollection<KV<String, Long>> sums = PaneScripts.combine(p
        .apply(stream().addElements(at(1, 10)).addElements(at(2, 20)).advanceWatermarkToInfinity())
        .apply(minutes().triggering(AfterWatermark.pastEndOfWindow()
            .withEarlyFirings(AfterPane.elementCountAtLeast(1))).accumulatingFiredPanes()));
    PAssert.thatSingleton("one early pane", sums).inEarlyPane(W0).isEqualTo(k(3));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inEarlyPane(" + W0 + ").thatSingleton.isEqualTo [one early pane]")
        .hasMessageContaining("but the collection has 2: [" + k(1) + ", " + k(3) + "]");
  }

  @Test
  void inOnlyPaneFailsWhenTheWindowFiredMoreThanOnce() {
    // ON_TIME 0 = 1, then the late element makes a final LATE pane at expiry.
    PCollection<KV<String, Long>> sums = PaneScripts.combine(p
        .apply(stream().addElements(at(1, 10)).advanceWatermarkTo(t(60)).addElements(at(2, 20))
            .advanceWatermarkToInfinity())
        .apply(minutes().triggering(AfterWatermark.pastEndOfWindow()
                .withLateFirings(AfterPane.elementCountAtLeast(5)))
            .withAllowedLateness(Duration.ofMinutes(2)).accumulatingFiredPanes()));
    PAssert.that(sums).inOnlyPane(W0).containsInAnyOrder(k(1));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inOnlyPane(" + W0 + ").containsInAnyOrder")
        .hasMessageContaining("Expected the elements of window " + W0 + " in a single pane (from "
            + "a trigger that fires at most once), but one of its panes (ON_TIME pane 0) is not "
            + "the last pane.")
        .hasMessageContaining("    ON_TIME pane 0: [" + k(1) + "]\n"
            + "    LATE pane 1 (final): [" + k(3) + "]");
  }

  @Test
  void ungroupedElementsHaveNoPaneTimingAndTheMessageSaysSo() {
    PCollection<String> words = p.apply(Create.timestamped(
            dev.millrace.values.TimestampedValue.of("a", t(10)),
            dev.millrace.values.TimestampedValue.of("b", t(70))))
        .apply(dev.millrace.transforms.Window.into(
            dev.millrace.windowing.FixedWindows.of(Duration.ofMinutes(1))));
    PAssert.that(words).inWindow(W0).containsInAnyOrder("a");
    PAssert.that(words).inOnTimePane(W0).containsInAnyOrder("a");
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("inOnTimePane(" + W0 + ").containsInAnyOrder")
        .hasMessageContaining("Missing: [a]")
        .hasMessageContaining("pane without timing (no firing) (not selected): [a]")
        .hasMessageContaining("did not come from a triggered grouping (GroupByKey, Combine), so "
            + "their panes have no timing; use inWindow(window) to check them.");
  }

  @Test
  void aWindowOfTheWrongTypeIsRejectedWhenDeclared() {
    PCollection<KV<String, Long>> sums = accumulatingSums();
    assertThatThrownBy(() -> PAssert.that(sums).inWindow(GlobalWindow.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inWindow(GlobalWindow): the collection '" + sums.getName()
            + "' is windowed by")
        .hasMessageContaining("which never produces a GlobalWindow");
    assertThatThrownBy(() -> PAssert.thatSingleton(sums).inOnTimePane(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("inOnTimePane(null): give the window to check");
    assertThatThrownBy(() -> PAssert.that(sums).inEarlyGlobalWindowPanes())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not by GlobalWindows. Use inEarlyPane(window)");
    PAssert.that(sums).inOnTimePane(W0).containsInAnyOrder(k(6));
    p.run();
  }
}
