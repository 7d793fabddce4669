package dev.millrace.compliance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.capability.RunnerCapabilities;
import dev.millrace.runners.Capability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the shared conformance examples ({@code ../shared/conformance/examples} from the repository
 * root) and this module's scenarios ({@code compliance-tests/scenarios}) on the current runner and
 * requires every one to pass; every file of {@code compliance-tests/scenarios-invalid} must be
 * rejected with exit status 2.
 */
@Requires({Capability.TEST_STREAM, Capability.TRIGGERS, Capability.PROCESSING_TIME,
    Capability.MERGING_WINDOWS, Capability.COMBINE})
class ScenarioConformanceTest {

  /** The repository root: the nearest ancestor of the working directory with compliance-tests/. */
  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isDirectory(q.resolve("compliance-tests/scenarios"))) {
        return q;
      }
    }
    throw new IllegalStateException("cannot find the repository root (a directory holding "
        + "compliance-tests/scenarios) above " + p);
  }

  static Path dir(String relative) {
    Path d = repoRoot().resolve(relative).normalize();
    assertThat(d).as("the scenario directory %s must exist", d).isDirectory();
    return d;
  }

  static List<Path> jsonFiles(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static String runner() {
    return "--runner=" + RunnerCapabilities.current().runner();
  }

  static Stream<Path> scenarios() throws IOException {
    return Stream.concat(jsonFiles(dir("../shared/conformance/examples")).stream(),
        jsonFiles(dir("compliance-tests/scenarios")).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void passes(Path file) {
    Cli r = Cli.run(runner(), file.toString());
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).startsWith("PASS ").endsWith("1 passed, 0 failed\n");
  }

  @Test
  void thereAreAtLeastFortyOwnScenarios() throws IOException {
    assertThat(jsonFiles(dir("compliance-tests/scenarios"))).hasSizeGreaterThanOrEqualTo(40);
    assertThat(jsonFiles(dir("../shared/conformance/examples"))).isNotEmpty();
  }

  static Stream<Path> invalid() throws IOException {
    return jsonFiles(dir("compliance-tests/scenarios-invalid")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidFilesAreRejected(Path file) {
    Cli r = Cli.run(runner(), file.toString());
    assertThat(r.exit()).as("%s", r).isEqualTo(2);
    assertThat(r.err()).contains("ERROR " + file + ": at $");
  }
}
