package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.testing.internal.Enforcement;
import dev.millrace.testing.internal.TestOptionsArgs;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How TestPipeline reads its flags from -DmillraceTestPipelineOptions and -Drunner, and the
 * after-test rules, as pure functions.
 */
class TestOptionsArgsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(null, null, List.of()),
        Arguments.of("  ", "", List.of()),
        Arguments.of("[\"--runner=direct\", \"--targetParallelism=2\"]", null,
            List.of("--runner=direct", "--targetParallelism=2")),
        Arguments.of("--runner=direct  --enforceImmutability=false", null,
            List.of("--runner=direct", "--enforceImmutability=false")),
        Arguments.of(null, "flink", List.of("--runner=flink")),
        Arguments.of("[\"--targetParallelism=2\"]", "microbatch",
            List.of("--targetParallelism=2", "--runner=microbatch")),
        Arguments.of("--runner=direct", "direct", List.of("--runner=direct")),
        Arguments.of("[]", null, List.of()));
  }

  @ParameterizedTest(name = "options={0} runner={1}")
  @MethodSource("cases")
  void parsesFlags(String options, String runner, List<String> expected) {
    assertThat(TestOptionsArgs.parse(options, runner)).isEqualTo(expected);
  }

  @Test
  void conflictingRunnersAreAnError() {
    assertThatThrownBy(() -> TestOptionsArgs.parse("--runner=direct", "flink"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Drunner=flink")
        .hasMessageContaining("--runner=direct");
  }

  @Test
  void invalidJsonIsExplained() {
    assertThatThrownBy(() -> TestOptionsArgs.parse("[\"--runner=direct\"", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("millraceTestPipelineOptions must be a JSON array of strings");
  }

  static Stream<Arguments> enforcement() {
    return Stream.of(
        Arguments.of(false, false, 0, 0L, null),
        Arguments.of(false, false, 2, 0L, "never ran the pipeline"),
        Arguments.of(true, false, 2, 2L, null),
        Arguments.of(true, false, 3, 1L, "3 assertions were declared but only 1 ran"),
        Arguments.of(true, true, 3, 0L, null),
        Arguments.of(true, false, 0, 0L, null));
  }

  @ParameterizedTest(name = "ran={0} failed={1} declared={2} successes={3}")
  @MethodSource("enforcement")
  void afterTestRules(boolean ran, boolean failed, int declared, long successes, String message) {
    Optional<String> verdict = Enforcement.check(ran, failed, declared, successes);
    if (message == null) {
      assertThat(verdict).isEmpty();
    } else {
      assertThat(verdict).hasValueSatisfying(m -> assertThat(m).contains(message));
    }
  }
}
