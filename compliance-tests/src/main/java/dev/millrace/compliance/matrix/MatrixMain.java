package dev.millrace.compliance.matrix;

import dev.millrace.compliance.capability.TestRequirements;
import dev.millrace.runners.Capability;
import dev.millrace.runners.PipelineRunnerRegistrar;
import dev.millrace.runners.PipelineRunners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates the capability matrix from the per-runner test reports, and checks or updates the
 * checked-in copy. Flags:
 *
 * <ul>
 *   <li>{@code --reports=DIR}: holds one Surefire reports directory per runner, named after it;
 *   <li>{@code --output=FILE}: where the generated matrix is written;
 *   <li>{@code --checked-in=FILE}: the copy kept in version control;
 *   <li>{@code --mode=check|update|generate}: fail if the checked-in copy differs, overwrite it, or
 *       only generate (a partial run: runners without results are left out);
 *   <li>{@code --update=true}: turns mode {@code check} into {@code update}; an error with {@code
 *       generate}, because a partial run must not overwrite the checked-in copy.
 * </ul>
 *
 * <p>Every runner on the class path must have results: a runner without a reports directory is an
 * error that says how to add it. Errors are thrown (not {@code System.exit}), so that a build tool
 * running this in its own JVM fails with the message.
 */
public final class MatrixMain {
  private MatrixMain() {}

  /** Runs with the flags described in the class comment. */
  public static void main(String[] args) throws IOException {
    Map<String, String> flags = parseFlags(args);
    Path reports = Path.of(require(flags, "reports"));
    Path output = Path.of(require(flags, "output"));
    String mode = mode(flags);
    CapabilityMatrix matrix =
        new CapabilityMatrix(collect(reports, !mode.equals("generate")), MatrixMain::requirements);
    String text = matrix.render();
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, text, StandardCharsets.UTF_8);
    System.out.println("Capability matrix written to " + output);
    if (!matrix.failures().isEmpty()) {
      System.out.println("Failed compliance tests: " + matrix.failures());
    }
    switch (mode) {
      case "generate" -> { }
      case "update" -> {
        Path checkedIn = Path.of(require(flags, "checked-in"));
        Files.writeString(checkedIn, text, StandardCharsets.UTF_8);
        System.out.println("Updated " + checkedIn);
      }
      case "check" -> check(Path.of(require(flags, "checked-in")), output, text);
      default -> throw new IllegalArgumentException(
          "--mode must be check, update or generate, not '" + mode + "'.");
    }
  }

  private static String mode(Map<String, String> flags) {
    String mode = flags.getOrDefault("mode", "check");
    if (!Boolean.parseBoolean(flags.getOrDefault("update", "false"))) {
      return mode;
    }
    if (!mode.equals("check")) {
      throw new IllegalArgumentException("The checked-in capability matrix can only be updated "
          + "from a run of the whole suite on every runner; drop -Drunner, -Dtest and "
          + "-Ddifferential.seed and run '" + CapabilityMatrix.UPDATE_COMMAND + "'.");
    }
    return "update";
  }

  /**
   * The results of every runner on the class path, read from {@code reports/NAME}.
   *
   * @param requireAll whether a runner without results is an error (else it is left out)
   */
  static List<RunnerResults> collect(Path reports, boolean requireAll) {
    List<RunnerResults> columns = new ArrayList<>();
    for (PipelineRunnerRegistrar r : PipelineRunners.available()) {
      Path dir = reports.resolve(r.name());
      if (!Files.isDirectory(dir) && !requireAll) {
        System.out.println("No results for runner '" + r.name() + "' in " + dir + "; left out.");
        continue;
      }
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException("Runner '" + r.name() + "' is on the class path but has "
            + "no compliance results in " + dir + ". Add a surefire execution for it to "
            + "compliance-tests/pom.xml (copy the one for 'direct'), or run all runners with "
            + "'mvn verify -pl compliance-tests -am'.");
      }
      List<TestOutcome> outcomes = withoutStale(SurefireReports.read(dir));
      columns.add(new RunnerResults(r.name(), r.capabilities(), outcomes));
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("No runner results in " + reports + ": run the compliance "
          + "tests first ('mvn verify -pl compliance-tests -am').");
    }
    return columns;
  }

  /**
   * Drops the reports of test classes that no longer exist (left in the reports directory by an
   * earlier build that was not cleaned).
   */
  static List<TestOutcome> withoutStale(List<TestOutcome> outcomes) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    Set<String> gone = new TreeSet<>();
    List<TestOutcome> kept = new ArrayList<>();
    for (TestOutcome o : outcomes) {
      try {
        Class.forName(o.className(), false, cl);
        kept.add(o);
      } catch (ClassNotFoundException | LinkageError e) {
        gone.add(o.className());
      }
    }
    if (!gone.isEmpty()) {
      System.out.println("Ignored the reports of test classes that no longer exist: " + gone);
    }
    return kept;
  }

  private static void check(Path checkedIn, Path generated, String text) throws IOException {
    String old = Files.exists(checkedIn) ? Files.readString(checkedIn, StandardCharsets.UTF_8) : "";
    if (old.equals(text)) {
      System.out.println(checkedIn + " is up to date.");
      return;
    }
    throw new IllegalStateException(checkedIn + " is stale: it differs from the matrix generated "
        + "from this build's test results (" + generated + ")" + firstDifference(old, text)
        + ". Update it with '" + CapabilityMatrix.UPDATE_COMMAND + "' (or copy " + generated
        + " over it) and commit it.");
  }

  static String firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String l = i < x.length ? x[i] : "<end of file>";
      String r = i < y.length ? y[i] : "<end of file>";
      if (!l.equals(r)) {
        return "; first difference at line " + (i + 1) + ": checked in '" + l + "', generated '"
            + r + "'";
      }
    }
    return "";
  }

  /** The capabilities a reported test requires, read from its class's annotations. */
  static Set<Capability> requirements(TestOutcome o) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> c = Class.forName(o.className(), false, cl);
      return TestRequirements.of(c, o.methodName());
    } catch (ClassNotFoundException | LinkageError e) {
      return Set.of(Capability.CORE); // not reached for collected outcomes: see withoutStale
    }
  }

  private static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected flags of the form --name=value, got '" + a
            + "'. Flags: --reports=DIR --output=FILE --checked-in=FILE "
            + "--mode=check|update|generate --update=true|false");
      }
      flags.put(a.substring(2, eq), a.substring(eq + 1));
    }
    return flags;
  }

  private static String require(Map<String, String> flags, String name) {
    String v = flags.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("Missing flag --" + name + "=...");
    }
    return v;
  }
}
