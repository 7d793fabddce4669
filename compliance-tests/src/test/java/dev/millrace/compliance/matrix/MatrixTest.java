package dev.millrace.compliance.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.runners.Capability;
import dev.millrace.runners.PipelineRunnerRegistrar;
import dev.millrace.runners.PipelineRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Surefire reports, rendering the matrix, and checking the checked-in copy. */
class MatrixTest {
  @TempDir Path dir;

  private static final String REPORT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="a.FooTest" tests="6">
        <testcase name="passes" classname="a.FooTest" time="0.1"/>
        <testcase name="fails" classname="a.FooTest" time="0.1"><failure message="boom"/></testcase>
        <testcase name="errs(int)[2]" classname="a.FooTest" time="0.1"><error message="x"/></testcase>
        <testcase name="unsupported" classname="a.FooTest" time="0">
          <skipped type="X"><![CDATA[dev.millrace.Ex: UNSUPPORTED: runner r does not declare capability state
        at somewhere]]></skipped></testcase>
        <testcase name="unsupportedMessage" classname="a.FooTest" time="0">
          <skipped message="UNSUPPORTED: runner r does not declare capability state"/></testcase>
        <testcase name="disabled" classname="a.FooTest" time="0"><skipped message="not today"/></testcase>
      </testsuite>
      """;

  @Test
  void reportsAreReadIntoOutcomes() throws IOException {
    Files.writeString(dir.resolve("TEST-a.FooTest.xml"), REPORT);
    Files.writeString(dir.resolve("other.txt"), "ignored");
    assertThat(SurefireReports.read(dir)).containsExactly(
        new TestOutcome("a.FooTest", "passes", TestStatus.PASSED),
        new TestOutcome("a.FooTest", "fails", TestStatus.FAILED),
        new TestOutcome("a.FooTest", "errs(int)[2]", TestStatus.FAILED),
        new TestOutcome("a.FooTest", "unsupported", TestStatus.UNSUPPORTED),
        new TestOutcome("a.FooTest", "unsupportedMessage", TestStatus.UNSUPPORTED),
        new TestOutcome("a.FooTest", "disabled", TestStatus.SKIPPED));
  }

  @Test
  void methodNamesDropParametersAndIndexes() {
    assertThat(new TestOutcome("C", "errs(int)[2]", TestStatus.PASSED).methodName())
        .isEqualTo("errs");
    assertThat(new TestOutcome("C", "plain", TestStatus.PASSED).methodName()).isEqualTo("plain");
  }

  private static CapabilityMatrix twoRunners() {
    Map<String, Set<Capability>> requires = Map.of(
        "core1", Set.of(Capability.CORE), "core2", Set.of(Capability.CORE),
        "stateful", EnumSet.of(Capability.STATE, Capability.TIMERS));
    RunnerResults a = new RunnerResults("alpha", EnumSet.of(Capability.CORE), List.of(
        new TestOutcome("T", "core1", TestStatus.PASSED),
        new TestOutcome("T", "core2", TestStatus.FAILED),
        new TestOutcome("T", "stateful", TestStatus.UNSUPPORTED)));
    RunnerResults b = new RunnerResults("beta",
        EnumSet.of(Capability.CORE, Capability.STATE, Capability.TIMERS), List.of(
        new TestOutcome("T", "core1", TestStatus.PASSED),
        new TestOutcome("T", "core2", TestStatus.PASSED),
        new TestOutcome("T", "stateful", TestStatus.PASSED)));
    return new CapabilityMatrix(List.of(a, b), o -> requires.get(o.testName()));
  }

  @Test
  void cellsCountEachRunnersOutcomesPerCapability() {
    String md = twoRunners().render();
    assertThat(md).contains("| capability | tests | alpha | beta |")
        .contains("| `core` | 2 | declared: 1 passed / 1 failed / 0 unsupported "
            + "| declared: 2 passed / 0 failed / 0 unsupported |")
        .contains("| `state` | 1 | not declared: 0 passed / 0 failed / 1 unsupported "
            + "| declared: 1 passed / 0 failed / 0 unsupported |")
        .contains("| `timers` | 1 |")
        .contains("| `triggers` | 0 |")
        .contains("| **all tests** | 3 | 1 passed / 1 failed / 1 unsupported "
            + "| 3 passed / 0 failed / 0 unsupported |");
    assertThat(twoRunners().failures()).containsExactly("alpha: T#core2");
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(twoRunners().render()).isEqualTo(twoRunners().render())
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}").doesNotContainPattern("\\d+\\.\\d+");
  }

  @Test
  void aStaleCheckedInCopyFailsWithTheUpdateCommand() throws IOException {
    for (PipelineRunnerRegistrar r : PipelineRunners.available()) {
      Path reports = Files.createDirectories(dir.resolve("reports").resolve(r.name()));
      Files.writeString(reports.resolve("TEST-a.FooTest.xml"), REPORT);
    }
    Path checkedIn = dir.resolve("CAPABILITY-MATRIX.md");
    Files.writeString(checkedIn, "# old\n");
    String[] args = {"--reports=" + dir.resolve("reports"), "--output=" + dir.resolve("out.md"),
        "--checked-in=" + checkedIn, "--mode=check", "--update=false"};
    assertThatThrownBy(() -> MatrixMain.main(args))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is stale")
        .hasMessageContaining("first difference at line 1")
        .hasMessageContaining(CapabilityMatrix.UPDATE_COMMAND);
    MatrixMain.main(new String[] {args[0], args[1], args[2], "--mode=check", "--update=true"});
    assertThat(Files.readString(checkedIn)).isEqualTo(Files.readString(dir.resolve("out.md")))
        .contains("| direct |");
    MatrixMain.main(args);
  }

  @Test
  void everyRunnerOnTheClassPathNeedsResults() throws IOException {
    Files.createDirectories(dir.resolve("reports/other"));
    String[] args = {"--reports=" + dir.resolve("reports"), "--output=" + dir.resolve("out.md"),
        "--checked-in=" + dir.resolve("c.md"), "--mode=check"};
    assertThatThrownBy(() -> MatrixMain.main(args))
        .hasMessageContaining("Runner 'direct' is on the class path but has no compliance results")
        .hasMessageContaining("compliance-tests/pom.xml");
  }

  @Test
  void aPartialRunCannotUpdateTheCheckedInCopy() {
    String[] args = {"--reports=" + dir, "--output=" + dir.resolve("out.md"),
        "--checked-in=" + dir.resolve("c.md"), "--mode=generate", "--update=true"};
    assertThatThrownBy(() -> MatrixMain.main(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drop -Drunner, -Dtest");
  }
}
