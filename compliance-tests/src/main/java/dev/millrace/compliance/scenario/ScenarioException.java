package dev.millrace.compliance.scenario;

import java.nio.file.Path;

/**
 * A scenario file that cannot be run: malformed (bad JSON, a missing or unknown field, a bad
 * value, an invalid event sequence) or using a feature that is not supported (for example an
 * unsafe trigger, or the sum of strings). Either way it is the file's fault, not the runner's, and
 * the scenario command exits with status 2. The message names the file, the JSON path of the
 * offending part (like {@code $.steps[0].window.trigger.count}) and what is wrong.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether the file is malformed or asks for something unsupported. */
  public enum Kind {
    /** The file does not follow the format. */
    MALFORMED,
    /** The file is well-formed but uses a feature that cannot run. */
    UNSUPPORTED
  }

  private final Kind kind;
  private final String jsonPath;
  private final String problem;
  private final Path file;

  /** An error at a JSON path, without a file yet (see {@link #inFile}). */
  public ScenarioException(Kind kind, String jsonPath, String problem) {
    this(kind, jsonPath, problem, null, null);
  }

  /** An error at a JSON path caused by another exception. */
  public ScenarioException(Kind kind, String jsonPath, String problem, Throwable cause) {
    this(kind, jsonPath, problem, null, cause);
  }

  private ScenarioException(Kind kind, String jsonPath, String problem, Path file, Throwable cause) {
    super(render(kind, jsonPath, problem, file), cause);
    this.kind = kind;
    this.jsonPath = jsonPath;
    this.problem = problem;
    this.file = file;
  }

  /** A malformed-file error. */
  static ScenarioException malformed(String jsonPath, String problem) {
    return new ScenarioException(Kind.MALFORMED, jsonPath, problem);
  }

  /** An unsupported-feature error. */
  static ScenarioException unsupported(String jsonPath, String problem) {
    return new ScenarioException(Kind.UNSUPPORTED, jsonPath, problem);
  }

  /** This error, naming the file it was found in. */
  public ScenarioException inFile(Path file) {
    ScenarioException e = new ScenarioException(kind, jsonPath, problem, file, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  private static String render(Kind kind, String jsonPath, String problem, Path file) {
    String where = (file == null ? "" : file + ": ") + "at " + jsonPath + ": ";
    String what = kind == Kind.UNSUPPORTED ? "unsupported: " : "";
    return where + what + problem;
  }

  public Kind kind() {
    return kind;
  }

  /** The JSON path of the offending part, {@code $} for the whole document. */
  public String jsonPath() {
    return jsonPath;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** The file, or null when not known yet. */
  public Path file() {
    return file;
  }
}
