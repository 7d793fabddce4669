package dev.millrace.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line flags a {@code TestPipeline} is created with, read from two system properties:
 * {@value #OPTIONS_PROPERTY} (a JSON array of flags such as {@code ["--runner=direct",
 * "--targetParallelism=2"]}, or the same flags separated by spaces) and {@value #RUNNER_PROPERTY}
 * (a shortcut: {@code -Drunner=NAME} adds {@code --runner=NAME}). Internal.
 */
public final class TestOptionsArgs {
  /** The system property holding the flags. */
  public static final String OPTIONS_PROPERTY = "millraceTestPipelineOptions";
  /** The system property naming the runner. */
  public static final String RUNNER_PROPERTY = "runner";

  private TestOptionsArgs() {}

  /** The flags given by the current system properties. */
  public static List<String> fromSystemProperties() {
    return parse(System.getProperty(OPTIONS_PROPERTY), System.getProperty(RUNNER_PROPERTY));
  }

  /**
   * The flags given by the two properties' values (either may be null or blank).
   *
   * @throws IllegalArgumentException if the options are not valid JSON, or name another runner
   *     than the runner property
   */
  public static List<String> parse(String options, String runner) {
    List<String> args = new ArrayList<>(parseOptions(options));
    if (runner != null && !runner.isBlank()) {
      String flag = "--runner=" + runner.trim();
      for (String a : args) {
        if (a.startsWith("--runner=") && !a.equals(flag)) {
          throw new IllegalArgumentException(
              "The system properties disagree about the runner: -D" + RUNNER_PROPERTY + "="
                  + runner.trim() + " but -D" + OPTIONS_PROPERTY + " contains " + a
                  + ". Give the runner in only one of them.");
        }
      }
      if (!args.contains(flag)) {
        args.add(flag);
      }
    }
    return List.copyOf(args);
  }

  private static List<String> parseOptions(String options) {
    if (options == null || options.isBlank()) {
      return List.of();
    }
    String trimmed = options.trim();
    if (!trimmed.startsWith("[")) {
      return Arrays.asList(trimmed.split("\\s+"));
    }
    try {
      String[] flags = new ObjectMapper().readValue(trimmed, String[].class);
      for (String f : flags) {
        if (f == null) {
          throw new IllegalArgumentException(
              "-D" + OPTIONS_PROPERTY + " contains a null flag: " + trimmed);
        }
      }
      return Arrays.asList(flags);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "-D" + OPTIONS_PROPERTY + " must be a JSON array of strings such as "
              + "[\"--runner=direct\",\"--targetParallelism=2\"], or flags separated by spaces, "
              + "but it is " + trimmed + " (" + e.getOriginalMessage() + ")", e);
    }
  }
}
