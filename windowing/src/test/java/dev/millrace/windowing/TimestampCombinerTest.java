package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimestampCombinerTest {
  private static final IntervalWindow W = new IntervalWindow(0, 100);
  private static final IntervalWindow MERGED = new IntervalWindow(0, 150);

  static Stream<Arguments> table() {
    return Stream.of(
        // combiner, assign(W, 42), combine(10, 20), merge(MERGED, 10, 20)
        Arguments.of(TimestampCombiner.EARLIEST, 42L, 10L, 10L),
        Arguments.of(TimestampCombiner.LATEST, 42L, 20L, 20L),
        Arguments.of(TimestampCombiner.END_OF_WINDOW, 99L, 20L, 149L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void assignsCombinesAndMerges(TimestampCombiner c, long assigned, long combined, long merged) {
    assertThat(c.assign(W, 42)).isEqualTo(assigned);
    assertThat(c.combine(10, 20)).isEqualTo(combined);
    assertThat(c.combine(20, 10)).isEqualTo(combined);
    assertThat(c.merge(MERGED, 10, 20)).isEqualTo(merged);
    assertThat(c.dependsOnlyOnWindow()).isEqualTo(c == TimestampCombiner.END_OF_WINDOW);
  }
}
