package dev.millrace.compliance.scenario;

import java.util.List;
import java.util.Optional;

/**
 * One parsed, validated scenario file: a keyed pipeline ({@link Step}s applied to a
 * {@code PCollection<KV<String, value>>}), its scripted input ({@link InputEvent}s, replayed as a
 * TestStream) and optionally the output panes it must produce.
 *
 * @param name the scenario's name, printed in PASS/FAIL lines
 * @param description free text (may be empty)
 * @param startProcessingTime where the processing-time clock starts, epoch millis
 * @param steps the pipeline, in order
 * @param input the events, in order; processing-time events are already relative advances
 * @param expected the expected panes, empty when the file has no {@code "expected"} field
 */
public record Scenario(
    String name,
    String description,
    long startProcessingTime,
    List<Step> steps,
    List<InputEvent> input,
    Optional<List<PanePattern>> expected) {

  /** Copies the lists. */
  public Scenario {
    steps = List.copyOf(steps);
    input = List.copyOf(input);
    expected = expected.map(List::copyOf);
  }

  /**
   * The kind of the input values: {@link ValueKind#STRING} if any value is a string,
   * {@link ValueKind#DOUBLE} if any is a non-integer number, else {@link ValueKind#INTEGER} (the
   * parser rejects strings mixed with numbers).
   */
  public ValueKind inputKind() {
    ValueKind kind = ValueKind.INTEGER;
    for (InputEvent e : input) {
      if (e instanceof InputEvent.Add add) {
        for (InputEvent.Element el : add.elements()) {
          if (el.value() instanceof ScenarioValue.StringValue) {
            return ValueKind.STRING;
          }
          if (el.value() instanceof ScenarioValue.DoubleValue) {
            kind = ValueKind.DOUBLE;
          }
        }
      }
    }
    return kind;
  }
}
