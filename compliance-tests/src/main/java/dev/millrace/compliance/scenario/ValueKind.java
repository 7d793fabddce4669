package dev.millrace.compliance.scenario;

/**
 * The kind of every value of a scenario collection, decided before the pipeline is built: the
 * input is {@link #INTEGER} unless a value is a non-integer number ({@link #DOUBLE}, and every
 * integer becomes a double) or a string ({@link #STRING}); each combine then gives its output kind.
 */
public enum ValueKind {
  /** 64-bit integers. */
  INTEGER,
  /** Doubles. */
  DOUBLE,
  /** Strings (and {@code null} for the min/max of an empty pane). */
  STRING,
  /** Lists of values, sorted ascending. */
  LIST;

  /** Whether values of this kind are numbers. */
  public boolean isNumeric() {
    return this == INTEGER || this == DOUBLE;
  }
}
