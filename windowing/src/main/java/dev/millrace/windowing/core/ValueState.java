package dev.millrace.windowing.core;

/**
 * A cell holding a single value.
 *
 * @param <T> the type of the value
 */
public interface ValueState<T> extends State {
  /** The value last written, or {@code null} if none was written since the last clear. */
  T read();

  /** Replaces the value; {@code value} must not be null (use {@link #clear()}). */
  void write(T value);
}
