package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The closest-name suggestions behind "Did you mean ...?" messages. */
class SuggestionsTest {
  private static final List<String> KNOWN = List.of(
      "targetParallelism", "runner", "jobName", "inputFile", "output", "enforceImmutability",
      "enforceEncodability");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "NONE", value = {
      "targetParalelism, targetParallelism",   // one letter missing
      "targetparallelism, targetParallelism",  // case only
      "TARGETPARALLELISM, targetParallelism",
      "runer, runner",
      "ruuner, runner",
      "inptFile, inputFile",
      "ouptut, output",                        // transposition = 2 edits
      "enforceEncodeability, enforceEncodability",
      "jobname, jobName",
      "zzzzzzzzzzzz, NONE",                    // nothing close
      "x, NONE",
      "parallelism, NONE",                     // too far from targetParallelism (6 edits)
  })
  void suggestsTheClosestNameOnlyWhenItIsClose(String typed, String expected) {
    assertThat(Suggestions.closest(typed, KNOWN)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({"flnk, flink, 1", "kitten, sitting, 3", "'', abc, 3", "same, same, 0",
      "abc, '', 3"})
  void editDistanceIsLevenshtein(String a, String b, int expected) {
    assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NONE", value = {"flnk, flink", "drect, direct", "microbach, microbatch",
      "spark, NONE"})
  void suggestsRunnerNames(String typed, String expected) {
    assertThat(Suggestions.closest(typed, List.of("direct", "flink", "microbatch")))
        .isEqualTo(expected);
  }
}
