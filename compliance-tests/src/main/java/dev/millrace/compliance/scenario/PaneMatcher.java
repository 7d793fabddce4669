package dev.millrace.compliance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.compliance.scenario.ScenarioValue.DoubleValue;
import dev.millrace.compliance.scenario.ScenarioValue.IntegerValue;
import dev.millrace.compliance.scenario.ScenarioValue.ListValue;
import dev.millrace.compliance.scenario.ScenarioValue.NullValue;
import dev.millrace.compliance.scenario.ScenarioValue.StringValue;
import dev.millrace.windowing.PaneInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares actual panes with expected ones as multisets. An expected pane constrains only the
 * fields it has; times compare as instants; numbers compare numerically (an expected {@code 3}
 * matches {@code 3.0}; doubles within a relative 1e-9); {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"} match those doubles; lists compare element by element. The check passes when
 * every actual pane can be paired with its own expected pane and none of either is left over (a
 * maximum bipartite matching, so partial patterns cannot steal each other's panes).
 */
public final class PaneMatcher {
  /** The relative tolerance for doubles. */
  public static final double TOLERANCE = 1e-9;

  private PaneMatcher() {}

  /**
   * The outcome of a comparison.
   *
   * @param missing expected panes no actual pane was paired with
   * @param unexpected actual panes no expected pane was paired with
   */
  public record Result(List<PanePattern> missing, List<ActualPane> unexpected) {
    /** Whether every pane was paired. */
    public boolean passed() {
      return missing.isEmpty() && unexpected.isEmpty();
    }
  }

  /** Pairs expected and actual panes as well as possible. */
  public static Result match(List<PanePattern> expected, List<ActualPane> actual) {
    int[] actualToExpected = new int[actual.size()];
    Arrays.fill(actualToExpected, -1);
    boolean[][] fits = new boolean[expected.size()][actual.size()];
    for (int e = 0; e < expected.size(); e++) {
      for (int a = 0; a < actual.size(); a++) {
        fits[e][a] = matches(expected.get(e), actual.get(a));
      }
    }
    boolean[] paired = new boolean[expected.size()];
    for (int e = 0; e < expected.size(); e++) {
      paired[e] = augment(e, fits, actualToExpected, new boolean[actual.size()]);
    }
    List<PanePattern> missing = new ArrayList<>();
    for (int e = 0; e < expected.size(); e++) {
      if (!paired[e]) {
        missing.add(expected.get(e));
      }
    }
    List<ActualPane> unexpected = new ArrayList<>();
    for (int a = 0; a < actual.size(); a++) {
      if (actualToExpected[a] < 0) {
        unexpected.add(actual.get(a));
      }
    }
    return new Result(missing, unexpected);
  }

  /** Kuhn's augmenting path search from expected pane {@code e}. */
  private static boolean augment(int e, boolean[][] fits, int[] owner, boolean[] seen) {
    for (int a = 0; a < owner.length; a++) {
      if (fits[e][a] && !seen[a]) {
        seen[a] = true;
        if (owner[a] < 0 || augment(owner[a], fits, owner, seen)) {
          owner[a] = e;
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code a} has every field {@code p} specifies. */
  public static boolean matches(PanePattern p, ActualPane a) {
    return differences(p, a).isEmpty();
  }

  /** The specified fields of {@code p} that {@code a} does not match, described for people. */
  public static List<String> differences(PanePattern p, ActualPane a) {
    List<String> diffs = new ArrayList<>();
    PaneInfo pane = a.pane();
    if (p.key() != null && !p.key().equals(a.key())) {
      diffs.add("key: expected \"" + p.key() + "\", actual \"" + a.key() + "\"");
    }
    if (p.value() != null && !valueMatches(p.value(), a.value())) {
      diffs.add("value: expected " + p.value() + ", actual " + PaneJson.valueNode(a.value()));
    }
    if (p.window() != null && !p.window().equals(a.window())) {
      diffs.add("window: expected " + p.window() + ", actual " + a.window());
    }
    if (p.timestamp() != null && p.timestamp() != a.timestamp()) {
      diffs.add("timestamp: expected " + ScenarioTimes.readable(p.timestamp()) + ", actual "
          + ScenarioTimes.readable(a.timestamp()));
    }
    check(diffs, "pane.timing", p.timing(), pane.timing().name());
    check(diffs, "pane.index", p.index(), pane.index());
    check(diffs, "pane.nonSpeculativeIndex", p.nonSpeculativeIndex(), pane.nonSpeculativeIndex());
    check(diffs, "pane.first", p.first(), pane.isFirst());
    check(diffs, "pane.last", p.last(), pane.isLast());
    return diffs;
  }

  private static void check(List<String> diffs, String field, Object expected, Object actual) {
    if (expected != null && !Objects.equals(expected, actual)) {
      diffs.add(field + ": expected " + expected + ", actual " + actual);
    }
  }

  /** Whether an actual value matches an expected JSON value. */
  public static boolean valueMatches(JsonNode expected, ScenarioValue actual) {
    if (expected.isNull()) {
      return actual instanceof NullValue;
    }
    if (expected.isArray()) {
      if (!(actual instanceof ListValue l) || l.values().size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!valueMatches(expected.get(i), l.values().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isTextual()) {
      String text = expected.textValue();
      if (actual instanceof StringValue s) {
        return s.value().equals(text);
      }
      if (actual instanceof DoubleValue d) {
        return switch (text) {
          case "NaN" -> Double.isNaN(d.value());
          case "Infinity" -> d.value() == Double.POSITIVE_INFINITY;
          case "-Infinity" -> d.value() == Double.NEGATIVE_INFINITY;
          default -> false;
        };
      }
      return false;
    }
    if (expected.isNumber()) {
      if (actual instanceof IntegerValue i && expected.isIntegralNumber()
          && expected.canConvertToLong()) {
        return i.value() == expected.longValue();
      }
      if (actual instanceof IntegerValue || actual instanceof DoubleValue) {
        return close(expected.doubleValue(), ScenarioValue.asDouble(actual));
      }
    }
    return false;
  }

  /** Equal within the relative tolerance (infinities only equal themselves; NaN nothing). */
  static boolean close(double x, double y) {
    if (x == y) {
      return true;
    }
    if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
      return false;
    }
    return Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
  }
}
