package dev.millrace.windowing.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The panes of a key depend only on that key's data and the input watermark, never on which
 * other keys share its state store and clock (a runner's partition or subtask): element holds,
 * ON_TIME versus LATE and end-of-window timers are decided against the key's own output
 * watermark. Each script runs once with all keys sharing one tester (one partition) and once per
 * key alone; the key's panes must be the same.
 */
class KeyIndependenceTest {
  private static final Duration MS100 = Duration.ofMillis(100);

  @Test
  void aLateElementOfOneKeyIsNotHeldByAnotherKeysEarlierHold() {
    // Key b holds the partition's output watermark at 10; for key a alone it is at its own hold,
    // 100, so a's element at 50 is behind a's output watermark and gets no element hold.
    WindowingStrategy s =
        global()
            .withTrigger(Repeatedly.forever(new AfterPane(2)))
            .withTimestampCombiner(TimestampCombiner.EARLIEST);
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("b:1@10", "a:1@100", "wm:150", "a:1@50"));
    assertThat(t.takeOutputs()).containsExactly("a global 2 @100 EARLY 0/-1 first");
  }

  @Test
  void aPaneAfterTheKeysOutputWatermarkPassedTheWindowIsLateWhateverOtherKeysHold() {
    // Key b's END_OF_WINDOW hold at 9 keeps the partition's output watermark at 9; key a holds
    // nothing, so its output watermark is the input watermark, 12, past its window's end.
    WindowingStrategy s =
        Scripts.fixed(10)
            .withTrigger(Repeatedly.forever(new AfterPane(2)))
            .withAllowedLateness(MS100);
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("b:1@3", "wm:12", "a:1@5 a:1@6"));
    assertThat(t.takeOutputs()).containsExactly("a [0,10) 2 @9 LATE 0/0 first");
    t.advanceWatermarkToInfinity();
    assertThat(t.takeOutputs()).containsExactly("b [0,10) 1 @9 ON_TIME 0/0 first last");
  }

  @Test
  void theTimersBeingDeliveredStillHoldTheKeysOutputWatermark() {
    // The on-time pane fires from the end-of-window timer after an early pane released the hold:
    // the timer itself keeps the key's output watermark at the window's end, so it is ON_TIME.
    WindowingStrategy s =
        Scripts.fixed(10)
            .withTrigger(AfterWatermark.pastEndOfWindow().withEarlyFirings(new AfterPane(1)));
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("a:1@1", "wm:50"));
    assertThat(t.takeOutputs())
        .containsExactly("a [0,10) 1 @9 EARLY 0/-1 first", "a [0,10) 0 @9 ON_TIME 1/0 last");
  }

  static Stream<Arguments> cases() {
    WindowingStrategy fixed = Scripts.fixed(10);
    WindowingStrategy earlyLate =
        fixed
            .withTrigger(
                AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(new AfterPane(2))
                    .withLateFirings(new AfterPane(1)))
            .withAllowedLateness(MS100);
    WindowingStrategy count =
        fixed.withTrigger(Repeatedly.forever(new AfterPane(2))).withAllowedLateness(MS100);
    List<String> script =
        List.of("b:1@3 c:2@25", "a:3@14", "wm:12", "a:4@5 a:5@6 b:6@8", "c:7@2 a:8@16",
            "wm:22", "b:9@4 a:10@13 c:11@21", "a:12@1", "wm:45", "c:13@30 a:14@9", "wm:inf");
    List<Arguments> cases = new ArrayList<>();
    for (TimestampCombiner combiner : TimestampCombiner.values()) {
      cases.add(Arguments.of("early/late " + combiner, earlyLate.withTimestampCombiner(combiner),
          script));
      cases.add(Arguments.of("count " + combiner, count.withTimestampCombiner(combiner), script));
      cases.add(Arguments.of("global count " + combiner,
          global().withTrigger(Repeatedly.forever(new AfterPane(2)))
              .withTimestampCombiner(combiner), script));
      cases.add(Arguments.of("sliding count " + combiner,
          WindowingStrategy.globalDefault()
              .withWindowFn(SlidingWindows.of(Duration.ofMillis(20)).every(Duration.ofMillis(10)))
              .withTrigger(Repeatedly.forever(new AfterPane(2)))
              .withAllowedLateness(MS100)
              .withTimestampCombiner(combiner), script));
      cases.add(Arguments.of("sessions early/late " + combiner,
          WindowingStrategy.globalDefault()
              .withWindowFn(Sessions.withGapDuration(Duration.ofMillis(5)))
              .withTrigger(earlyLate.trigger())
              .withAllowedLateness(MS100)
              .withTimestampCombiner(combiner), script));
    }
    cases.add(Arguments.of("early/late accumulating, FIRE_ALWAYS closing",
        earlyLate.withMode(AccumulationMode.ACCUMULATING_FIRED_PANES)
            .withClosingBehavior(ClosingBehavior.FIRE_ALWAYS), script));
    cases.add(Arguments.of("count, on-time FIRE_IF_NON_EMPTY",
        count.withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY), script));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachKeysPanesAreTheSameAloneAndSharingAPartition(
      String name, WindowingStrategy strategy, List<String> script) {
    GroupAlsoByWindowTester<Long> shared = GroupAlsoByWindowTester.summing(strategy);
    Scripts.run(shared, script);
    List<String> together = shared.takeOutputs();
    assertThat(together).as("the script must produce panes").isNotEmpty();
    for (String key : List.of("a", "b", "c")) {
      GroupAlsoByWindowTester<Long> alone = GroupAlsoByWindowTester.summing(strategy);
      Scripts.run(alone, only(key, script));
      assertThat(alone.takeOutputs())
          .as("panes of key %s alone versus sharing a partition", key)
          .containsExactlyElementsOf(together.stream().filter(p -> p.startsWith(key + " ")).toList());
      assertThat(alone.isStateEmpty()).isTrue();
    }
  }

  /** The steps of {@code script} restricted to {@code key}'s elements (empty bundles dropped). */
  private static List<String> only(String key, List<String> script) {
    List<String> steps = new ArrayList<>();
    for (String step : script) {
      if (step.startsWith("wm:") || step.startsWith("pt:")) {
        steps.add(step);
        continue;
      }
      List<String> mine = new ArrayList<>();
      for (String e : step.trim().split("\\s+")) {
        if (e.startsWith(key + ":")) {
          mine.add(e);
        }
      }
      if (!mine.isEmpty()) {
        steps.add(String.join(" ", mine));
      }
    }
    return steps;
  }

  private static WindowingStrategy global() {
    return WindowingStrategy.globalDefault().withWindowFn(GlobalWindows.of());
  }
}
