package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StateCodecsTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(StateCodecs.longs(), Long.MIN_VALUE),
        Arguments.of(StateCodecs.longs(), -1L),
        Arguments.of(StateCodecs.strings(), ""),
        Arguments.of(StateCodecs.strings(), "grüße \uD83D\uDE00 " + "x".repeat(70_000)),
        Arguments.of(StateCodecs.booleans(), true),
        Arguments.of(StateCodecs.booleans(), false),
        Arguments.of(StateCodecs.paneInfos(), PaneInfo.NO_FIRING),
        Arguments.of(StateCodecs.paneInfos(), new PaneInfo(PaneInfo.Timing.EARLY, 3, -1, false, false)),
        Arguments.of(StateCodecs.paneInfos(), new PaneInfo(PaneInfo.Timing.LATE, 7, 2, false, true)),
        Arguments.of(StateCodecs.globalWindows(), GlobalWindow.INSTANCE),
        Arguments.of(StateCodecs.intervalWindows(), new IntervalWindow(-10, 5)),
        Arguments.of(StateCodecs.listOf(StateCodecs.longs()), List.of()),
        Arguments.of(StateCodecs.listOf(StateCodecs.intervalWindows()),
            List.of(new IntervalWindow(0, 1), new IntervalWindow(5, 9))),
        Arguments.of(StateCodecs.listOf(StateCodecs.listOf(StateCodecs.strings())),
            List.of(List.of("a", "b"), List.of())));
  }

  @ParameterizedTest(name = "#{index}")
  @MethodSource("values")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void roundTripsAndIsDeterministic(StateCodec codec, Object value) {
    byte[] bytes = StateCodecs.toBytes(codec, value);
    assertThat(StateCodecs.fromBytes(codec, bytes)).isEqualTo(value);
    assertThat(StateCodecs.toBytes(codec, value)).isEqualTo(bytes);
  }

  @Test
  void truncatedInputFailsClearly() {
    byte[] bytes = StateCodecs.toBytes(StateCodecs.intervalWindows(), new IntervalWindow(0, 1));
    byte[] truncated = java.util.Arrays.copyOf(bytes, 9);
    assertThatThrownBy(() -> StateCodecs.fromBytes(StateCodecs.intervalWindows(), truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("could not decode 9 bytes");
  }
}
