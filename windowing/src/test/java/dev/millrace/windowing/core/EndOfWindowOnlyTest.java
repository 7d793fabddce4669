package dev.millrace.windowing.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Windows that fire only at their end ({@link GroupAlsoByWindow#firesOnlyAtEndOfWindow}) keep
 * less state than other windows, but must behave exactly like them: the same strategy with a
 * trigger that fires the same way ({@code Repeatedly.forever(AfterWatermark.pastEndOfWindow())},
 * which takes the general path) gives the same panes, drops the same late elements, holds the
 * output watermark the same way after every step, and leaves no state behind.
 */
class EndOfWindowOnlyTest {

  static Stream<Arguments> strategiesThatTakeTheShortPath() {
    return Stream.of(
        Arguments.of("fixed 10", WindowingStrategy.globalDefault()
            .withWindowFn(FixedWindows.of(Duration.ofMillis(10)))),
        Arguments.of("sliding 20 every 5", WindowingStrategy.globalDefault()
            .withWindowFn(SlidingWindows.of(Duration.ofMillis(20)).every(Duration.ofMillis(5)))),
        Arguments.of("global", WindowingStrategy.globalDefault()));
  }

  static Stream<Arguments> whichStrategiesTakeIt() {
    WindowingStrategy fixed = WindowingStrategy.globalDefault()
        .withWindowFn(FixedWindows.of(Duration.ofMillis(10)));
    return Stream.of(
        Arguments.of("fixed, defaults", fixed, true),
        Arguments.of("global, defaults", WindowingStrategy.globalDefault(), true),
        Arguments.of("allowed lateness", fixed.withAllowedLateness(Duration.ofMillis(1)), false),
        Arguments.of("EARLIEST", fixed.withTimestampCombiner(TimestampCombiner.EARLIEST), false),
        Arguments.of("LATEST", fixed.withTimestampCombiner(TimestampCombiner.LATEST), false),
        Arguments.of("sessions", WindowingStrategy.globalDefault()
            .withWindowFn(Sessions.withGapDuration(Duration.ofMillis(10))), false),
        Arguments.of("a trigger that fires the same way",
            fixed.withTrigger(Repeatedly.forever(AfterWatermark.pastEndOfWindow())), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whichStrategiesTakeIt")
  void onlyTheDefaultsOfANonMergingGroupingTakeTheShortPath(
      String name, WindowingStrategy strategy, boolean expected) {
    assertThat(GroupAlsoByWindow.firesOnlyAtEndOfWindow(strategy)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategiesThatTakeTheShortPath")
  void sumsLikeTheGeneralPath(String name, WindowingStrategy strategy) {
    WindowingStrategy general =
        strategy.withTrigger(Repeatedly.forever(AfterWatermark.pastEndOfWindow()));
    assertThat(GroupAlsoByWindow.firesOnlyAtEndOfWindow(general)).isFalse();
    for (long seed = 0; seed < 20; seed++) {
      List<String> script = randomScript(new Random(seed));
      GroupAlsoByWindowTester<Long> shortPath = GroupAlsoByWindowTester.summing(strategy);
      GroupAlsoByWindowTester<Long> generalPath = GroupAlsoByWindowTester.summing(general);
      assertSameBehaviour(script, shortPath, generalPath);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategiesThatTakeTheShortPath")
  void groupsLikeTheGeneralPath(String name, WindowingStrategy strategy) {
    WindowingStrategy general =
        strategy.withTrigger(Repeatedly.forever(AfterWatermark.pastEndOfWindow()));
    for (long seed = 100; seed < 110; seed++) {
      List<String> script = randomScript(new Random(seed));
      assertSameBehaviour(script, GroupAlsoByWindowTester.grouping(strategy),
          GroupAlsoByWindowTester.grouping(general));
    }
  }

  private static <O> void assertSameBehaviour(
      List<String> script, GroupAlsoByWindowTester<O> shortPath,
      GroupAlsoByWindowTester<O> generalPath) {
    List<String> shortTrace = new ArrayList<>();
    List<String> generalTrace = new ArrayList<>();
    for (String step : script) {
      Scripts.run(shortPath, List.of(step));
      Scripts.run(generalPath, List.of(step));
      shortTrace.add(step + " -> " + shortPath.takeOutputs() + " wm " + shortPath.outputWatermark());
      generalTrace.add(
          step + " -> " + generalPath.takeOutputs() + " wm " + generalPath.outputWatermark());
    }
    assertThat(shortTrace).as("script %s", script).isEqualTo(generalTrace);
    assertThat(shortTrace).as("the script emits panes").anyMatch(s -> s.contains("ON_TIME"));
    assertThat(shortPath.droppedDueToLateness()).isEqualTo(generalPath.droppedDueToLateness());
    assertThat(shortPath.droppedDueToClosedWindow()).isZero();
    assertThat(shortPath.isStateEmpty()).as("state after the end of time").isTrue();
  }

  /** Bundles of 1-4 elements of keys a-c, some behind the watermark; watermark steps; the end. */
  private static List<String> randomScript(Random r) {
    List<String> steps = new ArrayList<>();
    long watermark = 0;
    for (int i = 0; i < 12; i++) {
      if (r.nextInt(3) == 0) {
        watermark += 1 + r.nextInt(15);
        steps.add("wm:" + watermark);
      } else {
        StringBuilder bundle = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int j = 0; j < n; j++) {
          long t = Math.max(0, watermark - 8 + r.nextInt(30));
          bundle.append(j == 0 ? "" : " ")
              .append((char) ('a' + r.nextInt(3))).append(':').append(1 + r.nextInt(9))
              .append('@').append(t);
        }
        steps.add(bundle.toString());
      }
    }
    steps.add("wm:inf");
    return steps;
  }
}
