package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FixedWindowsTest {

  static Stream<Arguments> assignments() {
    return Stream.of(
        // size, offset, timestamp, expected start, expected end
        Arguments.of(10, 0, 0, 0, 10),
        Arguments.of(10, 0, 9, 0, 10),
        Arguments.of(10, 0, 10, 10, 20),
        Arguments.of(10, 0, -1, -10, 0),
        Arguments.of(10, 0, -10, -10, 0),
        Arguments.of(10, 0, -11, -20, -10),
        Arguments.of(10, 3, 2, -7, 3),
        Arguments.of(10, 3, 3, 3, 13),
        Arguments.of(10, 3, -8, -17, -7),
        Arguments.of(10, 13, 5, 3, 13), // offset 13 normalizes to 3
        Arguments.of(10, -7, 5, 3, 13), // offset -7 normalizes to 3
        Arguments.of(60_000, 0, 59_999, 0, 60_000));
  }

  @ParameterizedTest(name = "size {0} offset {1}: {2} -> [{3}, {4})")
  @MethodSource("assignments")
  void assignsTheOneWindowContainingTheTimestamp(
      long size, long offset, long ts, long start, long end) {
    FixedWindows fn =
        FixedWindows.of(Duration.ofMillis(size)).withOffset(Duration.ofMillis(offset));
    assertThat(fn.assignWindows(ts)).containsExactly(new IntervalWindow(start, end));
  }

  @Test
  void offsetIsNormalizedIntoZeroToSize() {
    FixedWindows a = FixedWindows.of(Duration.ofMinutes(5)).withOffset(Duration.ofMinutes(-1));
    FixedWindows b = FixedWindows.of(Duration.ofMinutes(5)).withOffset(Duration.ofMinutes(4));
    assertThat(a).isEqualTo(b);
    assertThat(a.offset()).isEqualTo(Duration.ofMinutes(4));
    assertThat(a.isCompatible(b)).isTrue();
    assertThat(a.isCompatible(FixedWindows.of(Duration.ofMinutes(5)))).isFalse();
  }

  @Test
  void windowNearTheEndOfTimeEndsAtTheEndOfTheGlobalWindow() {
    FixedWindows fn = FixedWindows.of(Duration.ofDays(7));
    IntervalWindow w = fn.windowContaining(Timestamps.GLOBAL_WINDOW_MAX);
    assertThat(w.maxTimestampMillis()).isEqualTo(Timestamps.GLOBAL_WINDOW_MAX);
    assertThat(w.startMillis()).isGreaterThan(Timestamps.GLOBAL_WINDOW_MAX - Duration.ofDays(7).toMillis());
  }

  @Test
  void rejectsNonPositiveSize() {
    assertThatThrownBy(() -> FixedWindows.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive size");
  }

  @Test
  void sideInputWindowIsTheFixedWindowContainingTheMainWindowEnd() {
    FixedWindows side = FixedWindows.of(Duration.ofMillis(10));
    assertThat(side.sideInputWindow(new IntervalWindow(3, 5))).isEqualTo(new IntervalWindow(0, 10));
    assertThat(side.sideInputWindow(new IntervalWindow(5, 25))).isEqualTo(new IntervalWindow(20, 30));
    // The end is exclusive: [0, 10) maps by its max timestamp 9.
    assertThat(side.sideInputWindow(new IntervalWindow(0, 10))).isEqualTo(new IntervalWindow(0, 10));
    assertThatThrownBy(() -> side.sideInputWindow(GlobalWindow.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("global window");
  }

  @Test
  void toStringIsReadable() {
    assertThat(FixedWindows.of(Duration.ofMinutes(1)).toString())
        .isEqualTo("FixedWindows.of(PT1M)");
    assertThat(FixedWindows.of(Duration.ofMinutes(1)).withOffset(Duration.ofSeconds(5)).toString())
        .isEqualTo("FixedWindows.of(PT1M).withOffset(PT5S)");
  }
}
