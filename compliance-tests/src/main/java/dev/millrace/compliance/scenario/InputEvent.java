package dev.millrace.compliance.scenario;

import java.util.List;

/** One event of a scenario's scripted input, already validated. */
public sealed interface InputEvent
    permits InputEvent.Add, InputEvent.Watermark, InputEvent.AdvanceProcessingTime {

  /**
   * Elements arriving together, in one bundle.
   *
   * @param elements the elements (possibly none)
   */
  record Add(List<Element> elements) implements InputEvent {
    /** Copies the list. */
    public Add {
      elements = List.copyOf(elements);
    }
  }

  /**
   * The watermark advancing (strictly) to an instant.
   *
   * @param millis the new watermark in epoch millis
   */
  record Watermark(long millis) implements InputEvent {}

  /**
   * Processing time advancing by a positive amount ({@code "processingTime": T} is converted to
   * the advance from the current processing time).
   *
   * @param millis the advance
   */
  record AdvanceProcessingTime(long millis) implements InputEvent {}

  /**
   * One input element.
   *
   * @param key its key
   * @param value its value, as written (integers are converted to doubles later when needed)
   * @param timestamp its event time in epoch millis
   */
  record Element(String key, ScenarioValue value, long timestamp) {}
}
