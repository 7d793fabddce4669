package dev.millrace.examples.complete.game;

import java.io.Serializable;

/**
 * A line that {@link ParseEventFn} could not read as a {@link GameEvent}, with the reason, so
 * malformed input is kept and can be inspected or written out instead of silently dropped.
 *
 * @param line the input line as it was read
 * @param error why it could not be parsed
 */
public record ParseFailure(String line, String error) implements Serializable {
  /** A one-line description, {@code error: line}. */
  @Override
  public String toString() {
    return error + ": " + line;
  }
}
