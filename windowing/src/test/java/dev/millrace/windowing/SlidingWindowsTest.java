package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlidingWindowsTest {

  private static SlidingWindows fn(long size, long period, long offset) {
    return SlidingWindows.of(Duration.ofMillis(size))
        .every(Duration.ofMillis(period))
        .withOffset(Duration.ofMillis(offset));
  }

  static Stream<Arguments> assignments() {
    return Stream.of(
        // size, period, offset, timestamp, expected window starts (ascending)
        Arguments.of(10, 5, 0, 0, List.of(-5L, 0L)),
        Arguments.of(10, 5, 0, 4, List.of(-5L, 0L)),
        Arguments.of(10, 5, 0, 5, List.of(0L, 5L)),
        Arguments.of(10, 5, 0, -1, List.of(-10L, -5L)),
        Arguments.of(10, 5, 0, -6, List.of(-15L, -10L)),
        Arguments.of(10, 5, 2, 3, List.of(-3L, 2L)),
        Arguments.of(30, 10, 0, 25, List.of(0L, 10L, 20L)),
        Arguments.of(10, 3, 0, 9, List.of(0L, 3L, 6L, 9L)),
        Arguments.of(10, 10, 0, 15, List.of(10L)),
        Arguments.of(5, 10, 0, 3, List.of(0L)),
        Arguments.of(5, 10, 0, 7, List.of()));
  }

  @ParameterizedTest(name = "size {0} period {1} offset {2}: {3} -> starts {4}")
  @MethodSource("assignments")
  void assignsEveryWindowContainingTheTimestamp(
      long size, long period, long offset, long ts, List<Long> starts) {
    List<IntervalWindow> expected =
        starts.stream().map(s -> new IntervalWindow(s, s + size)).toList();
    assertThat(fn(size, period, offset).assignWindows(ts)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "size {0} / period {1} = {2} windows per element")
  @MethodSource("overlaps")
  void everyElementIsInSizeOverPeriodWindows(long size, long period, int count) {
    SlidingWindows sliding = fn(size, period, 0);
    for (long ts = -3 * size; ts < 3 * size; ts += 7) {
      assertThat(sliding.assignWindows(ts)).as("timestamp %s", ts).hasSize(count);
      assertThat(sliding.assignWindows(ts))
          .allSatisfy(w -> assertThat(w.startMillis()).isLessThanOrEqualTo(w.endMillis()));
    }
  }

  static Stream<Arguments> overlaps() {
    return Stream.of(
        Arguments.of(60, 60, 1), Arguments.of(60, 30, 2), Arguments.of(60, 20, 3),
        Arguments.of(60, 1, 60));
  }

  @Test
  void defaultPeriodDependsOnTheSize() {
    assertThat(SlidingWindows.of(Duration.ofHours(2)).period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(SlidingWindows.of(Duration.ofMinutes(5)).period()).isEqualTo(Duration.ofSeconds(1));
    assertThat(SlidingWindows.of(Duration.ofSeconds(5)).period()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void offsetIsNormalizedModuloThePeriod() {
    assertThat(fn(10, 5, 7)).isEqualTo(fn(10, 5, 2));
    assertThat(fn(10, 5, -3)).isEqualTo(fn(10, 5, 2));
  }

  @Test
  void sideInputWindowIsTheLatestStartingWindowContainingTheMainWindowEnd() {
    SlidingWindows side = fn(10, 5, 0);
    // main window [0, 12) has max timestamp 11: windows [5,15) and [10,20) contain it.
    assertThat(side.sideInputWindow(new IntervalWindow(0, 12))).isEqualTo(new IntervalWindow(10, 20));
    assertThat(side.sideInputWindow(new IntervalWindow(-20, -6)))
        .isEqualTo(new IntervalWindow(-10, 0));
  }

  @Test
  void rejectsNonPositiveDurations() {
    assertThatThrownBy(() -> SlidingWindows.of(Duration.ofMillis(-1)))
        .hasMessageContaining("positive size");
    assertThatThrownBy(() -> SlidingWindows.of(Duration.ofMinutes(1)).every(Duration.ZERO))
        .hasMessageContaining("positive period");
  }
}
