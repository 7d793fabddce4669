package dev.millrace.compliance.matrix;

import dev.millrace.runners.Capability;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The capability matrix: rows are capabilities (with the number of distinct tests requiring each),
 * columns are runners, and each cell counts that runner's passed, failed and unsupported tests of
 * the row. A test counts in the row of every capability it requires. The rendering is Markdown and
 * depends only on the outcomes (no times, dates or durations), so the same results always give
 * the same text.
 */
public final class CapabilityMatrix {
  /** The command that regenerates the checked-in matrix. */
  public static final String UPDATE_COMMAND =
      "mvn verify -pl compliance-tests -am -Dmatrix.update=true";

  private final List<RunnerResults> columns;
  private final Function<TestOutcome, Set<Capability>> requirements;

  /**
   * A matrix over the given runners (in column order).
   *
   * @param requirements the capabilities each test case requires
   */
  public CapabilityMatrix(
      List<RunnerResults> columns, Function<TestOutcome, Set<Capability>> requirements) {
    this.columns = List.copyOf(columns);
    Map<String, Set<Capability>> cache = new HashMap<>();
    this.requirements = o -> cache.computeIfAbsent(o.key(), k -> requirements.apply(o));
  }

  /** The counts of one cell. */
  record Cell(int passed, int failed, int unsupported, int skipped) {
    Cell plus(TestStatus s) {
      return new Cell(passed + (s == TestStatus.PASSED ? 1 : 0),
          failed + (s == TestStatus.FAILED ? 1 : 0),
          unsupported + (s == TestStatus.UNSUPPORTED ? 1 : 0),
          skipped + (s == TestStatus.SKIPPED ? 1 : 0));
    }

    String render() {
      String s = passed + " passed / " + failed + " failed / " + unsupported + " unsupported";
      return skipped == 0 ? s : s + " / " + skipped + " skipped";
    }
  }

  /** The cell for {@code runner} (a column index) and {@code capability}; null for the total. */
  Cell cell(int column, Capability capability) {
    Cell cell = new Cell(0, 0, 0, 0);
    for (TestOutcome o : columns.get(column).outcomes()) {
      if (capability == null || requirements.apply(o).contains(capability)) {
        cell = cell.plus(o.status());
      }
    }
    return cell;
  }

  /** The number of distinct tests (over all runners) requiring each capability. */
  Map<Capability, Integer> testCounts() {
    Map<Capability, Set<String>> keys = new EnumMap<>(Capability.class);
    for (RunnerResults r : columns) {
      for (TestOutcome o : r.outcomes()) {
        for (Capability c : requirements.apply(o)) {
          keys.computeIfAbsent(c, k -> new TreeSet<>()).add(o.key());
        }
      }
    }
    Map<Capability, Integer> counts = new EnumMap<>(Capability.class);
    for (Capability c : Capability.values()) {
      counts.put(c, keys.getOrDefault(c, Set.of()).size());
    }
    return counts;
  }

  /** The tests that failed, as {@code runner: class#test}, sorted. */
  public List<String> failures() {
    Set<String> failed = new TreeSet<>();
    for (RunnerResults r : columns) {
      for (TestOutcome o : r.outcomes()) {
        if (o.status() == TestStatus.FAILED) {
          failed.add(r.runner() + ": " + o.key());
        }
      }
    }
    return new ArrayList<>(failed);
  }

  /** The matrix as a Markdown document. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Capability matrix\n\n")
        .append("Generated from the compliance suite's test results; do not edit by hand. ")
        .append("`mvn verify` regenerates it into `compliance-tests/target/CAPABILITY-MATRIX.md` ")
        .append("and fails when this copy is stale; `").append(UPDATE_COMMAND)
        .append("` updates it.\n\n")
        .append("Each compliance test declares the capabilities it needs (`@Requires`; `core` ")
        .append("when it declares none) and counts in the row of each. A runner runs a test only ")
        .append("if it declares all of them; otherwise the test is *unsupported* on that runner ")
        .append("(never counted as passed). A runner that declares a capability must pass every ")
        .append("test in its row.\n\n");
    appendTable(sb);
    sb.append("\nCapabilities:\n\n");
    for (Capability c : Capability.values()) {
      sb.append("- `").append(c.id()).append("`: ").append(c.description()).append('\n');
    }
    return sb.toString();
  }

  private void appendTable(StringBuilder sb) {
    sb.append("| capability | tests |");
    for (RunnerResults r : columns) {
      sb.append(' ').append(r.runner()).append(" |");
    }
    sb.append("\n| --- | ---: |");
    sb.append(" --- |".repeat(columns.size()));
    sb.append('\n');
    Map<Capability, Integer> counts = testCounts();
    for (Capability c : Capability.values()) {
      sb.append("| `").append(c.id()).append("` | ").append(counts.get(c)).append(" |");
      for (int i = 0; i < columns.size(); i++) {
        boolean declared = columns.get(i).declared().contains(c);
        sb.append(' ').append(declared ? "declared: " : "not declared: ")
            .append(cell(i, c).render()).append(" |");
      }
      sb.append('\n');
    }
    Set<String> allTests = new TreeSet<>();
    columns.forEach(r -> r.outcomes().forEach(o -> allTests.add(o.key())));
    sb.append("| **all tests** | ").append(allTests.size()).append(" |");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(' ').append(cell(i, null).render()).append(" |");
    }
    sb.append('\n');
  }

  /** The capabilities, in declaration order, that no test requires. */
  public Set<Capability> untested() {
    Set<Capability> none = EnumSet.noneOf(Capability.class);
    testCounts().forEach((c, n) -> {
      if (n == 0) {
        none.add(c);
      }
    });
    return none;
  }
}
