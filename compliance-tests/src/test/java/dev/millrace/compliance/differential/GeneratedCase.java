package dev.millrace.compliance.differential;

import java.util.List;

/**
 * A randomly generated pipeline and its input, reproducible from {@code seed}.
 *
 * @param seed the seed that generated it
 * @param inputs the source elements, in the (shuffled) order given to {@code Create}
 * @param steps the steps applied to the source, in order
 */
record GeneratedCase(long seed, List<Input> inputs, List<Step> steps) {
  /** One source element: a key, a value and an event timestamp in epoch millis. */
  record Input(String key, long value, long timestampMillis) {}

  GeneratedCase {
    inputs = List.copyOf(inputs);
    steps = List.copyOf(steps);
  }

  @Override
  public String toString() {
    return "seed " + seed + ": " + inputs.size() + " inputs, steps " + steps;
  }
}
