package dev.millrace.compliance.differential;

import java.util.ArrayList;
import java.util.List;

/** Explains a disagreement between a runner and the reference, with the seed to replay it. */
final class Differences {
  private Differences() {}

  /**
   * The failure message for case {@code c} on {@code runner} with {@code flags}; {@code actual} is
   * null when the pipeline failed instead of producing output.
   */
  static String describe(String runner, List<String> flags, GeneratedCase c,
      List<String> expected, List<String> actual) {
    StringBuilder sb = new StringBuilder("Differential case with seed " + c.seed()
        + " disagrees with the reference on runner '" + runner + "' with flags " + flags
        + ". Replay it with -D" + DifferentialTest.SEED_PROPERTY + "=" + c.seed() + ".\n"
        + "Case: " + c + "\nInputs: " + c.inputs() + "\nExpected: " + expected);
    if (actual != null) {
      sb.append("\nActual: ").append(actual)
          .append("\nMissing: ").append(minus(expected, actual))
          .append("\nUnexpected: ").append(minus(actual, expected));
    }
    return sb.toString();
  }

  /** The elements of {@code a} not matched in {@code b}, counting duplicates. */
  static List<String> minus(List<String> a, List<String> b) {
    List<String> rest = new ArrayList<>(a);
    for (String s : b) {
      rest.remove(s);
    }
    return rest;
  }
}
