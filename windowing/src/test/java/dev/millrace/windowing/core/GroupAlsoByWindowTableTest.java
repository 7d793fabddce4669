package dev.millrace.windowing.core;

import static dev.millrace.windowing.AccumulationMode.ACCUMULATING_FIRED_PANES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of the grouping core: window functions x triggers x accumulation modes x
 * timestamp combiners, lateness, dropping, empty panes and session merging. Values are summed;
 * windows are [start,end) in millis; panes render as "key window value @timestamp TIMING
 * index/nonSpeculativeIndex [first] [last]". Expected panes are derived from Beam's documented
 * semantics. Every case also checks that all state is gone once the watermark reached the end.
 */
class GroupAlsoByWindowTableTest {

  record Case(
      String name,
      WindowingStrategy strategy,
      List<String> script,
      List<String> expected,
      long droppedLate,
      long droppedClosed) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, WindowingStrategy s, List<String> script, String... panes) {
    return new Case(name, s, script, List.of(panes), 0, 0);
  }

  private static Case c(
      String name, WindowingStrategy s, List<String> script, long late, long closed,
      String... panes) {
    return new Case(name, s, script, List.of(panes), late, closed);
  }

  private static final Duration MS20 = Duration.ofMillis(20);
  private static final Duration MS100 = Duration.ofMillis(100);

  static Stream<Case> cases() {
    WindowingStrategy fixed = Scripts.fixed(10);
    WindowingStrategy earlyLate =
        fixed
            .withTrigger(
                AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(new AfterPane(2))
                    .withLateFirings(new AfterPane(1)))
            .withAllowedLateness(MS100);
    WindowingStrategy sessions =
        WindowingStrategy.globalDefault()
            .withWindowFn(Sessions.withGapDuration(Duration.ofMillis(10)));
    return Stream.of(
        c("fixed/default: one on-time pane per key and window", fixed,
            List.of("a:1@1 a:2@3 b:5@12", "wm:inf"),
            "a [0,10) 3 @9 ON_TIME 0/0 first last", "b [10,20) 5 @19 ON_TIME 0/0 first last"),
        c("fixed/default: lateness 0 drops late data", fixed,
            List.of("a:1@1", "wm:10", "a:2@2", "wm:inf"), 1, 0,
            "a [0,10) 1 @9 ON_TIME 0/0 first last"),
        c("fixed/default: late bundle fires one late pane, later data beyond lateness dropped",
            fixed.withAllowedLateness(MS20),
            List.of("a:1@1", "wm:10", "a:2@2 a:3@3", "wm:30", "a:4@4", "wm:inf"), 1, 0,
            "a [0,10) 1 @9 ON_TIME 0/0 first", "a [0,10) 5 @9 LATE 1/1"),
        c("fixed/default: closing FIRE_ALWAYS emits an empty final pane",
            fixed.withAllowedLateness(MS20).withClosingBehavior(ClosingBehavior.FIRE_ALWAYS),
            List.of("a:1@1", "wm:10", "a:2@2", "wm:inf"),
            "a [0,10) 1 @9 ON_TIME 0/0 first", "a [0,10) 2 @9 LATE 1/1",
            "a [0,10) 0 @9 LATE 2/2 last"),
        c("fixed/early+late accumulating", earlyLate.withMode(ACCUMULATING_FIRED_PANES),
            List.of("a:1@1", "a:2@2", "a:3@3", "wm:10", "a:4@4", "wm:inf"),
            "a [0,10) 3 @9 EARLY 0/-1 first", "a [0,10) 6 @9 ON_TIME 1/0",
            "a [0,10) 10 @9 LATE 2/1"),
        c("fixed/early+late discarding", earlyLate,
            List.of("a:1@1", "a:2@2", "a:3@3", "wm:10", "a:4@4", "wm:inf"),
            "a [0,10) 3 @9 EARLY 0/-1 first", "a [0,10) 3 @9 ON_TIME 1/0",
            "a [0,10) 4 @9 LATE 2/1"),
        c("fixed/repeated count: a bundle counts as a whole, the rest at GC",
            fixed.withTrigger(Repeatedly.forever(new AfterPane(2))),
            List.of("a:1@1 a:2@2 a:3@3", "a:4@4", "wm:inf"),
            "a [0,10) 6 @9 EARLY 0/-1 first", "a [0,10) 4 @9 ON_TIME 1/0 last"),
        c("fixed/repeated count accumulating",
            fixed.withTrigger(Repeatedly.forever(new AfterPane(2)))
                .withMode(ACCUMULATING_FIRED_PANES),
            List.of("a:1@1", "a:2@2", "a:3@3", "a:4@4", "wm:inf"),
            "a [0,10) 3 @9 EARLY 0/-1 first", "a [0,10) 10 @9 EARLY 1/-1",
            "a [0,10) 10 @9 ON_TIME 2/0 last"),
        c("fixed/earliest combiner", fixed.withTimestampCombiner(TimestampCombiner.EARLIEST),
            List.of("a:1@3 a:2@5", "a:3@1", "wm:inf"), "a [0,10) 6 @1 ON_TIME 0/0 first last"),
        c("fixed/latest combiner", fixed.withTimestampCombiner(TimestampCombiner.LATEST),
            List.of("a:1@3 a:2@5", "a:3@1", "wm:inf"), "a [0,10) 6 @5 ON_TIME 0/0 first last"),
        c("fixed/earliest combiner with early panes: each pane its own earliest",
            fixed.withTimestampCombiner(TimestampCombiner.EARLIEST)
                .withTrigger(AfterWatermark.pastEndOfWindow().withEarlyFirings(new AfterPane(2))),
            List.of("a:1@6 a:2@4", "a:3@8", "wm:inf"),
            "a [0,10) 3 @4 EARLY 0/-1 first", "a [0,10) 3 @8 ON_TIME 1/0 last"),
        c("fixed/empty on-time pane with FIRE_ALWAYS",
            fixed.withTrigger(AfterWatermark.pastEndOfWindow().withEarlyFirings(new AfterPane(1))),
            List.of("a:1@1", "wm:inf"),
            "a [0,10) 1 @9 EARLY 0/-1 first", "a [0,10) 0 @9 ON_TIME 1/0 last"),
        c("fixed/no empty on-time pane with FIRE_IF_NON_EMPTY",
            fixed.withTrigger(AfterWatermark.pastEndOfWindow().withEarlyFirings(new AfterPane(1)))
                .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY),
            List.of("a:1@1", "wm:inf"), "a [0,10) 1 @9 EARLY 0/-1 first"),
        c("fixed/never: only the closing pane", fixed.withTrigger(Never.ever()),
            List.of("a:1@1 a:2@2", "wm:10", "wm:inf"), "a [0,10) 3 @9 ON_TIME 0/0 first last"),
        c("fixed/count after the output watermark passed the window is LATE",
            fixed.withTrigger(Repeatedly.forever(new AfterPane(1))).withAllowedLateness(MS100),
            List.of("a:1@1", "wm:50", "a:2@2", "wm:inf"),
            "a [0,10) 1 @9 EARLY 0/-1 first", "a [0,10) 2 @9 LATE 1/0"),
        c("fixed/orFinally closes the window; later elements are dropped",
            fixed.withTrigger(new OrFinally(Repeatedly.forever(new AfterPane(1)), new AfterPane(3))),
            List.of("a:1@1", "a:2@2", "a:3@3", "a:4@4", "wm:inf"), 0, 1,
            "a [0,10) 1 @9 EARLY 0/-1 first", "a [0,10) 2 @9 EARLY 1/-1",
            "a [0,10) 3 @9 EARLY 2/-1 last"),
        c("fixed/afterEach runs its triggers in order, then closes",
            fixed.withTrigger(AfterEach.inOrder(new AfterPane(2), new AfterPane(1))),
            List.of("a:1@1", "a:2@2", "a:3@3", "a:4@4", "wm:inf"), 0, 1,
            "a [0,10) 3 @9 EARLY 0/-1 first", "a [0,10) 3 @9 EARLY 1/-1 last"),
        c("fixed/repeated afterFirst(count, watermark)",
            fixed.withTrigger(Repeatedly.forever(
                AfterFirst.of(new AfterPane(2), AfterWatermark.pastEndOfWindow()))),
            List.of("a:1@1", "a:2@2", "a:3@3", "wm:10", "wm:inf"),
            "a [0,10) 3 @9 EARLY 0/-1 first", "a [0,10) 3 @9 ON_TIME 1/0 last"),
        c("sliding: an element lands in every window covering it",
            WindowingStrategy.globalDefault().withWindowFn(
                SlidingWindows.of(Duration.ofMillis(10)).every(Duration.ofMillis(5))),
            List.of("a:1@7", "wm:inf"),
            "a [0,10) 1 @9 ON_TIME 0/0 first last", "a [5,15) 1 @14 ON_TIME 0/0 first last"),
        c("sessions/default: bridging element merges sessions", sessions,
            List.of("a:1@0", "a:2@25", "a:3@8", "wm:inf"),
            "a [0,18) 4 @17 ON_TIME 0/0 first last", "a [25,35) 2 @34 ON_TIME 0/0 first last"),
        c("sessions/merged trigger state and earliest holds",
            sessions.withTrigger(Repeatedly.forever(new AfterPane(3)))
                .withTimestampCombiner(TimestampCombiner.EARLIEST),
            List.of("a:1@0 a:2@5", "a:4@12", "wm:inf"),
            "a [0,22) 7 @0 EARLY 0/-1 first", "a [0,22) 0 @21 ON_TIME 1/0 last"),
        c("sessions/latest combiner across a merge",
            sessions.withTimestampCombiner(TimestampCombiner.LATEST),
            List.of("a:1@3", "a:2@9", "a:3@1", "wm:inf"), "a [1,19) 6 @9 ON_TIME 0/0 first last"),
        c("sessions/early+late accumulating across merges",
            sessions.withTrigger(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(new AfterPane(1)).withLateFirings(new AfterPane(1)))
                .withMode(ACCUMULATING_FIRED_PANES).withAllowedLateness(MS100),
            List.of("a:1@0", "a:2@5", "wm:100", "a:4@3", "wm:inf"),
            "a [0,10) 1 @9 EARLY 0/-1 first", "a [0,15) 3 @14 EARLY 0/-1 first",
            "a [0,15) 3 @14 ON_TIME 1/0", "a [0,15) 7 @14 LATE 2/1"),
        c("global/processing-time delay, strictly after the deadline",
            WindowingStrategy.globalDefault().withTrigger(Repeatedly.forever(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMillis(10)))),
            List.of("a:1@1", "pt:10", "a:2@2", "pt:11", "a:4@3", "wm:inf"),
            "a global 3 @globalmax EARLY 0/-1 first", "a global 4 @globalmax ON_TIME 1/0 last"),
        c("global/processing-time delay then alignment",
            WindowingStrategy.globalDefault().withTrigger(Repeatedly.forever(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMillis(5))
                    .alignedTo(Duration.ofMillis(20), Instant.EPOCH))),
            List.of("pt:3", "a:1@1", "pt:20", "pt:21", "wm:inf"),
            "a global 1 @globalmax EARLY 0/-1 first", "a global 0 @globalmax ON_TIME 1/0 last"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void producesExactlyTheExpectedPanes(Case c) {
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(c.strategy());
    Scripts.run(t, c.script());
    assertThat(t.takeOutputs()).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(t.droppedDueToLateness()).as("droppedDueToLateness").isEqualTo(c.droppedLate());
    assertThat(t.droppedDueToClosedWindow()).as("droppedDueToClosedWindow")
        .isEqualTo(c.droppedClosed());
    assertThat(t.isStateEmpty()).as("state after the end of time").isTrue();
  }
}
