package dev.millrace.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Table-driven: each case is a script of "see ts" (an element with that timestamp) and "at p = w"
 * (query at processing time p expecting watermark w).
 */
class WatermarkEstimatorsTest {
  private static final long MIN = Timestamps.MIN;

  /** One script step: observe a timestamp, or query at a processing time expecting a value. */
  record Step(boolean observe, long value, long expected) {
    static Step see(long ts) {
      return new Step(true, ts, 0);
    }

    static Step at(long processingTime, long expectedWatermark) {
      return new Step(false, processingTime, expectedWatermark);
    }

    @Override
    public String toString() {
      return observe ? "see " + value : "at " + value + " = " + expected;
    }
  }

  static Stream<Arguments> cases() {
    Supplier<WatermarkEstimator> monotonic = WatermarkEstimators::monotonic;
    Supplier<WatermarkEstimator> ooo10 =
        () -> WatermarkEstimators.boundedOutOfOrderness(Duration.ofMillis(10));
    Supplier<WatermarkEstimator> idle100 =
        () -> WatermarkEstimators.withIdleTimeout(WatermarkEstimators.monotonic(),
            Duration.ofMillis(100));
    Supplier<WatermarkEstimator> idleOoo =
        () -> WatermarkEstimators.withIdleTimeout(
            WatermarkEstimators.boundedOutOfOrderness(Duration.ofMillis(50)),
            Duration.ofMillis(100));
    return Stream.of(
        Arguments.of("monotonic: MIN before any element", monotonic,
            List.of(Step.at(1000, MIN))),
        Arguments.of("monotonic: highest timestamp seen", monotonic,
            List.of(Step.see(5), Step.at(0, 5), Step.see(7), Step.see(9), Step.at(0, 9))),
        Arguments.of("monotonic: a lower timestamp does not move it back", monotonic,
            List.of(Step.see(20), Step.see(3), Step.at(0, 20))),
        Arguments.of("monotonic: ignores processing time", monotonic,
            List.of(Step.see(5), Step.at(1_000_000, 5))),
        Arguments.of("bounded out-of-orderness: MIN before any element", ooo10,
            List.of(Step.at(1000, MIN))),
        Arguments.of("bounded out-of-orderness: highest minus bound", ooo10,
            List.of(Step.see(100), Step.at(0, 90), Step.see(95), Step.at(0, 90),
                Step.see(130), Step.at(0, 120))),
        Arguments.of("bounded out-of-orderness: clamped at MIN", ooo10,
            List.of(Step.see(MIN + 3), Step.at(0, MIN))),
        Arguments.of("idle: inner watermark while data flows", idle100,
            List.of(Step.at(0, MIN), Step.see(40), Step.at(50, 40), Step.see(60),
                Step.at(120, 60), Step.see(70), Step.at(200, 70))),
        Arguments.of("idle: just before the timeout nothing changes", idle100,
            List.of(Step.see(40), Step.at(50, 40), Step.at(149, 40))),
        Arguments.of("idle: at the timeout it jumps to processing time minus timeout", idle100,
            List.of(Step.see(40), Step.at(50, 40), Step.at(150, 50), Step.at(400, 300))),
        Arguments.of("idle: no element at all, measured from the first query", idle100,
            List.of(Step.at(1000, MIN), Step.at(1099, MIN), Step.at(1100, 1000))),
        Arguments.of("idle: never moves back when data resumes", idle100,
            List.of(Step.see(40), Step.at(50, 40), Step.at(400, 300), Step.see(100),
                Step.at(410, 300), Step.see(350), Step.at(420, 350))),
        Arguments.of("idle: activity resets the timer", idle100,
            List.of(Step.see(40), Step.at(50, 40), Step.see(41), Step.at(140, 41),
                Step.at(239, 41), Step.at(240, 140))),
        Arguments.of("idle: inner watermark ahead of processing time wins", idle100,
            List.of(Step.see(10_000), Step.at(0, 10_000), Step.at(500, 10_000))),
        Arguments.of("idle over bounded out-of-orderness", idleOoo,
            List.of(Step.see(200), Step.at(200, 150), Step.at(299, 150), Step.at(400, 300))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsScript(String name, Supplier<WatermarkEstimator> factory, List<Step> script) {
    assertThat(run(factory.get(), script)).isEqualTo(expected(script));
  }

  /** Saving the state after any prefix and restoring it into a fresh estimator changes nothing
   * for estimators whose result does not depend on processing-time history. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stateRoundTripPreservesEventTimeProgress(
      String name, Supplier<WatermarkEstimator> factory, List<Step> script) {
    if (name.startsWith("idle")) {
      return; // covered by idleRestoreKeepsWatermarkAndRestartsTimer
    }
    for (int cut = 0; cut <= script.size(); cut++) {
      WatermarkEstimator first = factory.get();
      List<Long> results = new ArrayList<>(run(first, script.subList(0, cut)));
      WatermarkEstimator second = factory.get();
      second.restore(first.state());
      results.addAll(run(second, script.subList(cut, script.size())));
      assertThat(results).as("cut at step %s", cut).isEqualTo(expected(script));
    }
  }

  @Test
  void idleRestoreKeepsWatermarkAndRestartsTimer() {
    WatermarkEstimator first = WatermarkEstimators.withIdleTimeout(
        WatermarkEstimators.monotonic(), Duration.ofMillis(100));
    first.observeTimestamp(40);
    first.currentWatermark(50);
    assertThat(first.currentWatermark(400)).isEqualTo(300);

    WatermarkEstimator second = WatermarkEstimators.withIdleTimeout(
        WatermarkEstimators.monotonic(), Duration.ofMillis(100));
    second.restore(first.state());
    assertThat(second.currentWatermark(410)).isEqualTo(300);
    assertThat(second.currentWatermark(509)).isEqualTo(300);
    assertThat(second.currentWatermark(510)).isEqualTo(410);
    second.observeTimestamp(45);
    assertThat(second.currentWatermark(520)).isEqualTo(410);
  }

  @Test
  void processingTimeEstimatorFollowsTheClockAndIgnoresElements() {
    WatermarkEstimator e = WatermarkEstimators.processingTime();
    e.observeTimestamp(1_000_000);
    assertThat(e.currentWatermark(10)).isEqualTo(10);
    assertThat(e.currentWatermark(5)).isEqualTo(10);
    assertThat(e.currentWatermark(30)).isEqualTo(30);
  }

  @Test
  void customEstimatorsPlugIn() {
    // A punctuated estimator: the watermark is the timestamp of the last even-valued element.
    class EvenTimestamps implements WatermarkEstimator {
      private long watermark = Timestamps.MIN;

      @Override
      public void observeTimestamp(long ts) {
        if (ts % 2 == 0) {
          watermark = Math.max(watermark, ts);
        }
      }

      @Override
      public long currentWatermark(long processingTimeMillis) {
        return watermark;
      }

      @Override
      public long[] state() {
        return new long[] {watermark};
      }

      @Override
      public void restore(long[] state) {
        watermark = state[0];
      }
    }
    WatermarkEstimator idle =
        WatermarkEstimators.withIdleTimeout(new EvenTimestamps(), Duration.ofMillis(10));
    idle.observeTimestamp(4);
    idle.observeTimestamp(7);
    assertThat(idle.currentWatermark(0)).isEqualTo(4);
    assertThat(idle.currentWatermark(10)).isEqualTo(4);
    assertThat(idle.currentWatermark(100)).isEqualTo(90);
  }

  @Test
  void rejectsBadConfigurationAndState() {
    assertThatThrownBy(() -> WatermarkEstimators.boundedOutOfOrderness(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> WatermarkEstimators.withIdleTimeout(
            WatermarkEstimators.monotonic(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> WatermarkEstimators.monotonic().restore(new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 1 values");
  }

  private static List<Long> run(WatermarkEstimator e, List<Step> steps) {
    List<Long> results = new ArrayList<>();
    for (Step s : steps) {
      if (s.observe()) {
        e.observeTimestamp(s.value());
      } else {
        results.add(e.currentWatermark(s.value()));
      }
    }
    return results;
  }

  private static List<Long> expected(List<Step> steps) {
    return steps.stream().filter(s -> !s.observe()).map(Step::expected).toList();
  }
}
