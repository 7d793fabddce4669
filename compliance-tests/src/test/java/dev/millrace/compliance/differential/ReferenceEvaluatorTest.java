package dev.millrace.compliance.differential;

import static dev.millrace.compliance.differential.CaseGenerator.BASE_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.Timestamps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference evaluator against answers worked out by hand from the model's semantics, so that
 * a runner and the reference cannot silently agree on a wrong answer.
 */
class ReferenceEvaluatorTest {
  private static final long T = BASE_MILLIS; // a multiple of 4 s

  private static GeneratedCase.Input in(String k, long v, long offset) {
    return new GeneratedCase.Input(k, v, T + offset);
  }

  static Stream<Arguments> cases() {
    List<GeneratedCase.Input> three = List.of(in("a", 1, 0), in("a", 2, 1_500), in("b", 5, 999));
    long g = Timestamps.GLOBAL_WINDOW_MAX;
    return Stream.of(
        Arguments.of("sum per key in the global window", three, List.of(new Step.CombineSum()),
            List.of("a=3@" + g + " in global", "b=5@" + g + " in global")),
        Arguments.of("fixed windows of 1 s", three,
            List.of(new Step.FixedWindowsInto(1_000), new Step.CountPerKey()),
            List.of("a=1@" + (T + 999) + " in [" + T + "," + (T + 1_000) + ")",
                "a=1@" + (T + 1_999) + " in [" + (T + 1_000) + "," + (T + 2_000) + ")",
                "b=1@" + (T + 999) + " in [" + T + "," + (T + 1_000) + ")")),
        Arguments.of("sliding windows put an element in size/period windows",
            List.of(in("a", 7, 2_000)), List.of(new Step.SlidingWindowsInto(4_000, 2_000)),
            List.of("a=7@" + (T + 2_000) + " in [" + T + "," + (T + 4_000) + ")",
                "a=7@" + (T + 2_000) + " in [" + (T + 2_000) + "," + (T + 6_000) + ")")),
        Arguments.of("sessions merge overlapping windows per key", three,
            List.of(new Step.SessionsInto(3_001), new Step.GroupByKeySumAndCount()),
            List.of("a=2003@" + (T + 4_500) + " in [" + T + "," + (T + 4_501) + ")",
                "b=1005@" + (T + 3_999) + " in [" + (T + 999) + "," + (T + 4_000) + ")")),
        Arguments.of("sessions further apart than the gap stay apart", three,
            List.of(new Step.SessionsInto(1_001), new Step.CountPerKey()),
            List.of("a=1@" + (T + 1_000) + " in [" + T + "," + (T + 1_001) + ")",
                "a=1@" + (T + 2_500) + " in [" + (T + 1_500) + "," + (T + 2_501) + ")",
                "b=1@" + (T + 1_999) + " in [" + (T + 999) + "," + (T + 2_000) + ")")),
        Arguments.of("element-wise steps keep windows; shifts move timestamps", three,
            List.of(new Step.FixedWindowsInto(4_000), new Step.FilterValues(2, 0),
                new Step.ShiftTimestamps(10), new Step.MapValues(3, 1)),
            List.of("a=4@" + (T + 10) + " in [" + T + "," + (T + 4_000) + ")",
                "b=16@" + (T + 1_009) + " in [" + T + "," + (T + 4_000) + ")")),
        Arguments.of("a side input adds the sum of the source", three,
            List.of(new Step.AddSideInput(true), new Step.RekeyByValue(2)),
            List.of("a1=9@" + T + " in global", "a0=10@" + (T + 1_500) + " in global",
                "b1=13@" + (T + 999) + " in global")),
        Arguments.of("flatten doubles, flat-map copies", List.of(in("a", 1, 0)),
            List.of(new Step.FlattenWithBranch(10), new Step.FlatMapCopies(2)),
            List.of("a=1@" + T + " in global", "a=11@" + T + " in global",
                "a=12@" + T + " in global", "a=2@" + T + " in global")),
        Arguments.of("empty input gives no output", List.of(),
            List.of(new Step.CountPerKey()), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheDocumentedAnswer(
      String name, List<GeneratedCase.Input> inputs, List<Step> steps, List<String> expected) {
    assertThat(ReferenceEvaluator.evaluate(new GeneratedCase(0, inputs, steps)))
        .containsExactlyElementsOf(expected.stream().sorted().toList());
  }
}
