package dev.millrace.compliance.scenario;

import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.PipelineRunners;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scenario command: {@code ./millrace scenario --runner=NAME [--print] FILE_OR_DIR...}.
 *
 * <p>Check mode runs every scenario that has {@code "expected"} panes and prints {@code PASS name}
 * or {@code FAIL name} with a diff, then {@code N passed, N failed} (followed by
 * {@code , N skipped} when some files have no expected panes; those are listed as {@code SKIP}).
 * {@code --print} runs every scenario and prints each output pane as one JSON line, sorted, with
 * {@code == FILE} before each file's output when there are several files. A directory stands for
 * every {@code *.json} file below it, in sorted order.
 *
 * <p>Errors: a malformed file or an unsupported feature is reported on stderr with the file, the
 * JSON path and the problem, and makes the exit status 2; <em>the other files are still run</em>
 * and reported, so one bad file does not hide the results of the rest. Usage errors (an unknown
 * flag, no files, an unknown runner, a missing path) also exit with 2, before anything runs. Exit
 * status: 0 when every check passed (or everything printed), 1 when a check failed or a pipeline
 * failed, 2 on any error as above.
 */
public final class ScenarioMain {
  static final String USAGE =
      "usage: ./millrace scenario --runner=NAME [--print] FILE_OR_DIR...\n"
          + "  --runner=NAME  the runner to use (default: direct)\n"
          + "  --print        print the actual panes, one JSON object a line, instead of checking\n"
          + "  FILE_OR_DIR    scenario files, or directories holding *.json scenario files";

  private final PrintStream out;
  private final PrintStream err;
  private boolean errors;
  private boolean failures;

  private ScenarioMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /** Runs the command, writing to the given streams, and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new ScenarioMain(out, err).execute(args);
  }

  private int execute(String[] args) {
    String runner = "direct";
    boolean print = false;
    List<String> paths = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      } else if (a.equals("--print")) {
        print = true;
      } else if (a.startsWith("-")) {
        return usageError("unknown flag '" + a + "'");
      } else {
        paths.add(a);
      }
    }
    if (paths.isEmpty()) {
      return usageError("no scenario files or directories given");
    }
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs("--runner=" + runner).create();
      PipelineRunners.fromOptions(options);
    } catch (RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    List<Path> files = new ArrayList<>();
    for (String p : paths) {
      if (!expand(Path.of(p), files)) {
        return 2;
      }
    }
    if (print) {
      printAll(files, options);
    } else {
      checkAll(files, options);
    }
    return errors ? 2 : failures ? 1 : 0;
  }

  private int usageError(String problem) {
    err.println("error: " + problem);
    err.println(USAGE);
    return 2;
  }

  /** Adds the file, or the *.json files under the directory; false (after a message) if none. */
  private boolean expand(Path p, List<Path> files) {
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        List<Path> found = s.filter(f -> Files.isRegularFile(f))
            .filter(f -> f.getFileName().toString().endsWith(".json"))
            .sorted()
            .toList();
        if (found.isEmpty()) {
          err.println("error: the directory " + p + " holds no *.json scenario files");
          return false;
        }
        files.addAll(found);
        return true;
      } catch (IOException | UncheckedIOException e) {
        err.println("error: cannot list the directory " + p + ": " + e.getMessage());
        return false;
      }
    }
    if (!Files.isRegularFile(p)) {
      err.println("error: no such file or directory: " + p);
      return false;
    }
    files.add(p);
    return true;
  }

  private void checkAll(List<Path> files, PipelineOptions options) {
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (Path file : files) {
      Scenario s = parse(file);
      if (s == null) {
        continue;
      }
      if (s.expected().isEmpty()) {
        out.println("SKIP " + s.name() + " (" + file + " has no \"expected\" panes; use --print)");
        skipped++;
        continue;
      }
      Outcome outcome = runScenario(s, file, options);
      if (outcome == null) {
        continue;
      }
      if (outcome.failure() != null) {
        out.println("FAIL " + s.name() + " (" + file + ")");
        out.println("  the pipeline failed: " + outcome.failure());
        failed++;
        continue;
      }
      PaneMatcher.Result result = PaneMatcher.match(s.expected().get(), outcome.panes());
      if (result.passed()) {
        out.println("PASS " + s.name());
        passed++;
      } else {
        out.println("FAIL " + s.name() + " (" + file + ")");
        ScenarioReport.diff(result).forEach(out::println);
        failed++;
      }
    }
    failures = failed > 0;
    out.println(passed + " passed, " + failed + " failed"
        + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    if (errors) {
      err.println("some files could not be run (see the errors above): exit status 2");
    }
  }

  private void printAll(List<Path> files, PipelineOptions options) {
    for (Path file : files) {
      if (files.size() > 1) {
        out.println("== " + file);
      }
      Scenario s = parse(file);
      if (s == null) {
        continue;
      }
      Outcome outcome = runScenario(s, file, options);
      if (outcome == null) {
        continue;
      }
      if (outcome.failure() != null) {
        err.println("FAIL " + s.name() + " (" + file + "): the pipeline failed: "
            + outcome.failure());
        failures = true;
        continue;
      }
      List<ActualPane> sorted = new ArrayList<>(outcome.panes());
      sorted.sort(PaneJson.ORDER);
      sorted.forEach(p -> out.println(PaneJson.line(p)));
    }
  }

  /**
   * What running a scenario gave: its panes, or why the pipeline failed.
   *
   * @param panes the captured panes, or null on failure
   * @param failure the failure, or null
   */
  private record Outcome(List<ActualPane> panes, String failure) {}

  private Scenario parse(Path file) {
    try {
      return ScenarioParser.parse(file);
    } catch (ScenarioException e) {
      reportError(e);
      return null;
    }
  }

  /** Runs a scenario; null (after reporting the error) when it cannot be built. */
  private Outcome runScenario(Scenario s, Path file, PipelineOptions options) {
    try {
      return new Outcome(ScenarioPipeline.run(s, options), null);
    } catch (ScenarioException e) {
      reportError(e.inFile(file));
      return null;
    } catch (RuntimeException e) {
      return new Outcome(null, causes(e));
    }
  }

  private void reportError(ScenarioException e) {
    err.println("ERROR " + e.getMessage());
    errors = true;
  }

  private static String causes(Throwable t) {
    StringBuilder s = new StringBuilder(String.valueOf(t));
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      s.append("\n    caused by: ").append(c);
    }
    return s.toString();
  }
}
