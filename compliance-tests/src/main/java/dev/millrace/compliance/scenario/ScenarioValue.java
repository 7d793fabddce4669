package dev.millrace.compliance.scenario;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A value flowing through a scenario pipeline: the JSON-like values the scenario format knows
 * (integers, doubles, strings, {@code null} and lists of values). Values of one collection all
 * have the same {@link ValueKind}; {@code null} only appears as the empty-pane result of a string
 * {@code min}/{@code max}.
 */
public sealed interface ScenarioValue extends Serializable, Comparable<ScenarioValue>
    permits ScenarioValue.IntegerValue,
        ScenarioValue.DoubleValue,
        ScenarioValue.StringValue,
        ScenarioValue.NullValue,
        ScenarioValue.ListValue {

  /** A 64-bit integer. */
  record IntegerValue(long value) implements ScenarioValue {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A double; NaN and the infinities are allowed. */
  record DoubleValue(double value) implements ScenarioValue {
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** A string. */
  record StringValue(String value) implements ScenarioValue {
    /** Rejects null; use {@link NullValue}. */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** The absent value (min or max of no strings). */
  record NullValue() implements ScenarioValue {
    /** The single instance to use. */
    public static final NullValue INSTANCE = new NullValue();

    @Override
    public String toString() {
      return "null";
    }
  }

  /** A list of values, as produced by the {@code list} combine (sorted ascending). */
  record ListValue(List<ScenarioValue> values) implements ScenarioValue {
    /** Copies the list. */
    public ListValue {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  /** Shorthand for an integer. */
  static ScenarioValue of(long v) {
    return new IntegerValue(v);
  }

  /** Shorthand for a double. */
  static ScenarioValue of(double v) {
    return new DoubleValue(v);
  }

  /** Shorthand for a string. */
  static ScenarioValue of(String v) {
    return new StringValue(v);
  }

  /**
   * Orders values: null first, then numbers by numeric value (integers and doubles compare with
   * each other), then strings, then lists (element-wise, shorter first on a common prefix).
   */
  @Override
  default int compareTo(ScenarioValue o) {
    return ORDER.compare(this, o);
  }

  /** The order of {@link #compareTo}. */
  Comparator<ScenarioValue> ORDER = ScenarioValue::compareValues;

  private static int rank(ScenarioValue v) {
    if (v instanceof NullValue) {
      return 0;
    }
    if (v instanceof IntegerValue || v instanceof DoubleValue) {
      return 1;
    }
    return v instanceof StringValue ? 2 : 3;
  }

  private static int compareValues(ScenarioValue a, ScenarioValue b) {
    int r = Integer.compare(rank(a), rank(b));
    if (r != 0) {
      return r;
    }
    if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
      return Long.compare(x.value(), y.value());
    }
    if (a instanceof StringValue x && b instanceof StringValue y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof ListValue x && b instanceof ListValue y) {
      int n = Math.min(x.values().size(), y.values().size());
      for (int i = 0; i < n; i++) {
        int c = compareValues(x.values().get(i), y.values().get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.values().size(), y.values().size());
    }
    if (rank(a) == 1) {
      return Double.compare(asDouble(a), asDouble(b));
    }
    return 0;
  }

  /** The numeric value of an integer or double. */
  static double asDouble(ScenarioValue v) {
    if (v instanceof IntegerValue i) {
      return i.value();
    }
    if (v instanceof DoubleValue d) {
      return d.value();
    }
    throw new IllegalArgumentException("not a number: " + v);
  }
}
