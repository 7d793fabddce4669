package dev.millrace.compliance.scenario;

import java.util.Locale;

/** The aggregations a {@code combinePerKey} step can apply, named as in the scenario format. */
public enum CombineKind {
  /** The sum of numbers; 0 for an empty pane. */
  SUM,
  /** The number of values; 0 for an empty pane. */
  COUNT,
  /** The smallest value; the kind's maximum (or null for strings) for an empty pane. */
  MIN,
  /** The largest value; the kind's minimum (or null for strings) for an empty pane. */
  MAX,
  /** The mean of numbers as a double; NaN for an empty pane. */
  MEAN,
  /** All values as a list sorted ascending; {@code []} for an empty pane. */
  LIST;

  /** The name used in scenario files, e.g. {@code "sum"}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind of this combine's output for inputs of {@code in}, or null when the combination is
   * unsupported.
   */
  public ValueKind outputKind(ValueKind in) {
    if (in == ValueKind.LIST) {
      return this == COUNT ? ValueKind.INTEGER : null;
    }
    return switch (this) {
      case COUNT -> ValueKind.INTEGER;
      case SUM -> in.isNumeric() ? in : null;
      case MEAN -> in.isNumeric() ? ValueKind.DOUBLE : null;
      case MIN, MAX -> in;
      case LIST -> ValueKind.LIST;
    };
  }
}
